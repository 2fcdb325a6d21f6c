/**
 * The report of one run as a document: summary tables, the charts of every function and
 * database, the bill, provenance and the scenario as run. Pure: the same RunOutput and scenario
 * text give the same document, and nothing in it depends on the clock.
 */
import type { RunOutput } from '../experiments/run.ts';
import { costChart } from './charts/costChart.ts';
import { functionCharts } from './charts/functionCharts.ts';
import { databaseChartData, databaseCharts } from './charts/resourceCharts.ts';
import {
  chartBlock,
  paragraph,
  type ReportDocument,
  type Section,
  tableBlock,
  withUniqueChartIds,
} from './document.ts';
import { formatMs } from './format.ts';
import {
  costTable,
  environmentsTable,
  functionsTable,
  latencyTable,
  provenanceTable,
  resourceTables,
} from './tables.ts';

export const MONTHLY_PERIOD = 'per month at this rate (730 h)';

export const LATENCY_NOTE =
  'Latency is what the caller sees for successful requests (front door, INIT on a cold start, handler).';

export const COST_NOTE =
  'The window is billed as one month; the monthly column scales its usage to 730 hours before applying tiers and the free tier.';

export function buildRunReport(output: RunOutput, scenarioText: string): ReportDocument {
  const { run, summary } = output;
  const description = run.scenario.description.trim();
  const sections: Section[] = [
    {
      heading: 'Summary',
      level: 2,
      blocks: [tableBlock(functionsTable(summary)), paragraph(LATENCY_NOTE)],
    },
  ];
  for (const fn of run.functions) {
    sections.push({
      heading: `Function ${fn.name}`,
      level: 2,
      blocks: functionCharts(run, fn).map(chartBlock),
    });
  }
  const databases = databaseCharts(databaseChartData(run), run.windowMs);
  if (databases.length > 0) {
    sections.push({ heading: 'Databases', level: 2, blocks: databases.map(chartBlock) });
  }
  sections.push({
    heading: 'Cost',
    level: 2,
    blocks: [
      tableBlock(costTable(summary.cost)),
      paragraph(COST_NOTE),
      chartBlock(costChart({ bill: summary.cost.monthly, period: MONTHLY_PERIOD })),
    ],
  });
  sections.push({
    heading: 'Details',
    level: 2,
    blocks: [
      tableBlock({ ...latencyTable(summary), caption: 'Latency and durations' }),
      tableBlock({ ...environmentsTable(summary), caption: 'Execution environments and throttles' }),
    ],
  });
  const resources = resourceTables(summary);
  if (resources.length > 0) {
    sections.push({ heading: 'Resources', level: 2, blocks: resources.map(tableBlock) });
  }
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
