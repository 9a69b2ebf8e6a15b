#!/usr/bin/env node
import { runCli } from './cli.js';

// The one place that touches the process: arguments in, exit status out, Ctrl-C to a signal.
const controller = new AbortController();
// `once`: a second Ctrl-C falls back to Node's default and ends the process at once.
process.once('SIGINT', () => controller.abort());

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
  debug: process.env.INPAINT_DEBUG === '1',
});
