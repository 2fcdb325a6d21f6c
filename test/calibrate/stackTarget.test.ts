/**
 * Which template function a function's logs are of: by the name it is deployed under (FunctionName,
 * CloudFormation's generated `<stack>-<LogicalId>-<suffix>`, Serverless's `<service>-<stage>-<key>`)
 * or by the logical ID `--function` gives.
 */
import { describe, expect, it } from 'vitest';
import { isGeneratedName, stackTarget } from '../../src/calibrate/stackTarget.ts';
import type { FunctionIdentity } from '../../src/stack/index.ts';

const cfn = (logicalId: string, deployedName?: string): FunctionIdentity => ({
  name: logicalId,
  logicalId,
  ...(deployedName ? { deployedName } : {}),
  generatedByCloudFormation: deployedName === undefined,
});
const FUNCTIONS = [
  cfn('OrdersFunction', 'orders-api'),
  cfn('MyFunction3BAA72D1'),
  cfn('ReportsFunctionWithAVeryLongLogicalIdIndeed'),
];
const pick = (logName: string | undefined, option?: string) => {
  const r = stackTarget(FUNCTIONS, logName, option);
  return r.ok ? r.value.fn.logicalId : `error: ${r.error}`;
};

describe('stackTarget', () => {
  it('recognises CloudFormation generated names (AWS: "MyStack-MyBucket-abcdefghijk1"), shortened too', () => {
    expect(isGeneratedName('MyStack-MyBucket-abcdefghijk1', 'MyBucket')).toBe(true);
    expect(isGeneratedName('my-app-prod-MyBucket-abcdefghijk1', 'MyBucket')).toBe(true);
    expect(isGeneratedName('MyStack-MyBuck-abcdefghijk1', 'MyBucket')).toBe(false); // too short to tell
    expect(isGeneratedName('MyStack-OtherBucket-abcdefghijk1', 'MyBucket')).toBe(false);
    expect(isGeneratedName('MyBucket', 'MyBucket')).toBe(false);
  });

  it('matches the logs to a function by FunctionName, generated name or logical ID', () => {
    expect(pick('orders-api')).toBe('OrdersFunction');
    expect(pick('SqsStack-MyFunction3BAA72D1-AbCdEfGh1234')).toBe('MyFunction3BAA72D1');
    expect(pick('reports-prod-ReportsFunctionWithAVeryLo-1U44TLUZ7OR55')).toBe(
      'ReportsFunctionWithAVeryLongLogicalIdIndeed',
    );
    expect(pick('OrdersFunction')).toBe('OrdersFunction');
    // --function may name the logical ID when the logs name the deployed function otherwise.
    expect(pick('something-else', 'MyFunction3BAA72D1')).toBe('MyFunction3BAA72D1');
  });

  it('a function named otherwise is an error naming the choices, unless the template has one function', () => {
    expect(pick('unknown-fn')).toBe(
      "error: the logs are of unknown-fn, and none of the template's functions is deployed under that name: OrdersFunction (deployed as orders-api), MyFunction3BAA72D1, ReportsFunctionWithAVeryLongLogicalIdIndeed. Name it with --function LOGICAL_ID",
    );
    const only = stackTarget([cfn('Solo')], 'unknown-fn', undefined);
    expect(only.ok && only.value).toMatchObject({ fn: { logicalId: 'Solo' } });
    expect(only.ok && only.value.how).toMatch(/the template's only function \(the logs name unknown-fn/);
  });

  it('knows the Serverless Framework default name', () => {
    const sls: FunctionIdentity = {
      name: 'rateHandler',
      logicalId: 'rateHandler',
      deployedName: 'aws-node-scheduled-cron-dev-rateHandler',
      generatedByCloudFormation: false,
    };
    const r = stackTarget([sls, cfn('Other')], 'aws-node-scheduled-cron-dev-rateHandler', undefined);
    expect(r.ok && r.value.fn.name).toBe('rateHandler');
  });
});
