/**
 * The identities a function's counts satisfy in summary.json (README "Counts that add up"), by
 * how the function is invoked. Pure. Every run satisfies them exactly; tests check them on every
 * shipped scenario and on random ones.
 *
 * - Every function: started = succeeded + failed + timedOut + inFlightAtEnd (`failed` counts
 *   started invocations only; requests refused before starting are `refused`).
 * - Synchronous requests and batches (no asynchronous events): arrived = started + throttled +
 *   refused. A request arrives once, whatever its SDK retries (`throttled`: its last attempt was
 *   refused); a batch arrives at every delivery to the function (first, retry, bisected half,
 *   again after a throttle).
 * - Asynchronous events only: arrived = async.succeeded + dropped + throttled +
 *   async.waitingAtEnd + inFlightAtEnd (events: each ends processed, dropped, refused at Invoke by
 *   the request-rate quota, still queued, or still running), and succeeded = async.succeeded (an
 *   event succeeds once).
 * A function invoked in more than one way satisfies the first identity only.
 *
 * An S3 bucket or SNS topic (notifierIdentities): published x subscribers = deliveries +
 * inTransitAtEnd (each object or message notifies every subscriber once, after a delivery delay).
 */
import type { NotifierSummary } from './resourceSummary.ts';
import type { FunctionSummary } from './summary.ts';

/**
 * True when the function received asynchronous events only: `arrived` counts Invoke calls (the
 * events plus the calls refused at Invoke, `throttled`), `started` attempts.
 */
export function eventsOnly(f: Pick<FunctionSummary, 'invokedAs'>): boolean {
  return f.invokedAs.length === 1 && f.invokedAs[0] === 'events';
}

export interface CountIdentity {
  /** The identity as written in the README, e.g. `arrived = started + throttled + refused`. */
  readonly identity: string;
  readonly left: number;
  readonly right: number;
}

export function countIdentities(f: FunctionSummary): CountIdentity[] {
  const inv = f.invocations;
  // A merged run: what the slices found at their starts counts with what arrived or started,
  // what they left at their ends with what was left at the end (ShardBorders); 0 otherwise.
  const b = f.borders ?? { inFlightAtEnds: 0, inFlightAtStarts: 0, waitingAtEnds: 0, waitingAtStarts: 0 };
  const at = (base: string, terms: string) => (f.borders ? `${base} + ${terms}` : base);
  const out: CountIdentity[] = [
    {
      identity: `${at('started', 'borders.inFlightAtStarts')} = ${at('succeeded + failed + timedOut + inFlightAtEnd', 'borders.inFlightAtEnds')}`,
      left: inv.started + b.inFlightAtStarts,
      right: inv.succeeded + inv.failed + inv.timedOut + inv.inFlightAtEnd + b.inFlightAtEnds,
    },
  ];
  const kinds = f.invokedAs;
  if (kinds.length > 0 && !kinds.includes('events')) {
    out.push({
      identity: 'arrived = started + throttled + refused',
      left: inv.arrived,
      right: inv.started + inv.throttled + inv.refused,
    });
  }
  if (eventsOnly(f) && f.async) {
    out.push({
      identity: `${at('arrived', 'borders.waitingAtStarts + borders.inFlightAtStarts')} = ${at('async.succeeded + dropped + throttled + async.waitingAtEnd + inFlightAtEnd', 'borders.waitingAtEnds + borders.inFlightAtEnds')}`,
      left: inv.arrived + b.waitingAtStarts + b.inFlightAtStarts,
      right:
        f.async.succeeded +
        inv.dropped +
        inv.throttled +
        f.async.waitingAtEnd +
        inv.inFlightAtEnd +
        b.waitingAtEnds +
        b.inFlightAtEnds,
    });
    out.push({ identity: 'succeeded = async.succeeded', left: inv.succeeded, right: f.async.succeeded });
  }
  return out;
}

/** The identity of a bucket's or topic's notifications (README "Counts that add up"). */
export function notifierIdentities(n: NotifierSummary): CountIdentity[] {
  return [
    {
      identity: 'published x subscribers = deliveries + inTransitAtEnd',
      left: n.published * n.subscribers,
      right: n.deliveries + n.inTransitAtEnd,
    },
  ];
}
