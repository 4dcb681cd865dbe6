/**
 * Published figures of systems that cannot run here (no PyPI, no crates), quoted beside ours and marked as
 * quoted: they are on the whole sets, ours on the dev two thirds (../shared/datasets/README.md).
 */
export interface QuotedFigure {
  system: string;
  set: string;
  figure: string;
  source: string;
}

export const QUOTED: QuotedFigure[] = [
  { system: 'trafilatura 2.0', set: 'scrapinghub-aeb (all 181)', figure: 'F1 0.958 P 0.938 R 0.978 acc 0.293', source: 'AEB README' },
  { system: 'rs_trafilatura', set: 'scrapinghub-aeb (all 181)', figure: 'F1 0.970 P 0.951 R 0.990 acc 0.287', source: 'AEB README' },
  { system: 'go_trafilatura', set: 'scrapinghub-aeb (all 181)', figure: 'F1 0.960 P 0.940 R 0.980 acc 0.287', source: 'AEB README' },
  { system: 'Readability.js 0.6', set: 'scrapinghub-aeb (all 181)', figure: 'F1 0.947 P 0.914 R 0.982 acc 0.166', source: 'AEB README' },
  { system: 'readability-lxml', set: 'scrapinghub-aeb (all 181)', figure: 'F1 0.922 P 0.913 R 0.931 acc 0.315', source: 'AEB README' },
  { system: 'newspaper4k', set: 'scrapinghub-aeb (all 181)', figure: 'F1 0.949 P 0.964 R 0.934 acc 0.326', source: 'AEB README' },
  { system: 'trafilatura 2.2', set: 'trafilatura-eval (all 990)', figure: 'snippet F1 0.924', source: 'trafilatura docs' },
  { system: 'htmldate (extensive)', set: 'htmldate-eval', figure: 'date F 0.949', source: 'htmldate docs' },
  { system: 'dataset author extractor', set: 'chinese-wced (all 69)', figure: 'AEB F1 0.878 P 0.885 R 0.872 acc 0.174', source: 'chinese-wced reference-outputs/published-score.txt' },
];
