/**
 * The sentences of the planner's findings: each bottleneck code's facts (src/experiments/plan/
 * bottleneck.ts) written for a reader, as plan.json's `evidence` and the plan report show them.
 * A code without a sentence here (a rule added to the table) lists its facts. Pure.
 */
import type { BottleneckFinding, FindingFacts } from '../../experiments/index.ts';
import type { InvocationKind } from '../../results/index.ts';
import { arrivalNoun } from '../countWords.ts';
import { formatCount, formatMs, formatPercent } from '../format.ts';

/** Per-run means (and peaks, the highest of the runs) read with one decimal below 100 and whole above. */
const round = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 10) / 10);

/** A fact that a rule always reports; a missing one is a bug in the rule table. */
function num(facts: FindingFacts, name: string): number {
  const v = facts[name];
  if (typeof v !== 'number') throw new Error(`finding fact ${name} is not a number: ${String(v)}`);
  return v;
}

/**
 * What a finding's arrivedRequests (and the counts beside it) count: `requests`, `events`,
 * `batches` or `invocations`, from its `invokedAs` fact (countWords.ts); `requests` without it.
 */
const noun = (facts: FindingFacts): string =>
  typeof facts.invokedAs === 'string' && facts.invokedAs !== ''
    ? arrivalNoun({ invokedAs: facts.invokedAs.split(', ') as InvocationKind[] })
    : 'requests';

const count = (facts: FindingFacts, name: string) => formatCount(round(num(facts, name)));

function throttled(f: BottleneckFinding, limit: string): string {
  const x = f.facts;
  const refused = num(x, 'refusedRequests');
  const arrived = num(x, 'arrivedRequests');
  // Every refusal a throttled SQS batch: its poller keeps it and retries it (or its messages
  // become visible again), so nothing is refused for good; the messages wait in the queue.
  if (typeof x.sqsQueues === 'string' && num(x, 'throttledSqsBatches') >= refused) {
    return (
      `${count(x, 'throttledAttempts')} invokes of batches from ${x.sqsQueues} throttled by ${limit}` +
      ` (${formatPercent(num(x, 'throttledSqsBatches') / arrived)} of ${count(x, 'arrivedRequests')} batch invokes)` +
      '; the poller retries throttled batches, so no message is lost: they wait in the queue' +
      `; peak concurrency ${count(x, 'peakConcurrency')} (the highest of the runs)`
    );
  }
  return (
    `${count(x, 'throttledAttempts')} attempts to invoke ${f.function} throttled by ${limit}` +
    `, ${count(x, 'refusedRequests')} of ${count(x, 'arrivedRequests')} ${noun(x)} (${formatPercent(refused / arrived)}) refused in the end` +
    `; peak concurrency ${count(x, 'peakConcurrency')} (the highest of the runs)`
  );
}

const EVIDENCE: Readonly<Record<string, (f: BottleneckFinding) => string>> = {
  reservedConcurrency: (f) => throttled(f, `its reserved concurrency ${num(f.facts, 'reservedConcurrency')}`),
  accountConcurrency: (f) =>
    throttled(
      f,
      `the account's concurrency (quota ${formatCount(num(f.facts, 'accountConcurrency'))}, ` +
        `${formatCount(num(f.facts, 'unreservedConcurrency'))} unreserved)`,
    ),
  scalingRate: (f) => throttled(f, `the scaling rate (${f.facts.scaling})`),
  requestRate: (f) =>
    throttled(
      f,
      `the account's request rate (${formatCount(num(f.facts, 'requestsPerSecond'))} per second: 10 x its concurrency quota ${formatCount(num(f.facts, 'accountConcurrency'))})`,
    ),
  timeout: (f) => {
    const x = f.facts;
    const timedOut = num(x, 'timedOutInvocations');
    const cut = num(x, 'frontDoorTimeouts');
    const parts = [
      timedOut > 0
        ? `${count(x, 'timedOutInvocations')} invocations hit the ${formatMs(num(x, 'timeoutMs'))} timeout`
        : '',
      cut > 0 ? `${count(x, 'frontDoorTimeouts')} requests were cut by the front door's timeout` : '',
    ].filter(Boolean);
    const share = (timedOut + cut) / num(x, 'arrivedRequests');
    return `${f.function}: ${parts.join(', ')} (${formatPercent(share)} of ${noun(x)}); p99 duration ${formatMs(num(x, 'p99DurationMs'))}`;
  },
  dbConnections: (f) =>
    `${f.resource}: ${count(f.facts, 'refusedConnections')} connection attempts refused at max_connections ` +
    `${formatCount(num(f.facts, 'maxConnections'))} (peak ${count(f.facts, 'peakConnections')} connections)`,
  proxyPool: (f) => {
    const x = f.facts;
    const pileUp =
      f.severity === 'hard' && num(x, 'callerTimeouts') > 0
        ? `; ${count(x, 'callerTimeouts')} invocations of its callers ran out their ${formatMs(num(x, 'callerTimeoutMs'))} timeout` +
          (num(x, 'callerThrottledAttempts') > 0
            ? `, and the concurrency held by requests waiting throttled ${count(x, 'callerThrottledAttempts')} attempts`
            : '')
        : '';
    return (
      `${f.resource}: pool of ${formatCount(num(x, 'poolSize'))} database connections; ${count(x, 'borrowWaits')} of ${count(x, 'borrows')} borrows waited, ` +
      `${formatMs(num(x, 'meanWaitOfWaitingBorrowMs'))} on average (${formatMs(num(x, 'meanBorrowWaitMs'))} per borrow), ` +
      `${count(x, 'borrowTimeouts')} timed out${pileUp}`
    );
  },
  databaseCpu: (f) =>
    `${f.resource}: CPU ${formatPercent(num(f.facts, 'cpuUtilization'))} busy on average; queries slow down as they share it`,
  provisionedConcurrency: (f) =>
    `${f.function}: peak concurrency ${count(f.facts, 'peakConcurrency')} above its ${num(f.facts, 'provisionedConcurrency')} provisioned ` +
    `environments; ${count(f.facts, 'coldStarts')} ${noun(f.facts)} started cold on on-demand ones`,
  coldStarts: (f) =>
    `${f.function}: ${formatPercent(num(f.facts, 'coldStartRate'))} of invocations start cold (p99 latency cold ${formatMs(num(f.facts, 'coldP99LatencyMs'))}, ` +
    `warm ${formatMs(num(f.facts, 'warmP99LatencyMs'))})`,
  queueInFlightQuota: (f) =>
    `${f.resource}: at its in-flight quota of ${formatCount(num(f.facts, 'maxInFlightMessages'))} messages ` +
    `(received and not yet deleted, failed ones until their visibility timeout ends) for ` +
    `${formatMs(num(f.facts, 'atInFlightQuotaMs'))}, when receives get nothing; backlog peaked at ${count(f.facts, 'peakBacklog')} messages`,
  queueRetryWait: (f) =>
    `${f.resource}: ${count(f.facts, 'failedMessages')} messages failed per run and wait out the ` +
    `${formatMs(num(f.facts, 'visibilityTimeoutMs'))} visibility timeout in flight before they are received again; ` +
    `their age counts in queue age (ApproximateAgeOfOldestMessage), so it cannot stay under ` +
    `${formatMs(num(f.facts, 'queueAgeObjectiveMs'))} while messages fail (oldest ${formatMs(num(f.facts, 'maxAgeMs'))})`,
  streamConcurrency: (f) => {
    const x = f.facts;
    const lanes = num(x, 'shards') * num(x, 'parallelizationFactor');
    return (
      `${f.resource}: ${f.function} reads it ${formatCount(lanes)} batches at a time at most (shards x parallelization factor: ` +
      `${formatCount(num(x, 'shards'))} x ${formatCount(num(x, 'parallelizationFactor'))}); batches of up to ${formatCount(num(x, 'batchSize'))} records ` +
      `take ${formatMs(num(x, 'meanBatchDurationMs'))} on average, so it reads about ${count(x, 'capacityRecordsPerSecond')} records/s ` +
      `against ${count(x, 'arrivalRecordsPerSecond')} arriving; iterator age up to ${formatMs(num(x, 'maxIteratorAgeMs'))}, ` +
      `${count(x, 'waitingAtEnd')} records still waiting at the end of the window`
    );
  },
  queueBacklog: (f) =>
    `${f.resource}: the oldest message waited up to ${formatMs(num(f.facts, 'maxAgeMs'))}` +
    ('peakBacklog' in f.facts ? `, backlog peaked at ${count(f.facts, 'peakBacklog')} messages` : '') +
    ('waitingAtEnd' in f.facts
      ? `, ${count(f.facts, 'waitingAtEnd')} ${'peakBacklog' in f.facts ? 'messages' : 'records'} still waiting at the end of the window, the backlog still growing`
      : '') +
    `; consumed by ${f.facts.consumers || 'no consumer'}`,
  latency: (f) =>
    `${f.function}: ${f.facts.metric} ${formatMs(num(f.facts, 'valueMs'))} above ${formatMs(num(f.facts, 'objectiveMs'))} ` +
    `without throttles or a saturated resource; the handler itself (p99 duration ${formatMs(num(f.facts, 'p99DurationMs'))}) is slow ` +
    `for ${count(f.facts, 'arrivedRequests')} ${noun(f.facts)} per run`,
};

/** What in the runs shows the finding, in a sentence (plan.json's `evidence`). */
export function findingEvidence(f: BottleneckFinding): string {
  const write = EVIDENCE[f.bottleneck];
  if (write) return write(f);
  const where = f.function ?? f.resource;
  const facts = Object.entries(f.facts).map(([name, value]) => `${name} ${value}`);
  return `${where ? `${where}: ` : ''}${facts.join(', ')}`;
}

/** A finding as plan.json writes it: its code and numbers, then the sentence. */
export function findingJson(f: BottleneckFinding) {
  return {
    bottleneck: f.bottleneck,
    severity: f.severity,
    function: f.function,
    resource: f.resource,
    affected: f.affected,
    evidence: findingEvidence(f),
  };
}
