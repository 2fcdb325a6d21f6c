import { describe, expect, it } from 'vitest';
import { SUPPORTED_REGIONS } from '../../src/billing/index.ts';
import { brief, errorsOf, ok, yaml } from './helpers.ts';

/** A scenario with one function `api` (extra keys indented under it), plus extra top-level YAML. */
const withFunction = (functionKeys: string, extra = '') =>
  `lamsim: 1\nduration: 1m\nfunctions:\n  api:\n    runtime: nodejs22.x\n${functionKeys
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => `    ${l}`)
    .join('\n')}\n${extra}`;

const passes = (text: string) => expect(ok(text).warnings).toEqual([]);

describe('references', () => {
  it('a traffic target that names nothing lists the names that exist', () => {
    const text = yaml`
      lamsim: 1
      traffic:
        target: apii
        phases: [{ duration: 1m, arrivalRate: 1 }]
      functions:
        api: { runtime: nodejs22.x }
      resources:
        db: { type: rds-mysql, instanceClass: db.t3.medium, query: 2ms }
    `;
    expect(errorsOf(text)).toEqual([
      "3:11 traffic.target: 'apii' names no function or resource (did you mean 'api'?); functions: api; resources: db",
    ]);
    passes(text.replace('apii', 'api'));
  });

  it('a traffic target that is a database cannot receive traffic', () => {
    const text = yaml`
      lamsim: 1
      traffic:
        - target: db
          via: async
          phases: [{ duration: 1m, arrivalRate: 1 }]
      functions:
        api: { runtime: nodejs22.x }
      resources:
        db: { type: rds-mysql, instanceClass: db.t3.medium, query: 2ms }
    `;
    expect(errorsOf(text)).toEqual([
      "3:13 traffic[0].target: 'db' is a rds-mysql, which cannot receive traffic: target a function (api)",
    ]);
  });

  it('a call resource must name a database or a proxy', () => {
    const text = withFunction(
      'model:\n  calls:\n    - { resource: dbb, count: 2 }\n    - { resource: nat }\n    - { resource: db }',
      'resources:\n  db: { type: rds-postgres, instanceClass: db.t3.large, query: 2ms }\n  nat: { type: nat-gateway }\n',
    );
    expect(errorsOf(text)).toEqual([
      "8:23 functions.api.model.calls[0].resource: 'dbb' names no resource (did you mean 'db'?); resources: db, nat, or internet",
      "9:23 functions.api.model.calls[1].resource: 'nat' is a nat-gateway: calls go to a database, an RDS proxy, a VPC endpoint, a secret or a messaging resource; write resource: internet for calls through the NAT gateway",
    ]);
  });

  it("a proxy's target must be a database", () => {
    const base = yaml`
      lamsim: 1
      duration: 1m
      functions:
        api: { runtime: nodejs22.x }
      resources:
        db: { type: aurora-postgresql, instanceClass: db.r6g.large, query: 2ms }
        nat: { type: nat-gateway }
        px: { type: rds-proxy, target: TARGET }
    `;
    expect(errorsOf(base.replace('TARGET', 'nat'))).toEqual([
      "8:34 resources.px.target: 'nat' is a nat-gateway: a proxy targets a database: db",
    ]);
    expect(errorsOf(base.replace('TARGET', 'dbx'))).toEqual([
      "8:34 resources.px.target: 'dbx' names no resource (did you mean 'db'?); a proxy targets a database: db",
    ]);
    passes(base.replace('TARGET', 'db'));
  });
});

describe('names', () => {
  it('must be unique across functions and resources', () => {
    const text = withFunction('', 'resources:\n  api: { type: nat-gateway }\n');
    expect(errorsOf(text)).toEqual([
      "8:3 resources.api: 'api' names both a function and a resource: names must be unique across functions and resources",
    ]);
  });

  it('internet is reserved', () => {
    expect(errorsOf(withFunction('', 'resources:\n  internet: { type: nat-gateway }\n'))).toEqual([
      "8:3 resources.internet: 'internet' is reserved for calls to the public internet: give the resource another name",
    ]);
  });

  it('at least one function', () => {
    expect(errorsOf('lamsim: 1\nduration: 1m\nfunctions: {}\n')).toEqual([
      '3:12 functions: at least one function is required, e.g. functions: { api: { runtime: nodejs22.x } }',
    ]);
  });

  it('written traffic names are unique; default names are made unique', () => {
    const text = yaml`
      lamsim: 1
      traffic:
        - { name: web, target: api, phases: [{ duration: 1m, arrivalRate: 1 }] }
        - { name: web, target: api, phases: [{ duration: 1m, arrivalRate: 1 }] }
      functions:
        api: { runtime: nodejs22.x }
    `;
    expect(errorsOf(text)).toEqual([
      "4:13 traffic[1].name: traffic name 'web' is already used by traffic[0]: names must be unique",
    ]);
    const defaults = yaml`
      lamsim: 1
      traffic:
        - { target: api, phases: [{ duration: 1m, arrivalRate: 1 }] }
        - { name: api-2, target: api, phases: [{ duration: 1m, arrivalRate: 1 }] }
        - { target: api, phases: [{ duration: 1m, arrivalRate: 1 }] }
      functions:
        api: { runtime: nodejs22.x }
    `;
    expect(ok(defaults).scenario.traffic.map((t) => t.name)).toEqual(['api', 'api-2', 'api-3']);
  });
});

describe('concurrency', () => {
  const two = (a: string, b: string, account = '') => yaml`
    lamsim: 1
    duration: 1m
    ${account}
    functions:
      a: { runtime: nodejs22.x, ${a} }
      b: { runtime: nodejs22.x, ${b} }
  `;

  it('reserved concurrency summed over functions above concurrentExecutions - unreservedMinimum', () => {
    expect(errorsOf(two('reservedConcurrency: 500', 'reservedConcurrency: 401'))).toEqual([
      '6:50 functions.b.reservedConcurrency: reserved concurrency totals 901 (a 500, b 401), above concurrentExecutions - unreservedMinimum = 1000 - 100 = 900',
    ]);
    passes(two('reservedConcurrency: 500', 'reservedConcurrency: 400'));
  });

  it('provisioned above reserved', () => {
    expect(errorsOf(two('reservedConcurrency: 10, provisionedConcurrency: 11', 'memorySize: 128'))).toEqual([
      "5:78 functions.a.provisionedConcurrency: provisionedConcurrency 11 is above a's reservedConcurrency 10",
    ]);
    passes(two('reservedConcurrency: 10, provisionedConcurrency: 10', 'memorySize: 128'));
  });

  it('provisioned without reserved above the unreserved pool', () => {
    const account = 'account: { concurrentExecutions: 200 }';
    expect(errorsOf(two('reservedConcurrency: 50', 'provisionedConcurrency: 51', account))).toEqual([
      '6:53 functions.b.provisionedConcurrency: provisioned concurrency of functions without reserved concurrency totals 51 (b 51), above the unreserved pool: concurrentExecutions - reserved - unreservedMinimum = 200 - 50 - 100 = 50',
    ]);
    passes(two('reservedConcurrency: 50', 'provisionedConcurrency: 50', account));
  });

  it('unreservedMinimum above concurrentExecutions', () => {
    expect(
      errorsOf(
        two('', '', 'account: { concurrentExecutions: 50 }').replace(', }', ' }').replace(', }', ' }'),
      ),
    ).toEqual(['3:1 account.unreservedMinimum: unreservedMinimum 100 is above concurrentExecutions 50']);
  });
});

describe('function limits', () => {
  it('memory outside 128..10240 MB, or not whole MB', () => {
    expect(errorsOf(withFunction('memorySize: 64MB'))).toEqual([
      '6:17 functions.api.memorySize: memorySize 64MB is outside 128MB..10240MB',
    ]);
    expect(errorsOf(withFunction('memorySize: 11GB'))).toEqual([
      '6:17 functions.api.memorySize: memorySize 11264MB is outside 128MB..10240MB',
    ]);
    expect(errorsOf(withFunction('memorySize: 1000.5'))).toEqual([
      '6:17 functions.api.memorySize: memorySize 1000.5MB is not a whole number of MB: use 1 MB steps from 128MB to 10240MB',
    ]);
    passes(withFunction('memorySize: 10GB'));
    passes(withFunction('memorySize: 128'));
  });

  it('timeout above 900 s or not above 0', () => {
    expect(errorsOf(withFunction('timeout: 901'))).toEqual([
      "6:14 functions.api.timeout: timeout 15m1s is above Lambda's maximum of 900s (15m)",
    ]);
    expect(errorsOf(withFunction('timeout: 0s'))).toEqual([
      '6:14 functions.api.timeout: timeout must be above 0 (at most 900s)',
    ]);
    passes(withFunction('timeout: 15m'));
    // CreateFunction's Timeout is an integer number of seconds.
    expect(errorsOf(withFunction('timeout: 2.5'))).toEqual([
      expect.stringContaining(
        'timeout 2s500ms is not a whole number of seconds: Lambda takes 1s..900s in 1 s steps',
      ),
    ]);
    expect(errorsOf(withFunction('timeout: 500ms'))).toEqual([
      expect.stringContaining('timeout 500ms is not a whole number of seconds'),
    ]);
  });

  it('ephemeral storage, computeAt, maximumEventAge ranges', () => {
    expect(errorsOf(withFunction('ephemeralStorageSize: 256'))).toEqual([
      '6:27 functions.api.ephemeralStorageSize: ephemeralStorageSize 256MB is outside 512MB..10240MB',
    ]);
    expect(errorsOf(withFunction('maximumEventAge: 30s'))).toEqual([
      '6:22 functions.api.maximumEventAge: maximumEventAge 30s is outside 60s..6h',
    ]);
    expect(errorsOf(withFunction('model: { computeAt: 64MB }'))).toEqual([
      '6:25 functions.api.model.computeAt: computeAt 64MB is outside 128MB..10240MB',
    ]);
    expect(errorsOf(withFunction('maximumRetryAttempts: 3'))).toEqual([
      '6:27 functions.api.maximumRetryAttempts: expected an integer from 0 to 2, got 3',
    ]);
    expect(errorsOf(withFunction('model: { threads: 7 }'))).toEqual([
      '6:23 functions.api.model.threads: expected an integer from 1 to 6, got 7',
    ]);
  });

  it('runtimeProfile only on custom runtimes', () => {
    expect(errorsOf(withFunction('runtimeProfile: rust'))).toEqual([
      '6:21 functions.api.runtimeProfile: runtimeProfile applies to custom runtimes (provided.al2, provided.al2023), not nodejs22.x; profiles: go, rust, cpp, shell, swift5.8, swift, bun, bun-layer, dotnet7-aot, dotnet8-aot, dotnet9-aot, dotnet10-aot, graalvm-java17, graalvm-java21, graalvm-java23, quarkus, llrt',
    ]);
    passes(withFunction('runtimeProfile: rust').replace('nodejs22.x', 'provided.al2023'));
  });
});

describe('network', () => {
  const vpcCall = (extra: string) =>
    withFunction(
      'vpc: { subnetIds: [a], securityGroupIds: [sg] }\nmodel:\n  calls:\n    - { resource: internet, latency: 50ms }',
      extra,
    );

  it('a VPC function calling the internet needs a NAT gateway', () => {
    expect(errorsOf(vpcCall(''))).toEqual([
      '9:23 functions.api.model.calls[0].resource: api runs in a VPC, where the internet is unreachable without a NAT gateway: add a resource of type nat-gateway (or remove vpc)',
    ]);
    passes(vpcCall('resources:\n  nat: { type: nat-gateway, azs: 2 }\n'));
    passes(withFunction('model:\n  calls:\n    - { resource: internet, latency: 50ms }'));
  });

  it('a VPC function reading a secret needs a NAT gateway or a secretsmanager endpoint', () => {
    const vpcSecret = (extra: string) =>
      withFunction(
        'vpc: { subnetIds: [a], securityGroupIds: [sg] }\nmodel:\n  calls:\n    - { resource: creds }',
        `resources:\n  creds: { type: secret }\n${extra}`,
      );
    expect(errorsOf(vpcSecret(''))).toEqual([
      '9:23 functions.api.model.calls[0].resource: api runs in a VPC, where Secrets Manager is unreachable without a NAT gateway or an interface endpoint: add a resource of type nat-gateway, or of type vpc-endpoint with service: secretsmanager',
    ]);
    passes(vpcSecret('  nat: { type: nat-gateway }\n'));
    passes(vpcSecret('  sm: { type: vpc-endpoint, service: secretsmanager }\n'));
    // An endpoint for another service does not reach Secrets Manager.
    expect(errorsOf(vpcSecret('  q: { type: vpc-endpoint, service: sqs }\n'))).toHaveLength(1);
    passes(
      withFunction('model:\n  calls:\n    - { resource: creds }', 'resources:\n  creds: { type: secret }\n'),
    );
  });

  it('phase: init is for fixed-latency calls only', () => {
    const text = withFunction(
      'model:\n  calls:\n    - { resource: db, phase: init }\n    - { resource: creds, phase: init }\n    - { resource: internet, latency: 5ms, phase: init }',
      'resources:\n  db: { type: rds-mysql, instanceClass: db.t3.medium, query: 2ms }\n  creds: { type: secret }\n',
    );
    expect(errorsOf(text)).toEqual([
      "8:34 functions.api.model.calls[0].phase: phase: init is for fixed-latency calls (internet, a VPC endpoint, a secret); a call to rds-mysql 'db' is made by each invocation",
    ]);
  });

  it('a secret call takes its latency from the secret', () => {
    expect(
      errorsOf(
        withFunction(
          'model:\n  calls:\n    - { resource: creds, latency: 5ms }',
          'resources:\n  creds: { type: secret, latency: { p50: 10ms, p99: 30ms } }\n',
        ),
      ),
    ).toEqual([
      "8:39 functions.api.model.calls[0].latency: latency and bytes are for calls to the internet or through a VPC endpoint; a call to secret 'creds' takes its time from the resource (its latency)",
    ]);
  });

  it('calling an RDS proxy from outside a VPC is a warning', () => {
    const text = withFunction(
      'model:\n  calls:\n    - { resource: px, count: 3 }',
      'resources:\n  db: { type: rds-postgres, instanceClass: db.r6g.large, query: 2ms }\n  px: { type: rds-proxy, target: db }\n',
    );
    expect(brief(ok(text).warnings)).toEqual([
      "8:23 functions.api.model.calls[0].resource: warning: RDS Proxy 'px' is reachable only from inside its VPC, but api has no vpc",
    ]);
  });
});

describe('invocation paths', () => {
  const viaTimeout = (via: string, timeout: string) => yaml`
    lamsim: 1
    traffic:
      target: api
      via: ${via}
      phases: [{ duration: 1m, arrivalRate: 1 }]
    functions:
      api: { runtime: nodejs22.x, timeout: ${timeout} }
  `;

  it('api-gateway-rest with a timeout above 29 s is a warning', () => {
    expect(brief(ok(viaTimeout('api-gateway-rest', '30s')).warnings)).toEqual([
      '4:8 traffic.via: warning: api-gateway-rest cuts requests at 29s but functions.api.timeout is 30s: callers get a 504 while the function runs on (and is billed)',
    ]);
    passes(viaTimeout('api-gateway-rest', '29s'));
  });

  it('api-gateway-http with a timeout above 30 s is a warning', () => {
    expect(brief(ok(viaTimeout('api-gateway-http', '31')).warnings)).toEqual([
      '4:8 traffic.via: warning: api-gateway-http cuts requests at 30s but functions.api.timeout is 31s: callers get a 504 while the function runs on (and is billed)',
    ]);
    passes(viaTimeout('api-gateway-http', '30'));
    passes(viaTimeout('alb', '900'));
  });

  const gateway = (via: string, keys: string, timeout = '3s') =>
    viaTimeout(via, timeout).replace(`via: ${via}`, `via: ${via}\n  ${keys}`);

  it('a REST integration timeout above 29 s: regional and private APIs with a quota increase, up to 300 s', () => {
    // AWS What's New 2024-06-04: above 29 s for Regional and private REST APIs, via Service Quotas.
    const regional = gateway(
      'api-gateway-rest',
      'integrationTimeout: 120s\n  endpointType: regional',
      '100s',
    );
    expect(brief(ok(regional).warnings)).toEqual([
      `5:23 traffic.integrationTimeout: warning: integrationTimeout 2m needs a Service Quotas increase of "Maximum integration timeout in milliseconds" (above 29s since June 2024, regional REST APIs only); AWS may lower the account's API Gateway throttle quota (10,000 requests per second by default) in exchange`,
    ]);
    // The function's timeout is now inside the gateway's: no 504 warning; above it, the warning names the new cut.
    const cut = gateway('api-gateway-rest', 'integrationTimeout: 60s\n  endpointType: private', '90s');
    expect(brief(ok(cut).warnings)).toContain(
      '4:8 traffic.via: warning: api-gateway-rest cuts requests at 1m but functions.api.timeout is 1m30s: callers get a 504 while the function runs on (and is billed)',
    );
    // Edge-optimized (AWS's default endpoint type) stays at 29 s.
    expect(errorsOf(gateway('api-gateway-rest', 'integrationTimeout: 30s'))).toEqual([
      '5:23 traffic.integrationTimeout: integrationTimeout 30s is above 29s, the most an edge-optimized REST API allows: set endpointType regional or private (those may go to 300s after a quota increase), or 29s at most',
    ]);
    expect(
      errorsOf(gateway('api-gateway-rest', 'integrationTimeout: 301s\n  endpointType: regional')),
    ).toEqual([
      '5:23 traffic.integrationTimeout: integrationTimeout 5m1s is above 300s, the most API Gateway grants a regional REST API',
    ]);
    passes(gateway('api-gateway-rest', 'integrationTimeout: 10s'));
  });

  it('an HTTP API integration timeout is 50 ms to 30 s; the key belongs to API Gateway only', () => {
    expect(errorsOf(gateway('api-gateway-http', 'integrationTimeout: 31s'))).toEqual([
      '5:23 traffic.integrationTimeout: integrationTimeout 31s is above 30s, the most an HTTP API allows (not adjustable)',
    ]);
    expect(errorsOf(gateway('api-gateway-http', 'integrationTimeout: 40ms'))).toEqual([
      "5:23 traffic.integrationTimeout: integrationTimeout 40ms is below API Gateway's minimum of 50ms",
    ]);
    expect(errorsOf(gateway('alb', 'integrationTimeout: 10s'))).toEqual([
      '5:23 traffic.integrationTimeout: integrationTimeout applies to via api-gateway-rest or api-gateway-http, not alb',
    ]);
    expect(errorsOf(gateway('api-gateway-http', 'endpointType: regional'))).toEqual([
      '5:17 traffic.endpointType: endpointType applies to via api-gateway-rest, not api-gateway-http',
    ]);
    passes(gateway('api-gateway-http', 'integrationTimeout: 30s'));
  });

  it('payload above the limit of the invocation path', () => {
    const text = viaTimeout('async', '3s').replace('via: async', 'via: async\n  payload: 2MB');
    expect(errorsOf(text)).toEqual(['5:12 traffic.payload: payload 2MB is above the 1MB limit of via async']);
    passes(viaTimeout('direct', '3s').replace('via: direct', 'via: direct\n  payload: 6MB'));
  });
});

describe('RDS Proxy and database settings', () => {
  const proxy = (settings: string, db = 'type: rds-postgres, instanceClass: db.r6g.large') => yaml`
    lamsim: 1
    duration: 1m
    functions:
      api: { runtime: nodejs22.x }
    resources:
      db: { ${db}, query: 2ms }
      px: { type: rds-proxy, target: db, ${settings} }
  `;

  it('percentages within range', () => {
    expect(errorsOf(proxy('maxConnectionsPercent: 0.5'))).toEqual([
      '7:61 resources.px.maxConnectionsPercent: maxConnectionsPercent 0.5% is outside 1%..100%',
    ]);
    expect(errorsOf(proxy('maxConnectionsPercent: 40, maxIdleConnectionsPercent: 60%'))).toEqual([
      '7:92 resources.px.maxIdleConnectionsPercent: maxIdleConnectionsPercent 60% is outside 0%..maxConnectionsPercent (40%)',
    ]);
    passes(proxy('maxConnectionsPercent: 95%, maxIdleConnectionsPercent: 10'));
  });

  it('borrow timeout within 0..3600 s', () => {
    // RDS API reference: ConnectionBorrowTimeout "Must be between 0 and 300" (seconds).
    expect(errorsOf(proxy('connectionBorrowTimeout: 301s'))).toEqual([
      "7:63 resources.px.connectionBorrowTimeout: connectionBorrowTimeout 5m1s is outside 0s..300s (the RDS API's range)",
    ]);
    expect(errorsOf(proxy('connectionBorrowTimeout: 1h'))).toHaveLength(1);
    passes(proxy('connectionBorrowTimeout: 300s'));
    passes(proxy('connectionBorrowTimeout: 0s'));
  });

  it('Aurora runs on r and medium/large burstable classes only', () => {
    expect(errorsOf(proxy('pinning: 5%', 'type: aurora-mysql, instanceClass: db.m5.large'))).toEqual([
      '6:44 resources.db.instanceClass: aurora-mysql does not run on db.m5.large: use a memory-optimised class (db.r5/r6g/r7g...) or db.t3/db.t4g medium or large',
    ]);
    passes(proxy('pinning: 5%', 'type: aurora-mysql, instanceClass: db.t4g.medium'));
  });

  it('unknown instance classes are listed', () => {
    const errors = errorsOf(proxy('pinning: 5%', 'type: rds-mysql, instanceClass: db.r6g.larg'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^6:41 resources.db.instanceClass: 'db.r6g.larg' is not allowed \(did you mean 'db.r6g.large'\?\); expected a DB instance class: db.t2.micro, /,
    );
  });
});

describe('top-level values', () => {
  it('duration is required without traffic, and must be above 0', () => {
    expect(errorsOf('lamsim: 1\nfunctions:\n  api: { runtime: nodejs22.x }\n')).toEqual([
      "1:1 duration: missing required key 'duration': there is no traffic to take it from (e.g. duration: 30m)",
    ]);
    expect(errorsOf('lamsim: 1\nduration: 0s\nfunctions:\n  api: { runtime: nodejs22.x }\n')).toEqual([
      '2:11 duration: duration must be above 0',
    ]);
  });

  it('phases must last more than 0 s', () => {
    const text = yaml`
      lamsim: 1
      traffic:
        target: api
        phases: [{ duration: 0, arrivalRate: 1 }, { pause: 0s }]
      functions:
        api: { runtime: nodejs22.x }
    `;
    expect(errorsOf(text)).toEqual([
      '4:24 traffic.phases[0].duration: a phase must last more than 0s',
      '4:54 traffic.phases[1].pause: a phase must last more than 0s',
    ]);
  });
});

describe('VPC endpoints', () => {
  const endpointScenario = (
    call: string,
    endpoint: string,
    vpc = 'vpc: { subnetIds: [a], securityGroupIds: [sg] }',
  ) =>
    withFunction(
      `${vpc}\nmodel: { calls: [${call}] }`,
      `resources:\n  store: ${endpoint}\n  db: { type: rds-mysql, instanceClass: db.t3.medium, query: 2ms }\n`,
    );

  it('a call through an endpoint needs the service latency', () => {
    expect(errorsOf(endpointScenario('{ resource: store }', '{ type: vpc-endpoint, service: s3 }'))).toEqual([
      "7:22 functions.api.model.calls[0]: a call through VPC endpoint 'store' needs `latency`: the round trip of the service behind it",
    ]);
    passes(
      endpointScenario(
        '{ resource: store, latency: 20ms, bytes: 1MB }',
        '{ type: vpc-endpoint, service: s3 }',
      ),
    );
  });

  it('latency and bytes are refused on database calls', () => {
    expect(
      errorsOf(endpointScenario('{ resource: db, latency: 20ms }', '{ type: vpc-endpoint, service: s3 }')),
    ).toEqual([
      "7:47 functions.api.model.calls[0].latency: latency and bytes are for calls to the internet or through a VPC endpoint; a call to rds-mysql 'db' takes its time from the resource (query, connect)",
    ]);
  });

  it('gateway endpoints exist only for S3 and DynamoDB', () => {
    expect(
      errorsOf(
        endpointScenario(
          '{ resource: store, latency: 5ms }',
          '{ type: vpc-endpoint, service: sqs, endpointType: gateway }',
        ),
      ),
    ).toEqual([
      "9:60 resources.store.endpointType: gateway endpoints exist only for s3 and dynamodb; 'sqs' needs endpointType: interface",
    ]);
    passes(endpointScenario('{ resource: store, latency: 5ms }', '{ type: vpc-endpoint, service: sqs }'));
  });

  it('an endpoint call from a function outside a VPC is a warning', () => {
    const text = endpointScenario(
      '{ resource: store, latency: 5ms }',
      '{ type: vpc-endpoint, service: s3 }',
      '',
    );
    expect(brief(ok(text).warnings)).toEqual([
      "6:34 functions.api.model.calls[0].resource: warning: VPC endpoint 'store' serves functions in a VPC, but api has no vpc (it reaches the service directly)",
    ]);
  });
});

describe('SnapStart', () => {
  it('needs Java 11+, Python 3.12+ or .NET 8+ in a zip package, no provisioned concurrency, /tmp up to 512MB', () => {
    passes(withFunction('snapStart: true').replace('nodejs22.x', 'java21'));
    passes(withFunction('snapStart: true').replace('nodejs22.x', 'python3.12'));
    expect(errorsOf(withFunction('snapStart: true'))).toEqual([
      '6:16 functions.api.snapStart: SnapStart does not support nodejs22.x in a zip package: it needs a managed runtime Java 11+, Python 3.12+ or .NET 8+ (or a container image)',
    ]);
    expect(errorsOf(withFunction('snapStart: true').replace('nodejs22.x', 'python3.11'))).toHaveLength(1);
    expect(
      errorsOf(
        withFunction(
          'snapStart: true\npackageType: image\nprovisionedConcurrency: 2\nephemeralStorageSize: 1GB',
        ).replace('nodejs22.x', 'dotnet8'),
      ),
    ).toEqual([
      '6:16 functions.api.snapStart: SnapStart and provisioned concurrency cannot be used on the same function: choose one',
      '6:16 functions.api.snapStart: SnapStart supports ephemeral storage up to 512MB, not 1024MB',
    ]);
  });

  it("a container image may use SnapStart in any language (AWS docs snapstart-runtime-hooks-custom.html); outside Lambda's Java, Python and .NET base images that is a warning", () => {
    passes(withFunction('snapStart: true\npackageType: image').replace('nodejs22.x', 'python3.13'));
    expect(brief(ok(withFunction('snapStart: true\npackageType: image')).warnings)).toEqual([
      '6:16 functions.api.snapStart: warning: SnapStart on a container image of nodejs22.x: AWS supports it only if the image runs SnapStart\'s runtime hooks or its Dockerfile sets LABEL com.amazonaws.lambda.feature.snapstart="Allow" (else publishing the version fails); Lambda\'s base images for Java 11+, Python 3.12+ and .NET 8+ need neither',
    ]);
  });
});

describe('billing', () => {
  it('a region needs a price table, and price overrides need known ids', () => {
    expect(errorsOf(withFunction('', 'billing:\n  prices: { lambda.requestz: 0.1 }\n'))).toEqual([
      expect.stringMatching(
        /^8:30 billing\.prices\.lambda\.requestz: unknown price id "lambda\.requestz" \(did you mean "lambda\.requests"\?\); allowed ids: lambda\.requests, /,
      ),
    ]);
    passes(withFunction('', 'billing:\n  prices: { lambda.requests: 0.0000004 }\n'));
    expect(
      brief(ok(withFunction('').replace('duration: 1m', 'duration: 1m\nregion: ap-southeast-5')).warnings),
    ).toEqual([
      `3:9 region: warning: lamsim has no price table for ap-southeast-5 yet: the bill uses us-east-1 prices (override any with billing.prices); tables exist for ${SUPPORTED_REGIONS.join(', ')}`,
    ]);
    expect(
      brief(ok(withFunction('').replace('duration: 1m', 'duration: 1m\nregion: eu-west-1')).warnings),
    ).toEqual([
      "3:9 region: warning: lamsim's eu-west-1 prices are its own for Lambda duration only: requests, provisioned concurrency and the other services are billed at us-east-1 prices (override any with billing.prices; lamsim cost --list-prices --region eu-west-1 marks them)",
    ]);
  });
  it('a database class without a price is a warning, unless billing.prices prices it', () => {
    const db = (cls: string, billingBlock = '') => yaml`
      lamsim: 1
      duration: 1m
      functions:
        api: { runtime: nodejs22.x }
      resources:
        db: { type: aurora-postgresql, instanceClass: ${cls}, query: 2ms }
      ${billingBlock}
    `;
    passes(db('db.r6g.large'));
    expect(brief(ok(db('db.r7g.large')).warnings)).toEqual([
      '6:49 resources.db.instanceClass: warning: lamsim has no us-east-1 price for aurora-postgresql db.r7g.large: its instance hours are not billed; set billing.prices["database.aurora-postgresql.db.r7g.large"] (USD per hour)',
    ]);
    passes(db('db.r7g.large', 'billing: { prices: { database.aurora-postgresql.db.r7g.large: 0.28 } }'));
  });
  it('billing.month must fit the window; savingsPlan above 17% is a warning', () => {
    expect(
      errorsOf(
        withFunction('', 'billing:\n  month: { window: daily-profile }\n').replace(
          'duration: 1m',
          'duration: 25h',
        ),
      ),
    ).toEqual([
      "8:20 billing.month.window: window: daily-profile needs a window of at most 24 h, the scenario's is 25 h",
    ]);
    passes(withFunction('', 'billing:\n  month: { window: daily-profile }\n'));
    passes(withFunction('', 'billing:\n  month: { window: bursts, bursts: 30, baseline: 5 }\n'));
    expect(errorsOf(withFunction('', 'billing:\n  month: { window: bursts }\n'))).toEqual([
      '8:20 billing.month.window: window: bursts needs bursts: N, the bursts like the window in a month',
    ]);
    expect(errorsOf(withFunction('', 'billing:\n  month: { window: repeat, baseline: 5 }\n'))).toEqual([
      '8:38 billing.month.baseline: baseline applies to window: bursts only, not window: repeat',
    ]);
    expect(errorsOf(withFunction('', 'billing:\n  month: { window: bursts, bursts: 44000 }\n'))).toEqual([
      '8:20 billing.month.window: 44000 bursts of 1 min exceed a 730-hour month; at most 43800',
    ]);
    passes(withFunction('', 'billing:\n  savingsPlan: { discount: 17%, commitment: 0.5 }\n'));
    expect(brief(ok(withFunction('', 'billing:\n  savingsPlan: { discount: 30% }\n')).warnings)).toEqual([
      '8:28 billing.savingsPlan.discount: warning: AWS publishes Compute Savings Plans discounts on Lambda of up to 17% (3 years, all upfront); 30% is more than any plan gives',
    ]);
  });
});
