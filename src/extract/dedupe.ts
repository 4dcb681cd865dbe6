import { flowOf, type Block } from './blocks.js';
import { THRESHOLDS } from './rules.js';

/** Unmatched blocks a copy may have between matched ones (a metadata line laid out differently, an ad slot). */
const MAX_RUN_GAP = 3;
/** A single line repeated this often is page furniture (gallery captions, "Continue reading" widgets). */
const MIN_REFRAIN_COUNT = 3;

interface CopyRun {
  /** Positions (in the body list) of the later copy's matched blocks, ascending. */
  later: number[];
  /** Positions of the blocks they repeat, ascending. */
  earlier: number[];
}

function richness(blocks: readonly Block[], from: number, to: number): number {
  let score = 0;
  for (let i = from; i <= to; i++) {
    const b = blocks[i]!;
    score += b.words + (b.kind === 'h' || b.kind === 'img' || b.kind === 'li' || b.kind === 'table' ? 5 : 0);
  }
  return score;
}

/**
 * Template copies of a body (mobile and desktop layouts, print and AMP versions, <noscript>) live in containers of
 * their own; a run repeated inside one flow of paragraphs is the article repeating itself (meal plans, recipes,
 * lyrics with a chorus).
 */
function isSameFlow(earlier: Block, later: Block): boolean {
  return flowOf(earlier) === flowOf(later);
}

/**
 * Removes second copies of the body (desktop + mobile layouts, print and AMP copies, <noscript> fallbacks):
 * runs of blocks whose fingerprints repeat earlier blocks in the same order. The richer copy stays. A single
 * repeated short block (a pull quote, a refrain) is not a run and stays.
 */
export function dropRepeatedRuns(blocks: readonly Block[]): Block[] {
  const firstAt = new Map<string, number>();
  const repeats: Array<number | undefined> = new Array(blocks.length);
  blocks.forEach((b, i) => {
    if (!b.fingerprint) return;
    const first = firstAt.get(b.fingerprint);
    if (first === undefined) firstAt.set(b.fingerprint, i);
    else repeats[i] = first;
  });

  const runs: CopyRun[] = [];
  let current: CopyRun | null = null;
  let gap = 0;
  for (let i = 0; i < blocks.length; i++) {
    const earlier = repeats[i];
    if (earlier === undefined) {
      if (current && blocks[i]!.fingerprint && ++gap > MAX_RUN_GAP) current = null;
      continue;
    }
    if (current && earlier > current.earlier[current.earlier.length - 1]!) {
      current.later.push(i);
      current.earlier.push(earlier);
    } else {
      current = { later: [i], earlier: [earlier] };
      runs.push(current);
    }
    gap = 0;
  }

  const dropped = new Set<number>();
  for (const run of runs) {
    // A copy repeats prose; a run of short labels (speaker names of an interview, "Ingredients:") is a pattern.
    const repeatsProse = run.later.some((i) => blocks[i]!.words >= THRESHOLDS.minScoredWords);
    const isCopy = repeatsProse && (run.later.length >= THRESHOLDS.minCopyRun ||
      blocks[run.later[0]!]!.words >= THRESHOLDS.minCopyBlockWords);
    if (!isCopy || isSameFlow(blocks[run.earlier[0]!]!, blocks[run.later[0]!]!)) continue;
    const [lFrom, lTo] = [run.later[0]!, run.later[run.later.length - 1]!];
    const [eFrom, eTo] = [run.earlier[0]!, run.earlier[run.earlier.length - 1]!];
    const laterIsRicher = richness(blocks, lFrom, lTo) > richness(blocks, eFrom, eTo);
    const copy = laterIsRicher ? run.earlier : run.later;
    // The copy's own unmatched lines (a metadata line, an ad slot) go with it; text between matches lying far
    // apart is not part of a copy (the earlier positions of a run are only ordered, not adjacent).
    copy.forEach((at, k) => {
      const next = copy[k + 1];
      const to = next !== undefined && next - at - 1 <= MAX_RUN_GAP ? next - 1 : at;
      for (let i = at; i <= to; i++) dropped.add(i);
    });
  }

  // A line printed three times or more in separate places is a widget or a gallery caption, not prose: the first stays.
  const timesSeen = new Map<string, number>();
  for (const b of blocks) if (b.fingerprint) timesSeen.set(b.fingerprint, (timesSeen.get(b.fingerprint) ?? 0) + 1);
  blocks.forEach((b, i) => {
    const first = repeats[i];
    if (first !== undefined && timesSeen.get(b.fingerprint)! >= MIN_REFRAIN_COUNT && !isSameFlow(blocks[first]!, b)) dropped.add(i);
  });

  const seenImages = new Set<string>();
  return blocks.filter((b, i) => {
    if (dropped.has(i)) return false;
    if (b.image) {
      if (seenImages.has(b.image.src)) return false;
      seenImages.add(b.image.src);
    }
    return true;
  });
}
