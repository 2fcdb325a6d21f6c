/**
 * `lamsim calibrate --template`: logs generated from known distributions, of a function a real
 * template deploys (test/stack/fixtures/sam-containers, two functions, MIT-0), calibrate into a
 * scenario that points at the template (`stack:`) and adds the logs' numbers to the function by its
 * logical ID, found by the name the logs give it; it validates, runs and reproduces the logs.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/loadScenario.ts';
import { formatIssue } from '../../src/scenario/index.ts';
import { lamsim, lamsimInProcess, scratch } from '../experiments/cli.ts';
import {
  filterLogEventsJson,
  generateInvocations,
  insightsCsv,
  type SyntheticOptions,
  textEvents,
} from '../helpers/syntheticLogs.ts';

const FIXTURE = join(import.meta.dirname, '../stack/fixtures/sam-containers/template.yaml');
/** CloudFormation's generated name for GoodbyeWorldFunction in a stack named sam-app. */
const DEPLOYED = 'sam-app-GoodbyeWorldFunction-1U44TLUZ7OR55';

const OPTIONS: SyntheticOptions = {
  seed: 11,
  phases: [
    { minutes: 5, ratePerSecond: 2 },
    { minutes: 5, ratePerSecond: 0.5 },
  ],
  duration: { p50Ms: 80, sigma: 0.5 },
  init: { p50Ms: 300, sigma: 0.2 },
  memoryMb: 128, // the template's (MemorySize absent: AWS's default)
  startEpochMs: Date.UTC(2025, 2, 3, 10, 0, 0),
  functionName: DEPLOYED,
  runtimeVersion: 'nodejs:20.v13',
};

function project(logs: Record<string, string>): string {
  const dir = scratch(logs);
  mkdirSync(join(dir, 'infra'));
  copyFileSync(FIXTURE, join(dir, 'infra/template.yaml'));
  return dir;
}

/**
 * Calibrates the OPTIONS logs (filter-log-events JSON) against an inline `template`, writing
 * `<name>.yaml` and its calibration report in a scratch folder; fails the test unless it exits 0.
 */
async function calibrated(template: string, name: string): Promise<string> {
  const logs = filterLogEventsJson(textEvents(generateInvocations(OPTIONS), OPTIONS));
  const dir = scratch({ 'logs.json': logs, 'template.yaml': template });
  const r = await lamsimInProcess([
    'calibrate',
    join(dir, 'logs.json'),
    '--template',
    join(dir, 'template.yaml'),
    '--out',
    join(dir, `${name}.yaml`),
    '--no-charts',
  ]);
  expect(r.code).toBe(0);
  return dir;
}

describe('lamsim calibrate --template', () => {
  it('finds the function by its generated name, writes stack: plus the logs, and reproduces them', async () => {
    const csv = insightsCsv(textEvents(generateInvocations(OPTIONS), OPTIONS), DEPLOYED);
    const dir = project({ 'logs.csv': csv });
    // Spawned, as a user runs it: stderr then holds the warnings too.
    const r = lamsim(
      ['calibrate', 'logs.csv', '--template', 'infra/template.yaml', '--out', 'scenarios/goodbye.yaml'],
      dir,
    );
    expect(r.stderr).not.toMatch(/warning: the logs/);
    expect(r.code).toBe(0);
    const yaml = readFileSync(join(dir, 'scenarios/goodbye.yaml'), 'utf8');
    expect(yaml).toMatch(
      /^stack:\n {2}template: \.\.\/infra\/template\.yaml +# configuration comes from here/m,
    );
    expect(yaml).toMatch(
      /^ {2}GoodbyeWorldFunction: +# sam-app-GoodbyeWorldFunction-1U44TLUZ7OR55 is CloudFormation's generated name for GoodbyeWorldFunction; runtime nodejs20\.x, 128 MB, 3 s, x86_64 from the template$/m,
    );
    // Configuration stays the template's: the logs agree with it, so no setting is written.
    expect(yaml).not.toMatch(/^ {4}(memorySize|timeout|runtime|architecture):/m);
    expect(yaml).toMatch(/^ {2}target: GoodbyeWorldFunction$/m);
    const loaded = loadScenario(join(dir, 'scenarios/goodbye.yaml'));
    if (!loaded.ok) expect.fail(loaded.error.map(formatIssue).join('\n'));
    const s = loaded.value.scenario;
    expect(s.templates?.map((t) => t.path)).toEqual(['../infra/template.yaml']);
    const goodbye = s.functions.find((f) => f.name === 'GoodbyeWorldFunction');
    expect(goodbye).toMatchObject({
      memoryMb: 128,
      timeoutMs: 3000,
      packageType: 'image',
      runtime: 'nodejs20.x',
    });
    expect(goodbye?.model.computeAtMb).toBe(128);
    // The other function of the template keeps its placeholder and receives no traffic.
    expect(s.traffic.map((t) => t.target)).toEqual(['GoodbyeWorldFunction']);
    const md = readFileSync(join(dir, 'scenarios/goodbye-calibration/calibration.md'), 'utf8');
    for (const row of [
      'invocations',
      'Duration p50',
      'Duration p99',
      'Init Duration p50',
      'duration bill \\(GB-s\\)',
    ]) {
      expect(md).toMatch(new RegExp(`^\\| ${row} \\|[^\\n]*\\| (yes|noise) \\|$`, 'm'));
    }
  });

  it('the logs win where they contradict the template (Memory Size), with a warning', async () => {
    const options = { ...OPTIONS, memoryMb: 512 };
    const csv = insightsCsv(textEvents(generateInvocations(options), options), DEPLOYED);
    const dir = project({ 'logs.csv': csv });
    const r = lamsim(
      ['calibrate', 'logs.csv', '--template', 'infra/template.yaml', '--out', 'goodbye.yaml'],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: the logs ran at 512 MB, the template configures 128 MB/);
    const yaml = readFileSync(join(dir, 'goodbye.yaml'), 'utf8');
    expect(yaml).toMatch(
      /^ {4}memorySize: 512 +# ⚠ the logs ran at 512 MB \(Memory Size\), the template says 128 MB/m,
    );
  });

  it('--runtime and --architecture: the function comment says they override the template', async () => {
    const logs = filterLogEventsJson(textEvents(generateInvocations(OPTIONS), OPTIONS));
    const dir = project({ 'logs.json': logs });
    const r = await lamsimInProcess([
      'calibrate',
      join(dir, 'logs.json'),
      '--template',
      join(dir, 'infra/template.yaml'),
      '--function',
      'GoodbyeWorldFunction',
      '--runtime',
      'python3.12',
      '--architecture',
      'arm64',
      '--out',
      join(dir, 'py.yaml'),
      '--no-charts',
    ]);
    expect(r.code).toBe(0);
    const yaml = readFileSync(join(dir, 'py.yaml'), 'utf8');
    expect(yaml).toMatch(
      /^ {2}GoodbyeWorldFunction: +# .*; runtime nodejs20\.x, 128 MB, 3 s, x86_64 from the template \(--runtime and --architecture override it below\)$/m,
    );
    expect(yaml).toMatch(/^ {4}runtime: python3\.12 +# from --runtime$/m);
    expect(yaml).toMatch(/^ {4}architecture: arm64 +# from --architecture$/m);
  });

  describe('Lambda@Edge replica logs (log group /aws/lambda/us-east-1.NAME)', () => {
    // They used to name the function us-east-1-my-edge-fn, priced as a regional function, matching
    // no template's FunctionName: my-edge-fn.
    const edge = { ...OPTIONS, functionName: 'my-edge-fn' };
    const csv = insightsCsv(textEvents(generateInvocations(edge), edge), 'us-east-1.my-edge-fn');
    const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  EdgeFn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: my-edge-fn
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
      AutoPublishAlias: live
  OtherFn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: other-fn
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: o
          ViewerProtocolPolicy: allow-all
          LambdaFunctionAssociations:
            - { EventType: origin-request, LambdaFunctionARN: !Ref EdgeFn.Version }
        Origins: [{ Id: o, DomainName: example.com, CustomOriginConfig: { OriginProtocolPolicy: https-only } }]
`;

    it('logs only: the function is my-edge-fn, through CloudFront, and a warning says why', () => {
      const dir = scratch({ 'logs.csv': csv });
      const r = lamsim(['calibrate', 'logs.csv', '--out', 'edge.yaml', '--no-charts'], dir);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        'warning: the logs are Lambda@Edge replicas of my-edge-fn (log groups /aws/lambda/us-east-1.my-edge-fn): the function is my-edge-fn, invoked through CloudFront',
      );
      expect(r.stderr).not.toMatch(/not a valid function name/);
      const yaml = readFileSync(join(dir, 'edge.yaml'), 'utf8');
      expect(yaml).toMatch(/^ {2}my-edge-fn:$/m);
      expect(yaml).toMatch(
        /^ {2}via: cloudfront-edge +# ⚠ the logs are Lambda@Edge replicas' \(\/aws\/lambda\/us-east-1\.my-edge-fn\)/m,
      );
      const run = lamsim(['run', 'edge.yaml', '--out', 'report'], dir);
      expect(run.code).toBe(0);
      expect(readFileSync(join(dir, 'report/report.md'), 'utf8')).toMatch(/lambda-edge|Lambda@Edge/);
    });

    it("with a two-function template: found by its FunctionName, and --function may give the log group's name", async () => {
      const dir = scratch({ 'logs.csv': csv, 'template.yaml': template });
      for (const extra of [[], ['--function', 'us-east-1.my-edge-fn']]) {
        const r = await lamsimInProcess([
          'calibrate',
          join(dir, 'logs.csv'),
          '--template',
          join(dir, 'template.yaml'),
          ...extra,
          '--out',
          join(dir, 'edge.yaml'),
          '--no-charts',
          '--force',
        ]);
        expect(r.code, extra.join(' ')).toBe(0);
        const yaml = readFileSync(join(dir, 'edge.yaml'), 'utf8');
        expect(yaml).toMatch(/^ {2}target: EdgeFn$/m);
        expect(yaml).toMatch(/^ {2}via: cloudfront-edge +# from the template/m);
      }
    });
  });

  it('--function may give the logical ID when the logs name no function', async () => {
    const unnamed = filterLogEventsJson(textEvents(generateInvocations(OPTIONS), OPTIONS));
    const dir = project({ 'logs.json': unnamed });
    const r = await lamsimInProcess([
      'calibrate',
      join(dir, 'logs.json'),
      '--template',
      join(dir, 'infra/template.yaml'),
      '--function',
      'HelloWorldFunction',
      '--out',
      join(dir, 'hello.yaml'),
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'hello.yaml'), 'utf8')).toMatch(
      /^ {2}HelloWorldFunction: +# --function HelloWorldFunction;/m,
    );
  });

  it('a function with provisioned concurrency: the bill compares the logs with on-demand plus provisioned duration', async () => {
    // Every invocation lands on one of 5 provisioned environments, billed at the PC duration rate:
    // comparing on-demand duration alone gave 0 GB-s simulated, -100%, "no".
    const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  ApiFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: app.handler
      CodeUri: src/
      AutoPublishAlias: live
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 5
      Events:
        Http: { Type: HttpApi, Properties: { Path: /x, Method: get } }
`;
    const dir = await calibrated(template, 'api');
    const md = readFileSync(join(dir, 'api-calibration/calibration.md'), 'utf8');
    expect(md).toMatch(/^\| duration bill \(GB-s\) \| [\d.,]+ \| [\d.,]+ \| [^|]+ \| ±5% \| yes \|$/m);
    const usd = /^\| duration bill \(USD, window\) \| \$([\d.]+) \| \$([\d.]+) \|/m.exec(md);
    expect(Number(usd?.[1])).toBeGreaterThan(0);
    expect(Number(usd?.[2])).toBeGreaterThan(0);
  });

  it("keeps what the template sets on the front door: a regional REST API's 45 s integration timeout", async () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: prod, EndpointConfiguration: REGIONAL } }
  ApiFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: app.handler
      CodeUri: src/
      Timeout: 60
      Events:
        Get: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /x, Method: get, TimeoutInMillis: 45000 } }
`;
    const dir = await calibrated(template, 'api');
    const text = readFileSync(join(dir, 'api.yaml'), 'utf8');
    expect(text).toMatch(/^ {2}via: api-gateway-rest +# from the template/m);
    expect(text).toMatch(/^ {2}integrationTimeout: 45s +# from the template$/m);
    expect(text).toMatch(/^ {2}endpointType: regional +# from the template$/m);
  });

  describe('every front door the README names calibrates, runs and keeps its via', () => {
    const FN = `Runtime: nodejs20.x
      Handler: app.handler
      CodeUri: src/
      AutoPublishAlias: live`;
    // A function URL, an ALB and CloudFront have no integration timeout: the scenario used to write
    // theirs (Infinity) as `integrationTimeout`, which does not validate, so calibrate exited 2.
    const cases: [string, string, string, RegExp[]][] = [
      [
        'http',
        'api-gateway-http',
        `Events: { Get: { Type: HttpApi, Properties: { Path: /x, Method: get } } }`,
        [],
      ],
      [
        'rest',
        'api-gateway-rest',
        `Events: { Get: { Type: Api, Properties: { Path: /x, Method: get } } }`,
        [],
      ],
      ['url', 'function-url', 'FunctionUrlConfig: { AuthType: NONE }', []],
      ['alb', 'alb', '', []],
      ['edge', 'cloudfront-edge', '', [/^ {2}eventType: viewer-request +# from the template$/m]],
    ];
    const extra: Record<string, string> = {
      alb: `
  Tg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      TargetType: lambda
      Targets: [{ Id: !GetAtt ApiFn.Arn }]`,
      edge: `
  Dist:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: o
          ViewerProtocolPolicy: allow-all
          LambdaFunctionAssociations:
            - { EventType: viewer-request, LambdaFunctionARN: !Ref ApiFn.Version }
        Origins: [{ Id: o, DomainName: example.com, CustomOriginConfig: { OriginProtocolPolicy: https-only } }]`,
    };
    for (const [name, via, events, more] of cases) {
      it(`${via}`, async () => {
        const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  ApiFn:
    Type: AWS::Serverless::Function
    Properties:
      ${FN}
      ${events}${extra[name] ?? ''}
`;
        const dir = await calibrated(template, name);
        const text = readFileSync(join(dir, `${name}.yaml`), 'utf8');
        expect(text).toMatch(new RegExp(`^ {2}via: ${via} +# from the template`, 'm'));
        expect(text).not.toMatch(/integrationTimeout/);
        for (const m of more) expect(text).toMatch(m);
        const md = readFileSync(join(dir, `${name}-calibration/calibration.md`), 'utf8');
        expect(md).toMatch(/^\| invocations \| [\d,]+ \| [\d,]+ \| \+0% \| ±3% \| yes \|$/m);
      });
    }
  });

  it("a function fed by an SQS mapping: its logs are the mapping's batches, and the scenario says so", async () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs: { Type: AWS::SQS::Queue, Properties: { VisibilityTimeout: 60 } }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: app.handler
      CodeUri: src/
      Timeout: 10
      Events:
        Jobs: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn } }
`;
    const dir = await calibrated(template, 'worker');
    expect(readFileSync(join(dir, 'worker.yaml'), 'utf8')).toMatch(
      /^ {2}via: direct +# ⚠ the logs are Jobs's batches, replayed here as direct calls: the mapping's batching and scaling play no part/m,
    );
  });

  it('logs of a function the template does not deploy, or --parameter without --template: exit 2, nothing written', async () => {
    const options = { ...OPTIONS, functionName: 'billing-worker' };
    const csv = insightsCsv(textEvents(generateInvocations(options), options), 'billing-worker');
    const dir = project({ 'logs.csv': csv });
    const out = join(dir, 'x.yaml');
    const unknown = await lamsimInProcess([
      'calibrate',
      join(dir, 'logs.csv'),
      '--template',
      join(dir, 'infra/template.yaml'),
      '--out',
      out,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      "the logs are of billing-worker, and none of the template's functions is deployed under that name: HelloWorldFunction, GoodbyeWorldFunction. Name it with --function LOGICAL_ID",
    );
    const parameter = await lamsimInProcess([
      'calibrate',
      join(dir, 'logs.csv'),
      '--parameter',
      'A=1',
      '--out',
      out,
    ]);
    expect(parameter.code).toBe(2);
    expect(parameter.stderr).toContain('--parameter: template parameters need --template');
    const missing = await lamsimInProcess([
      'calibrate',
      join(dir, 'logs.csv'),
      '--template',
      join(dir, 'nope.yaml'),
      '--out',
      out,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope.yaml:1:1: cannot read the template: no such file/);
    expect(existsSync(out)).toBe(false);
  });
});
