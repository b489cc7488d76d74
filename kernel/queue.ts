/**
 * The execution queue. Cells run one at a time in arrival order. After a cell fails with
 * `stop_on_error` (the default), requests already queued are aborted, as ipykernel does, and so
 * are requests arriving within a short window that were sent before the error was answered
 * (a "Run all" sends every cell at once, and some may still be on their way; a client that sends
 * its next request after reading the error reply is not aborted). tslab aborted everything
 * arriving within 200 ms of any error, whatever the request said; a failed cell
 * sent with `stop_on_error: false` (nbclient with allow_errors, a JupyterLab cell tagged
 * `raises-exception`) now lets the following cells run.
 */

/** What {@link ExecQueue.add} resolves to for a request that was aborted. */
export const ABORTED: unique symbol = Symbol("aborted");

export class ExecQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private added = 0;
  private abortThrough = 0;
  private abortArrivalsUntil = 0;
  private failedAt = 0;

  /**
   * Queues `task`; resolves to its result, or to {@link ABORTED} if the queue was aborted first.
   *
   * @param sentAt - when the client sent the request (ms since epoch, from its header), if known
   */
  add<T>(task: () => Promise<T>, sentAt?: number): Promise<T | typeof ABORTED> {
    const id = ++this.added;
    // Strictly earlier: a client that reads the error reply and answers at once can send its next
    // request within the same millisecond as the failure, and that request must run.
    const beforeFailure = sentAt == null || Number.isNaN(sentAt) || sentAt < this.failedAt;
    if (Date.now() < this.abortArrivalsUntil && beforeFailure) this.abortThrough = id;
    const run = this.tail.then((): T | typeof ABORTED | Promise<T> => (id <= this.abortThrough ? ABORTED : task()));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Aborts every queued request, and those arriving in the next `windowMs` milliseconds. */
  abortPending(windowMs: number): void {
    this.abortThrough = this.added;
    this.failedAt = Date.now();
    this.abortArrivalsUntil = this.failedAt + windowMs;
  }
}
