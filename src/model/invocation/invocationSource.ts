/**
 * Anything that invokes functions: a synchronous caller, an asynchronous event queue, a poller.
 * Sources are numbered in the World; the number travels with each request in the environment
 * table so the function can tell the right source when the request finishes.
 */
export interface InvocationSource {
  readonly index: number;
  /** The request in environment `slot` finished at `nowMs`; its outcome is in the table. */
  onFinished(slot: number, nowMs: number): void;
}
