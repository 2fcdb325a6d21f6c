/**
 * Who each imported function is outside the scenario (what `lamsim calibrate --template` matches
 * logs against): its logical ID, and its deployed name when the template determines it (SAM's
 * FunctionName; Serverless's `<service>-<stage>-<key>`), else CloudFormation's generated name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importStack } from '../../src/stack/index.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const ids = (file: string, parameters = new Map<string, string>()) => {
  const r = importStack([{ fileName: file, text: readFileSync(join(FIXTURES, file), 'utf8') }], {
    parameters,
  });
  if (!r.ok) throw new Error(r.error.map((i) => i.message).join('\n'));
  return r.value.scenario.functionIds;
};

describe('functionIds', () => {
  it('SAM: FunctionName when written, else a CloudFormation generated name', () => {
    expect(ids('sam-dynamodb-stream/template.yaml')).toEqual([
      {
        name: 'ProducerFunction',
        logicalId: 'ProducerFunction',
        deployedName: 'ProducerFunction',
        generatedByCloudFormation: false,
      },
      {
        name: 'ConsumerFunction',
        logicalId: 'ConsumerFunction',
        deployedName: 'ConsumerFunction',
        generatedByCloudFormation: false,
      },
    ]);
    expect(ids('sam-containers/template.yaml')).toEqual([
      { name: 'HelloWorldFunction', logicalId: 'HelloWorldFunction', generatedByCloudFormation: true },
      { name: 'GoodbyeWorldFunction', logicalId: 'GoodbyeWorldFunction', generatedByCloudFormation: true },
    ]);
  });

  it('Serverless Framework: <service>-<stage>-<key>, the stage from --parameter stage=...', () => {
    expect(ids('sls-scheduled-cron/serverless.yml').map((f) => f.deployedName)).toEqual([
      'scheduled-cron-example-dev-cron',
      'scheduled-cron-example-dev-secondCron',
    ]);
    expect(ids('sls-scheduled-cron/serverless.yml', new Map([['stage', 'prod']]))[0]).toEqual({
      name: 'cron',
      logicalId: 'cron',
      deployedName: 'scheduled-cron-example-prod-cron',
      generatedByCloudFormation: false,
    });
  });
});
