import cliProgress from 'cli-progress';

/**
 * Progress for long commands (crawl, sync, reextract): a live bar on a terminal only, never in a pipe or a
 * log file, where it would be noise. `fields` are shown after the counts, e.g. `{ queued: 120, failed: 3 }`.
 */
export class ProgressBar {
  private readonly bar: cliProgress.SingleBar | null;
  private readonly startedAt = Date.now();
  private started = false;

  constructor(
    private readonly label: string,
    stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.bar = stream.isTTY
      ? new cliProgress.SingleBar(
          {
            stream,
            format: `${label} {bar} {value}/{total} {fields} | {rate}/s`,
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 50,
            barsize: 24,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  }

  get active(): boolean {
    return this.bar !== null;
  }

  update(done: number, total: number, fields: Record<string, number> = {}): void {
    if (!this.bar) return;
    const seconds = (Date.now() - this.startedAt) / 1000;
    const payload = {
      fields: Object.entries(fields).map(([name, n]) => `| ${n} ${name}`).join(' '),
      rate: seconds > 0 ? (done / seconds).toFixed(1) : '0.0',
    };
    if (!this.started) {
      this.bar.start(Math.max(total, done), done, payload);
      this.started = true;
      return;
    }
    this.bar.setTotal(Math.max(total, done));
    this.bar.update(done, payload);
  }

  stop(): void {
    if (this.bar && this.started) this.bar.stop();
  }
}

export type LogFormat = 'text' | 'json';

/** One log line (`--log-format`): a timestamp plus the given fields, as `key=value` text or one JSON object. */
export function formatLogLine(format: LogFormat, fields: Record<string, string | number | null>): string {
  const time = new Date().toISOString();
  if (format === 'json') return `${JSON.stringify({ time, ...fields })}\n`;
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}=${typeof v === 'string' && /\s|"/.test(v) ? JSON.stringify(v) : v}`);
  return `${time} ${parts.join(' ')}\n`;
}

/** `1234` → `1.2s`, `72000` → `1m12s`: durations in summaries. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Math.round((ms % 60_000) / 1000)}s`;
}
