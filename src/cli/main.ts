#!/usr/bin/env node
import { runCli } from './cli.js';
import { ignoreClosedPipe } from './closed-pipe.js';

// The one place that touches the process: arguments in, exit status out, Ctrl-C (or a service
// manager's SIGTERM) to a signal, so the work stops cleanly and leaves no partial output.
const controller = new AbortController();
// `once`: a second signal falls back to Node's default and ends the process at once.
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
// `inpaint --help | head -3`: a reader that stops early is no failure, so no EPIPE crash.
ignoreClosedPipe(process.stdout);
ignoreClosedPipe(process.stderr);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
  debug: process.env.INPAINT_DEBUG === '1',
});
