import type { JobFailure, JobReport } from './queued-job-report.js';

/** Progress this close together is sent once: every update is a Redis write and an event to every server. */
const minIntervalMs = 100;

/**
 * Keeps a running job's report and sends it (BullMQ's updateProgress) as it changes: progress at
 * most every 100 ms, notes and the error at once. Sending never fails the work: a report lost
 * while Redis is away is replaced by the next.
 */
export class ReportSender {
  private report: JobReport = { fraction: 0, notes: [] };
  private lastSent = 0;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly send: (report: JobReport) => Promise<void>) {}

  readonly progress = (fraction: number, stage?: string): void => {
    this.report = { ...this.report, fraction: Math.min(1, Math.max(0, fraction)), stage };
    if (Date.now() - this.lastSent >= minIntervalMs || fraction >= 1) this.flush();
  };

  readonly note = (message: string): void => {
    this.report = { ...this.report, notes: [...this.report.notes, message] };
    this.flush();
  };

  /** Records why the job failed and waits until that is sent. */
  async fail(failure: JobFailure): Promise<void> {
    this.report = { ...this.report, failure };
    this.flush();
    await this.sending;
  }

  /** Waits until what has been reported so far is sent. */
  async settled(): Promise<void> {
    await this.sending;
  }

  private flush(): void {
    this.lastSent = Date.now();
    const report = this.report;
    // One after another, so that an older report never lands after a newer one.
    this.sending = this.sending.then(() => this.send(report).catch(() => undefined));
  }
}
