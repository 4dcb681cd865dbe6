import { InvalidArgumentError, Option } from 'commander';

/** A parser for a whole-number flag of at least `min`; commander turns its error into a one-line usage error (exit 2). */
export function integerAtLeast(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    }
    return n;
  };
}

/** A non-negative whole number (limits, counts, milliseconds). */
export const parseCount = integerAtLeast(0);

/** A similarity in (0, 1], as `--dup-threshold` takes. */
export function parseSimilarity(value: string): number {
  const n = Number(value);
  if (!/^\s*(0?\.\d+|1(\.0*)?)\s*$/.test(value) || !(n > 0 && n <= 1)) throw new InvalidArgumentError('expected a number in (0, 1], e.g. 0.8');
  return n;
}

/** A flag restricted to a fixed set of values, listed in --help and checked by commander. */
export function choiceOption(flags: string, description: string, choices: readonly string[], defaultValue?: string): Option {
  const option = new Option(flags, description).choices(choices);
  return defaultValue === undefined ? option : option.default(defaultValue);
}

/** Collects a repeatable flag (`--include A --include B`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
