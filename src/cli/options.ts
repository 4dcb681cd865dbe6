import { InvalidArgumentError, Option } from 'commander';

/** Parses a non-negative integer flag value; commander turns the error into a one-line usage error (exit 2). */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a non-negative whole number');
  return Number(value);
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
