import { DataError, GlutraceError, isInputError } from '../util/errors.js';

/** A worker task that failed on its first run and on its retry; the message names both reasons. */
export class WorkerTaskError extends GlutraceError {
  override name = 'WorkerTaskError';
}

export interface RetryOptions {
  /** Limit for one attempt, from the moment it starts running. */
  timeoutMs: number;
  /** Names the step in error messages, in a user's words, e.g. "spectral fitting". */
  label: string;
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** One attempt with a time limit: the signal aborts it (and so ends its worker) when the limit passes. */
async function attemptWithTimeout<R>(attempt: (signal: AbortSignal) => Promise<R>, timeoutMs: number): Promise<R> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await attempt(controller.signal);
  } catch (error) {
    throw controller.signal.aborted ? new Error(`timed out after ${(timeoutMs / 1000).toFixed(1)} s`) : error;
  } finally {
    clearTimeout(timer);
  }
}

/** An input error from a worker arrives as a plain Error (see isInputError): give it back a class the CLI prints as is. */
function asInputError(error: unknown): GlutraceError {
  return error instanceof GlutraceError ? error : new DataError(reasonOf(error));
}

/**
 * Runs `first` and, if it crashes, passes the time limit or throws anything but an input error, runs `retry`
 * once; a second failure becomes a WorkerTaskError with both reasons. An input error (a file that cannot be
 * read, data unfit for the step) would fail the same way again, so it is thrown at once. Each attempt must
 * build its task afresh, because the first attempt's transferred buffers are gone.
 */
export async function runWithRetry<R>(
  first: (signal: AbortSignal) => Promise<R>,
  retry: (signal: AbortSignal) => Promise<R>,
  options: RetryOptions,
): Promise<R> {
  const reasons: string[] = [];
  for (const attempt of [first, retry]) {
    try {
      return await attemptWithTimeout(attempt, options.timeoutMs);
    } catch (error) {
      if (isInputError(error)) throw asInputError(error);
      reasons.push(reasonOf(error));
    }
  }
  throw new WorkerTaskError(`${options.label} failed twice (${reasons.join('; then ')})`);
}
