/**
 * Words the import and the summary use: streams hold records, queues messages; a queue no message
 * ever entered has no oldest message (`—`, not `0.00 ms`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { summaryText } from '../../src/report/index.ts';
import { imported } from './helpers.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (file: string) => imported(readFileSync(join(FIXTURES, file), 'utf8'), {}, file);

describe('wording', () => {
  it('placeholders put records into Kinesis and DynamoDB streams, messages into queues', () => {
    const { text } = fixture('sam-all-event-sources/template.yaml');
    expect(text).toContain(
      '# assumption: records into my-stream, read by MyAwesomeFunction; replace the rate',
    );
    expect(text).toContain(
      '# assumption: records into TestTable, read by MyAwesomeFunction; replace the rate',
    );
    expect(text).not.toMatch(/messages into (my-stream|TestTable)/);
    expect(fixture('sam-sqs/template.yaml').text).toMatch(
      /# assumption: messages into \S+, read by TriggeredFunction/,
    );
  });

  it('an unused queue shows no oldest message', () => {
    const r = fixture('sam-event-destinations/template.yaml');
    const text = summaryText(runScenario(r.scenario).summary);
    // The on-failure queue receives nothing (the placeholder handler never fails); my-sqs-arn does.
    expect(text).toMatch(
      /EventDestinationLambdaEventInvokeConfigOnFailureQueue SQS queue: 0 sent, backlog peak 0, oldest message —,/,
    );
    expect(text).toMatch(/my-sqs-arn +SQS queue: [\d,]+ sent, backlog peak [\d,]+, oldest message \d/);
  });
});
