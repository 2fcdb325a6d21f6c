/**
 * The builder's findings -> the written scenario (the same data a user would type), the comments it
 * carries, and where each written key came from.
 *
 * What a template cannot know gets an explicit placeholder that runs, each marked `assumption`:
 * one hour of simulated time, one request per second per traffic source, a handler that computes
 * 10 ms and waits 40 ms. A function with no trigger in the template is invoked (so it runs): see
 * placeholderTraffic for how.
 * AWS refuses an SQS mapping whose function timeout exceeds the queue's visibility timeout, so a
 * queue outside the template gets 6 x its consumers' timeout (AWS's advice); reserved concurrency
 * above the default account quota raises `account.concurrentExecutions` to what the template needs.
 */
import type { Path } from '../scenario/index.ts';
import { moveTrafficToEntries } from './deliveredTraffic.ts';
import type { ImportedFunction, StackBuilder, Where } from './stackBuilder.ts';

export interface ImportedScenario {
  /** The written scenario, keys in output order. */
  readonly data: Record<string, unknown>;
  /** JSON of a written path -> a comment for that line. */
  readonly comments: Map<string, string>;
  /** Comment lines above the document. */
  readonly header: string[];
  /** JSON of a written path -> where the template sets it (the deepest recorded prefix applies). */
  readonly origins: Map<string, Where>;
  /** Who each function is in the templates and in AWS (to find it in its logs). */
  readonly functionIds: readonly FunctionIdentity[];
}

/** A function's names: in the scenario, in its template, and deployed. */
export interface FunctionIdentity {
  /** The function's key in the scenario (the logical ID, made safe when it had to be). */
  readonly name: string;
  /** The logical ID (Serverless: the function key) as the template writes it. */
  readonly logicalId: string;
  /** The name it is deployed under, when the template determines it. */
  readonly deployedName?: string;
  /** Deployed under CloudFormation's generated `<stack>-<LogicalId>-<suffix>` (no FunctionName). */
  readonly generatedByCloudFormation: boolean;
}

export const PLACEHOLDER = {
  duration: '1h',
  arrivalRate: 1,
  compute: '10ms',
  io: '40ms',
} as const;

const ASSUMPTION = 'assumption:';
const key = (path: Path): string => JSON.stringify(path);

/** Output order of a function's keys (the scenario reference's order). */
const FUNCTION_KEYS = [
  'runtime',
  'runtimeProfile',
  'architecture',
  'memorySize',
  'timeout',
  'ephemeralStorageSize',
  'packageType',
  'reservedConcurrency',
  'provisionedConcurrency',
  'vpc',
  'snapStart',
  'maximumRetryAttempts',
  'maximumEventAge',
  'destinations',
  'deadLetterQueue',
];

/** Account defaults (Lambda quotas: 1,000 concurrent executions, 100 kept unreserved). */
const DEFAULT_ACCOUNT_CONCURRENCY = 1000;
const UNRESERVED_MINIMUM = 100;
const MAX_VISIBILITY_S = 12 * 3600;

export function assemble(b: StackBuilder, sourceNames: readonly string[]): ImportedScenario {
  const comments = new Map<string, string>();
  const origins = new Map<string, Where>();
  const data: Record<string, unknown> = { lamsim: 1 };
  if (b.description) data.description = b.description.replace(/\s+/g, ' ');
  if (b.region) data.region = b.region;
  if (b.region && b.regionWhere) origins.set(key(['region']), b.regionWhere);
  data.duration = PLACEHOLDER.duration;
  comments.set(key(['duration']), `${ASSUMPTION} the simulated window; replace`);

  const functions: Record<string, unknown> = {};
  const triggered = new Set(b.traffic.map((t) => t.target));
  for (const fn of b.functions.values()) {
    const w: Record<string, unknown> = {};
    for (const k of FUNCTION_KEYS) if (fn.written[k] !== undefined) w[k] = fn.written[k];
    if (fn.events.length > 0) {
      w.events = fn.events;
      for (const e of fn.events)
        for (const kind of ['sqs', 'kinesis', 'dynamodb', 's3', 'sns']) if (kind in e) triggered.add(fn.name);
      if (fn.events.some((e) => 'schedule' in e)) triggered.add(fn.name);
    }
    w.model = { compute: PLACEHOLDER.compute, io: PLACEHOLDER.io };
    comments.set(
      key(['functions', fn.name, 'model', 'compute']),
      `${ASSUMPTION} CPU time per invocation at 1769MB; replace`,
    );
    comments.set(
      key(['functions', fn.name, 'model', 'io']),
      `${ASSUMPTION} waiting per invocation (downstream calls); replace`,
    );
    functions[fn.name] = w;
    origins.set(key(['functions', fn.name]), fn.where);
    for (const [k, where] of fn.origins) origins.set(key(['functions', fn.name, ...k.split('.')]), where);
    for (const [k, c] of fn.comments) comments.set(key(['functions', fn.name, ...k.split('.')]), c);
  }
  placeholderTraffic(b, triggered);
  moveTrafficToEntries(b);

  const resources: Record<string, unknown> = {};
  for (const r of b.resources.values()) {
    resources[r.name] = { ...r.written };
    const deliverTo = b.deliveries.get(r.name);
    if (deliverTo !== undefined) (resources[r.name] as Record<string, unknown>).deliverTo = deliverTo;
    origins.set(key(['resources', r.name]), r.where);
    for (const [k, c] of r.comments) comments.set(key(['resources', r.name, k]), c);
  }
  fitQueues(b, functions, resources, comments);

  const traffic = b.traffic.map((t, i) => {
    const entry: Record<string, unknown> = { target: t.target };
    if (t.via !== undefined) entry.via = t.via;
    if (t.viaComment !== undefined) comments.set(key(['traffic', i, 'via']), t.viaComment);
    if (t.eventType !== undefined) entry.eventType = t.eventType;
    if (t.endpointType !== undefined) entry.endpointType = t.endpointType;
    if (t.integrationTimeoutMs !== undefined)
      entry.integrationTimeout =
        t.integrationTimeoutMs % 1000 === 0
          ? `${t.integrationTimeoutMs / 1000}s`
          : `${t.integrationTimeoutMs}ms`;
    entry.phases = [{ duration: PLACEHOLDER.duration, arrivalRate: PLACEHOLDER.arrivalRate }];
    comments.set(key(['traffic', i, 'phases']), `${ASSUMPTION} ${t.because}; replace the rate`);
    origins.set(key(['traffic', i]), t.where);
    return entry;
  });

  const reserved = Object.values(functions).reduce<number>(
    (sum, f) => sum + Number((f as Record<string, unknown>).reservedConcurrency ?? 0),
    0,
  );
  if (reserved > DEFAULT_ACCOUNT_CONCURRENCY - UNRESERVED_MINIMUM) {
    data.account = { concurrentExecutions: reserved + UNRESERVED_MINIMUM };
    comments.set(
      key(['account', 'concurrentExecutions']),
      `${ASSUMPTION} the template reserves ${reserved}; your account's quota must allow it`,
    );
  }
  if (traffic.length > 0) data.traffic = traffic;
  data.functions = functions;
  if (Object.keys(resources).length > 0) data.resources = resources;
  const functionIds = [...b.functions.values()].map((f) => ({
    name: f.name,
    logicalId: f.id,
    ...(f.deployedName !== undefined ? { deployedName: f.deployedName } : {}),
    generatedByCloudFormation: f.deployedName === undefined && f.generatedByCloudFormation,
  }));
  return { data, comments, header: header(b, sourceNames), origins, functionIds };
}

/** Keys of a function's asynchronous invocation settings (EventInvokeConfig, DeadLetterConfig). */
const ASYNC_SETTINGS = [
  'destinations',
  'maximumRetryAttempts',
  'maximumEventAge',
  'deadLetterQueue',
] as const;

/** Event kinds and traffic vias that invoke a function asynchronously (Lambda developer guide). */
const ASYNC_EVENT_KINDS = ['s3', 'sns', 'schedule'];
const ASYNC_VIAS = new Set(['async', 'eventbridge']);

/**
 * Placeholder traffic for the functions nothing in the template invokes, so that every function
 * runs, except those that run when the stack is deployed (StackBuilder.deployTimeFunctions).
 *
 * - A function with asynchronous invocation settings (destinations, retries, maximum event age, a
 *   dead-letter queue) is invoked `via: async`: AWS applies them to asynchronous invocations only
 *   (Lambda developer guide, "Configuring error handling for asynchronous invocation" and
 *   "Capturing records of Lambda asynchronous invocations"), so a synchronous placeholder would
 *   never run them. Any other is invoked `via: direct`.
 * - A function that is the destination of another function invoked asynchronously gets no
 *   placeholder: the destination reaches it, like the consumer of a queue. The destination of a
 *   function invoked only synchronously (its destinations never run) gets its own, and so does the
 *   first of destinations in a cycle that nothing else invokes, so that every function runs.
 */
function placeholderTraffic(b: StackBuilder, triggered: ReadonlySet<string>): void {
  const fns = [...b.functions.values()];
  const asyncSettings = (name: string): string[] => {
    const written = b.functions.get(name)?.written ?? {};
    return ASYNC_SETTINGS.filter((k) => written[k] !== undefined);
  };
  const destinationsOf = (name: string): string[] => {
    const d = b.functions.get(name)?.written.destinations as Record<string, string> | undefined;
    return Object.values(d ?? {}).filter((x) => x !== name && b.functions.has(x));
  };
  const invokedAsync = new Set<string>();
  for (const t of b.traffic) if (t.via !== undefined && ASYNC_VIAS.has(t.via)) invokedAsync.add(t.target);
  for (const fn of fns)
    if (fn.events.some((e) => ASYNC_EVENT_KINDS.some((k) => k in e))) invokedAsync.add(fn.name);
  const reached = new Set<string>();
  /** Marks what the destinations of an asynchronously invoked function reach, transitively. */
  const follow = (from: string): void => {
    if (!invokedAsync.has(from)) return;
    for (const d of destinationsOf(from)) {
      if (reached.has(d)) continue;
      reached.add(d);
      invokedAsync.add(d);
      follow(d);
    }
  };
  const invoke = (name: string): void => {
    // A function that runs when the stack is deployed (a CodeDeploy hook, a custom resource's
    // handler) gets none: traffic would put invocations on the bill that never happen.
    const deployTime = b.deployTimeFunctions.get((b.functions.get(name) as ImportedFunction).id);
    if (deployTime !== undefined) {
      b.notes.push(`${name}: a ${deployTime}: it runs when the stack is deployed, so it gets no traffic.`);
      return;
    }
    const settings = asyncSettings(name);
    const via = settings.length > 0 ? 'async' : 'direct';
    b.addTraffic({
      target: name,
      via,
      because: `${name} has no trigger in the template`,
      ...(via === 'async'
        ? { viaComment: `asynchronous: its ${settings.join(', ')} apply only to asynchronous invocations` }
        : {}),
      where: (b.functions.get(name) as ImportedFunction).where,
    });
    if (via === 'async') invokedAsync.add(name);
    follow(name);
  };
  const isDestination = new Set(fns.flatMap((f) => destinationsOf(f.name)));
  for (const fn of fns) if (triggered.has(fn.name)) follow(fn.name);
  // First the functions no destination names, then those no asynchronous invocation reaches.
  for (const fn of fns) if (!triggered.has(fn.name) && !isDestination.has(fn.name)) invoke(fn.name);
  for (const fn of fns)
    if (!triggered.has(fn.name) && !reached.has(fn.name) && isDestination.has(fn.name)) invoke(fn.name);
}

/** External queues (no visibility timeout written) get 6 x the longest consumer timeout. */
function fitQueues(
  b: StackBuilder,
  functions: Record<string, unknown>,
  resources: Record<string, unknown>,
  comments: Map<string, string>,
): void {
  for (const [name, r] of Object.entries(resources) as [string, Record<string, unknown>][]) {
    if (r.type !== 'sqs-queue' || r.visibilityTimeout !== undefined) continue;
    let longest = 0;
    for (const fn of Object.values(functions) as Record<string, unknown>[]) {
      const reads = ((fn.events as Record<string, unknown>[] | undefined) ?? []).some(
        (e) => (e.sqs as Record<string, unknown> | undefined)?.queue === name,
      );
      if (reads) longest = Math.max(longest, Number(fn.timeout ?? 3));
    }
    const external = b.notes.some((n) => n.startsWith(`${name}: an external`));
    if (!external || longest * 6 <= 30) continue;
    r.visibilityTimeout = Math.min(MAX_VISIBILITY_S, longest * 6);
    comments.set(
      key(['resources', name, 'visibilityTimeout']),
      `${ASSUMPTION} 6 x the consumer's timeout, as AWS advises; set the queue's own`,
    );
  }
}

function header(b: StackBuilder, sourceNames: readonly string[]): string[] {
  const lines = [
    `Imported by \`lamsim import\` from ${sourceNames.join(', ')}.`,
    '',
    'Settings come from the template. Lines marked "assumption" are placeholders for what a template',
    'cannot know (traffic, handler time, the window): they run as written; replace them with your numbers.',
  ];
  if (b.notModelled.length > 0) {
    lines.push('', 'Not modelled (not simulated, or no effect on the simulation):');
    const groups = new Map<string, string[]>();
    for (const n of b.notModelled) {
      const label = n.reason ? `${n.type} (${n.reason})` : n.type;
      groups.set(label, [...(groups.get(label) ?? []), n.id]);
    }
    for (const [label, ids] of [...groups.entries()].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))) {
      lines.push(`  ${label}: ${ids.join(', ')}`);
    }
  }
  const ignored = [...b.functions.values()].filter((f) => f.ignored.length > 0);
  if (ignored.length > 0) {
    lines.push('', 'Function properties with no effect here:');
    for (const f of ignored) lines.push(`  ${f.name}: ${f.ignored.join(', ')}`);
  }
  if (b.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const n of b.notes) lines.push(`  - ${n}`);
  }
  return lines;
}
