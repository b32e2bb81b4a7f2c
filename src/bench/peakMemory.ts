const BYTES_PER_MB = 1024 * 1024;

/**
 * Highest resident set size seen while a benchmark runs: sampled on a timer (which fires only while the
 * event loop is free, i.e. during pool work) and on demand between synchronous repetitions. RSS covers the
 * whole process, worker threads included.
 */
export class PeakMemorySampler {
  private peakBytes = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 20) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    this.peakBytes = Math.max(this.peakBytes, process.memoryUsage.rss());
  }

  /** Stops sampling and returns the peak in MiB. */
  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.peakBytes / BYTES_PER_MB;
  }
}
