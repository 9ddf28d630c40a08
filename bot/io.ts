/** Where a command writes. Tests pass their own; the CLI passes the process's. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Bad usage, bad configuration or an unreadable file: exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The wiki or the network failed: exit status 1. */
export class WikiError extends Error {
  override name = 'WikiError';
}
