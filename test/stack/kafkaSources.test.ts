/**
 * Kafka event sources (MSK, self-managed Kafka) are approximated by direct invocations: the note
 * and the placeholder's comment say one invocation is one batch, so the rate to write is the batch
 * rate, not the message rate.
 */
import { describe, expect, it } from 'vitest';
import { fixtureText, imported } from './helpers.ts';

describe('Kafka event sources', () => {
  it('an MSK event (serverless-patterns msk-lambda): one invocation per batch, write the batch rate', () => {
    const r = imported(fixtureText('msk-lambda', 'template.yaml'));
    expect(r.text).toMatch(
      /- target: TopicConsumerFunction\n\s+via: direct\n\s+phases: # assumption: MSK events, one invocation per batch: write the batch rate \(messages\/s \/ BatchSize, 100 by default\), not the message rate; replace the rate/,
    );
    expect(r.text).toContain(
      'TopicConsumerFunction: its MSK event source is not modelled; approximated as synchronous invocations (via: direct), each one a batch of messages',
    );
    expect(r.text).toMatch(
      /BatchSize messages \(100 by default\) gathered over the batching window \(500 ms by default\)/,
    );
  });

  it('a Serverless kafka event reads the same way; other unmodelled sources keep their wording', () => {
    const r = imported(
      `
service: s
provider: { name: aws, runtime: nodejs22.x }
functions:
  consume:
    handler: h.h
    events:
      - kafka: { topic: orders, bootstrapServers: [b:9092], accessConfigurations: { saslScram512Auth: arn:aws:secretsmanager:us-east-1:1:secret:x } }
  logs:
    handler: h.h
    events:
      - cloudwatchLog: /aws/lambda/other
`,
      {},
      'serverless.yml',
    );
    expect(r.text).toMatch(/SelfManagedKafka events, one invocation per batch: write the batch rate/);
    expect(r.text).toMatch(/CloudWatchLogs events \(approximation\); replace the rate/);
  });
});
