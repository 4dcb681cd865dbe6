/**
 * An error the user can cause and fix (bad flag value, unreadable file, corrupt archive, held lock).
 * The CLI prints its message on one `newsarc:` line, never a stack trace, and exits with `exitCode`.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** One-line reason for any thrown value, for `newsarc: <input>: <reason>` lines. */
export function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}
