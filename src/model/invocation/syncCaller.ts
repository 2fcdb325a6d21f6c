/**
 * A synchronous caller (direct Invoke, API Gateway, ALB, function URL, CloudFront): waits for
 * the function's answer and sees its latency, a throttle (429) at once, or the front door's
 * timeout (504) when the integration takes longer than the door allows.
 *
 * Latency as the caller sees it = (finish - arrival) + front-door overhead; the request reaches
 * the function at its arrival time (the overhead is added to the round trip, it does not delay
 * admission). Throttled requests are not retried here.
 */
import type { DistSpec, Rng, Sampler } from '../../engine/index.ts';
import { makeSampler } from '../../engine/index.ts';
import { ThrottleReason } from '../concurrency/concurrencyLimits.ts';
import type { EnvironmentTable } from '../environments/environmentTable.ts';
import { type FunctionRuntime, Outcome } from '../functionRuntime.ts';
import type { InvocationSource } from './invocationSource.ts';

export class SyncCaller implements InvocationSource {
  private readonly overhead: Sampler;
  /** Requests this caller sent (what a front door such as API Gateway bills). */
  arrived = 0;

  constructor(
    readonly index: number,
    private readonly target: FunctionRuntime,
    overheadMs: DistSpec,
    private readonly cutMs: number,
    private readonly envs: EnvironmentTable,
    private readonly rng: Rng,
  ) {
    this.overhead = makeSampler(overheadMs);
  }

  /** A request arrives at `nowMs`. */
  arrive(nowMs: number): void {
    const stats = this.target.stats;
    this.arrived++;
    stats.arrived++;
    stats.series.arrivals.add(nowMs, 1);
    const overheadMs = this.overhead.sample(this.rng);
    const refused = this.target.invoke(nowMs, overheadMs, this.index, 0);
    if (refused === ThrottleReason.NetworkInterfaces) {
      stats.networkInterfaceFailures++;
      stats.failed++;
      stats.series.errors.add(nowMs, 1);
    } else if (refused !== ThrottleReason.None) stats.recordThrottle(nowMs, refused);
  }

  onFinished(slot: number, nowMs: number): void {
    const envs = this.envs;
    const stats = this.target.stats;
    const arrivalMs = envs.requestArrivalMs[slot];
    const integrationMs = nowMs - arrivalMs;
    const outcome = envs.requestOutcome[slot];
    if (outcome === Outcome.Timeout) {
      stats.timedOut++;
      return;
    }
    if (integrationMs > this.cutMs) {
      stats.gatewayTimeouts++;
      stats.failed++;
      return;
    }
    if (outcome === Outcome.FunctionError) {
      stats.failed++;
      return;
    }
    const latencyMs = integrationMs + envs.requestOverheadMs[slot];
    stats.succeeded++;
    stats.series.successes.add(arrivalMs, 1);
    stats.latency.record(latencyMs);
    stats.series.latency.record(arrivalMs, latencyMs);
    if (envs.requestInitMs[slot] > 0) stats.latencyCold.record(latencyMs);
    else stats.latencyWarm.record(latencyMs);
  }
}
