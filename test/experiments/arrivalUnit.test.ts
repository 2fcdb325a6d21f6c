/**
 * What a plan's load counts: requests into a function through a synchronous front door, events
 * through an asynchronous one, messages into a queue or topic, records into a stream, objects into
 * a bucket; `arrivals` when the sources send different things.
 */
import { describe, expect, it } from 'vitest';
import { arrivalUnit } from '../../src/experiments/arrivalUnit.ts';
import { rateUnit } from '../../src/report/plan/loadText.ts';
import { scenarioFrom } from './helpers.ts';

/** A scenario with function f, queue q, stream s, bucket b and the given traffic lines. */
const withTraffic = (...traffic: string[]) =>
  scenarioFrom(
    [
      'lamsim: 1',
      'duration: 1m',
      'traffic:',
      ...traffic.map((t) => `  - ${t}`),
      'functions:',
      '  f: { runtime: nodejs22.x, model: { compute: 5ms } }',
      '  g: { runtime: nodejs22.x, model: { compute: 5ms }, events: [{ sqs: { queue: q } }, { kinesis: { stream: s } }, { s3: b }] }',
      'resources:',
      '  q: { type: sqs-queue }',
      '  s: { type: kinesis-stream }',
      '  b: { type: s3-bucket }',
      '',
    ].join('\n'),
  );

const phases = '[{ duration: 1m, arrivalRate: 5 }]';

describe('arrivalUnit', () => {
  it.each([
    [`{ name: a, target: f, via: api-gateway-rest, phases: ${phases} }`, 'requests', 'req/s'],
    [`{ name: a, target: f, via: async, phases: ${phases} }`, 'events', 'events/s'],
    [`{ name: a, target: q, phases: ${phases} }`, 'messages', 'messages/s'],
    [`{ name: a, target: s, phases: ${phases} }`, 'records', 'records/s'],
    [`{ name: a, target: b, phases: ${phases} }`, 'objects', 'objects/s'],
  ])('%s counts %s', (traffic, unit, text) => {
    const u = arrivalUnit(withTraffic(traffic));
    expect(u).toBe(unit);
    expect(rateUnit(u)).toBe(text);
  });

  it('sources of different kinds count arrivals', () => {
    expect(
      arrivalUnit(
        withTraffic(`{ name: a, target: f, phases: ${phases} }`, `{ name: b, target: q, phases: ${phases} }`),
      ),
    ).toBe('arrivals');
  });
});
