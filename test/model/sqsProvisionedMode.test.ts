/**
 * Provisioned mode of SQS event source mappings (ProvisionedPollerConfig; Lambda developer guide
 * "Configuring scaling behavior for SQS event source mappings"; AWS News Blog 2025-11-14, "AWS
 * Lambda enhances event processing with provisioned mode for SQS event-source mapping"):
 * - dedicated event pollers, between MinimumPollers (default 2) and MaximumPollers (default 200),
 *   each running up to 10 concurrent invocations; the minimum is ready from the start;
 * - while messages wait, "auto scale up to 1000 concurrent executions per minute";
 * - billed per event poller hour (EPU-hour), $0.00925 in us-east-1.
 */
import { describe, expect, it } from 'vitest';
import type { QueueSummary } from '../../src/results/index.ts';
import { run, yaml } from '../helpers/run.ts';
import { sqsBurst, sqsRamp } from './sqsFixtures.ts';

const queueOf = (out: ReturnType<typeof run>) => out.summary.resources.jobs as QueueSummary;

describe('SQS event source mapping in provisioned mode', () => {
  it('starts with 10 concurrent invocations per minimum poller and adds 1,000 a minute', () => {
    const c = queueOf(run(sqsBurst(', provisionedPollers: { min: 3, max: 200 }'))).consumers.worker;
    // 30 at once from the start, then one event poller (10 invocations) every 600 ms for 60 s.
    expect(c.peakConcurrency).toBe(30 + 1000);
    expect(c.eventPollers?.peak).toBe(103);
    // The default mode on the same burst: 5 at the start, +300 a minute.
    expect(queueOf(run(sqsBurst(''))).consumers.worker.peakConcurrency).toBe(305);
  });

  it('never scales past 10 invocations per maximum poller', () => {
    const c = queueOf(run(sqsBurst(', provisionedPollers: { min: 2, max: 40 }'))).consumers.worker;
    expect(c.peakConcurrency).toBe(400);
    expect(c.peakPollerConcurrency).toBe(400);
    expect(c.eventPollers).toMatchObject({ min: 2, max: 40, peak: 40 });
  });

  it('bills the event pollers kept at the minimum on a quiet queue by the hour', () => {
    // One 50 ms message a second never fills 20 invocations: 2 pollers for the hour.
    const out = run(yaml`
      lamsim: 1
      duration: 1h
      traffic: { target: jobs, phases: [{ duration: 1h, arrivalRate: 1 }] }
      functions:
        worker:
          runtime: nodejs22.x
          memorySize: 1024
          model: { init: 0ms, compute: 50ms }
          events: [{ sqs: { queue: jobs, provisionedPollers: {} } }]
      resources:
        jobs: { type: sqs-queue }
    `);
    const pollers = queueOf(out).consumers.worker.eventPollers;
    expect(pollers).toEqual({ min: 2, max: 200, peak: 2, hours: 2 });
    const line = out.cost.window.lines.find((l) => l.item === 'sqs event pollers');
    expect(line?.quantity).toBe(2);
    expect(line?.usd).toBeCloseTo(2 * 0.00925, 12);
  });

  it('drains a ramp as the fluid model of its scale-up says: backlog peaks 8,700 by default, 2,350 provisioned', () => {
    // 300 messages/s of 1 s each need 300 concurrent invocations. Default mode: 5 + 5 t per second,
    // short of the arrivals until t = 59 s; the backlog peaks at 300 t - (5 t + 2.5 t^2) = 8,703.
    // Provisioned (min 2): 20 + 1000 t / 60, there at t = 16.8 s; 280 t - 8.33 t^2 = 2,352.
    const peak = (events: string) => queueOf(run(sqsRamp(events))).backlog.peak;
    const byDefault = peak('');
    const provisioned = peak(', provisionedPollers: {}');
    // Within 8 %: Poisson arrivals (about 1.5 % at these counts), and capacity added at the ticks.
    expect(byDefault / 8703).toBeGreaterThan(0.92);
    expect(byDefault / 8703).toBeLessThan(1.08);
    expect(provisioned / 2352).toBeGreaterThan(0.92);
    expect(provisioned / 2352).toBeLessThan(1.08);
  });

  it('leaves the default mode without event pollers', () => {
    const c = queueOf(run(sqsBurst(''))).consumers.worker;
    expect(c.eventPollers).toBeUndefined();
  });
});
