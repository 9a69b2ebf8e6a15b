/** What the CLI writes to: process.stdout / process.stderr, or a stand-in in tests. */
export interface OutputStream {
  write(text: string): unknown;
  /** True for an interactive terminal: live progress bars are drawn only there. */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Everything a command needs from the process, passed in so that the CLI can run in a test. */
export interface CliEnvironment {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Fires on Ctrl-C (SIGINT): long work stops at its next check and leaves no partial file. */
  readonly signal: AbortSignal;
  /** Print stacks with errors (INPAINT_DEBUG=1). */
  readonly debug: boolean;
}

/** Resolves once `signal` fires (Ctrl-C): what a long-running command (serve, worker) waits for. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
