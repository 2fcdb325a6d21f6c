/**
 * The report of one run as a document: summary tables, the charts of every function and
 * database, the bill, provenance and the scenario as run. Pure: the same RunOutput and scenario
 * text give the same document, and nothing in it depends on the clock.
 */
import type { RunOutput } from '../experiments/index.ts';
import type { RunData } from '../results/index.ts';
import { growingBacklogWarnings } from './backlogText.ts';
import { costChart } from './charts/costChart.ts';
import { functionCharts } from './charts/functionCharts.ts';
import { asyncQueueNote, asyncQueueWaited, sqsQueueChart, streamChart } from './charts/messagingCharts.ts';
import {
  asyncQueueDataOf,
  natChartData,
  sqsQueueChartData,
  streamChartData,
} from './charts/messagingData.ts';
import { natChart } from './charts/networkCharts.ts';
import { databaseChartData, databaseCharts } from './charts/resourceCharts.ts';
import {
  type Block,
  chartBlock,
  paragraph,
  type ReportDocument,
  type Section,
  tableBlock,
  withUniqueChartIds,
} from './document.ts';
import { formatMs } from './format.ts';
import { ASYNC_EVENTS_NOTE, asyncEventsTable, queueTables, streamTables } from './messagingTables.ts';
import { costNote, monthlyPeriod, snapStartCacheNote } from './monthText.ts';
import { replicationsSection } from './replicationsText.ts';
import { sloTable } from './sloText.ts';
import {
  costTable,
  environmentsTable,
  functionsTable,
  latencyTable,
  provenanceTable,
  resourceTables,
} from './tables.ts';

export const SLO_NOTE =
  'Each objective is checked on every function and the worst one decides; latency objectives cover successful requests only, so read them with the throttle and error rates.';

/** What the summary table's counts count (README "Counts that add up"). */
export const COUNTS_NOTE =
  'Arrived counts what callers sent: requests (once each, whatever the SDK retries), asynchronous events (once each, however often Lambda retries them) or batches (every delivery to the function). ' +
  'Invocations count what the function started, retries of events included: invocations = ok + failed + timed out (+ running at end). ' +
  'For requests and batches, arrived = invocations + throttled (+ refused); how each event ended is in the asynchronous events table. ' +
  'Throttled counts what was refused in the end; the refused attempts (CloudWatch Throttles, retries included) follow when there were more.';

export const LATENCY_NOTE =
  'Latency is what the caller sees for successful requests (front door, INIT on a cold start, handler).';

/**
 * SQS queues and streams: a chart for each that carried messages, and a line naming those that
 * carried none (a flat chart would say nothing).
 */
function queuesAndStreamsBlocks(run: RunData): Block[] {
  const blocks: Block[] = [];
  const quiet: string[] = [];
  for (const q of sqsQueueChartData(run)) {
    if (q.sent > 0) blocks.push(chartBlock(sqsQueueChart(q, run.windowMs)));
    else quiet.push(`${q.name} received no message`);
  }
  for (const s of streamChartData(run)) {
    if (s.consumers.length === 0) quiet.push(`${s.name} has no consumer`);
    else if (s.records === 0) quiet.push(`${s.name} received no record`);
    else blocks.push(chartBlock(streamChart(s, run.windowMs)));
  }
  if (quiet.length > 0) blocks.push(paragraph(`Not charted: ${quiet.join('; ')}.`));
  return blocks;
}

export function buildRunReport(output: RunOutput, scenarioText: string): ReportDocument {
  const { run, summary } = output;
  const description = run.scenario.description.trim();
  const sections: Section[] = [
    {
      heading: 'Summary',
      level: 2,
      blocks: [
        tableBlock(functionsTable(summary)),
        ...growingBacklogWarnings(summary).map(paragraph),
        paragraph(COUNTS_NOTE),
        paragraph(LATENCY_NOTE),
        ...(summary.slo ? [tableBlock(sloTable(summary.slo)), paragraph(SLO_NOTE)] : []),
      ],
    },
  ];
  for (const fn of run.functions) {
    const async = asyncQueueDataOf(fn);
    sections.push({
      heading: `Function ${fn.name}`,
      level: 2,
      blocks: [
        ...functionCharts(run, fn).map(chartBlock),
        ...(async && !asyncQueueWaited(async) ? [paragraph(asyncQueueNote(async))] : []),
      ],
    });
  }
  const databases = databaseCharts(databaseChartData(run), run.windowMs);
  if (databases.length > 0) {
    sections.push({ heading: 'Databases', level: 2, blocks: databases.map(chartBlock) });
  }
  const messaging = queuesAndStreamsBlocks(run);
  if (messaging.length > 0) sections.push({ heading: 'Queues and streams', level: 2, blocks: messaging });
  const nats = natChartData(run);
  if (nats.length > 0) {
    sections.push({
      heading: 'Network',
      level: 2,
      blocks: nats.map((n) =>
        n.calls > 0
          ? chartBlock(natChart(n, run.windowMs))
          : paragraph(`NAT gateway ${n.name}: no call went through it.`),
      ),
    });
  }
  sections.push({
    heading: 'Cost',
    level: 2,
    blocks: [
      tableBlock(costTable(summary.cost)),
      paragraph(costNote(summary.cost.monthly.basis)),
      ...[snapStartCacheNote(summary.cost.window, summary.window.durationMs)]
        .filter((note) => note !== null)
        .map(paragraph),
      chartBlock(
        costChart({ bill: summary.cost.monthly, period: monthlyPeriod(summary.cost.monthly.basis) }),
      ),
    ],
  });
  sections.push({
    heading: 'Details',
    level: 2,
    blocks: [
      tableBlock({ ...latencyTable(summary), caption: 'Latency and durations' }),
      tableBlock({ ...environmentsTable(summary), caption: 'Execution environments and throttles' }),
      ...[asyncEventsTable(summary)].flatMap((t) => (t ? [tableBlock(t), paragraph(ASYNC_EVENTS_NOTE)] : [])),
    ],
  });
  const resources = [...queueTables(summary), ...streamTables(summary), ...resourceTables(summary)];
  if (resources.length > 0) {
    sections.push({ heading: 'Resources', level: 2, blocks: resources.map(tableBlock) });
  }
  if (summary.replications) sections.push(replicationsSection(summary.replications));
  sections.push({ heading: 'Provenance', level: 2, blocks: [tableBlock(provenanceTable(summary))] });
  sections.push({
    heading: 'Scenario as run',
    level: 2,
    blocks: [
      {
        kind: 'code',
        title: `${summary.scenario}.yaml`,
        language: 'yaml',
        text: scenarioText,
        collapsed: true,
      },
    ],
  });
  return withUniqueChartIds({
    title: summary.scenario,
    intro: [
      ...(description ? [description] : []),
      `Simulated window ${formatMs(summary.window.durationMs)}, seed ${summary.seed}, ` +
        `lamsim ${summary.lamsim.version}, scenario ${summary.provenance.scenarioHash.slice(0, 19)}…`,
    ],
    sections,
  });
}
