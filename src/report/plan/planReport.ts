/**
 * The report of a capacity plan as a document (rendered to plan.md and plan.html): the answer in
 * a paragraph, the SLOs at baseline, at the breaking point and at the target, the bottleneck with
 * its evidence, the verified recommendations with their cost, the charts, every load evaluated in
 * full and, apart, the search's one-run steps (never shown as verdicts). Pure.
 */

import type { Evaluation, PlanResult } from '../../experiments/index.ts';
import { backlogText, SLO_METRIC_INFO } from '../../experiments/index.ts';
import { costsLeftOutText } from '../costsLeftOutText.ts';
import {
  chartBlock,
  paragraph,
  type ReportDocument,
  type Section,
  type Table,
  tableBlock,
  withUniqueChartIds,
} from '../document.ts';
import { formatCount, formatPercent, formatSloValue, formatUsdFine } from '../format.ts';
import { monthlyPeriod, perMonthNote } from '../monthText.ts';
import { changeReason } from './changeText.ts';
import { findingEvidence } from './findingText.ts';
import { failedRemedyText, refusedText, sloFlag, warningText } from './guardText.ts';
import { loadFactor, loadRate } from './loadText.ts';
import { planCharts } from './planCharts.ts';

const pct = (c: number) => `${Math.round(c * 100)}%`;

/** Why the search tried no larger load, when the SLOs held at every load it tried. */
function stopText(p: PlanResult): string {
  const { stop, backlog } = p.search;
  if (stop === 'backlog' && backlog !== null) {
    return `at ${loadFactor(backlog.scale)} ${backlogText(backlog, p.search.heldMessagesLimit)} for a run of the search`;
  }
  return stop === 'size' ? 'larger loads exceed the size limit' : 'the search limit';
}

function metricCell(e: Evaluation | null, i: number, guard = false): string {
  const m = guard ? e?.guards[i] : e?.metrics[i];
  if (!m) return '';
  if (m.mean === null) return 'not measured';
  const value = formatSloValue(m.objective.metric, m.mean);
  return m.meets ? value : `${value} ✗`;
}

export function answer(p: PlanResult): string {
  const { lo, hi, inconclusive } = p.search;
  const base = p.baseline;
  const parts: string[] = [];
  // With guards watched, the SLOs that hold are the user's, not every limit a reader assumes.
  const every = p.guards.length > 0 ? 'Every SLO you set' : 'Every SLO';
  const there = (e: Evaluation) => {
    const t = refusedText(p, e);
    return t ? ` (there ${t})` : '';
  };
  if (!lo) {
    parts.push(
      `The SLOs are not met even at ${loadFactor(hi?.scale ?? 1)} the scenario's traffic (${loadRate(p.arrivalUnit, hi?.peakRate ?? 0)}); ` +
        `at the scenario's own load (${loadRate(p.arrivalUnit, base.peakRate)}) they fail with confidence ${pct(base.confidence)}${there(base)}.`,
    );
  } else if (!hi) {
    parts.push(
      `${every} holds up to ${loadRate(p.arrivalUnit, lo.peakRate)} (${loadFactor(lo.scale)} the scenario's peak of ${loadRate(p.arrivalUnit, base.peakRate)})${there(lo)}, ` +
        `the largest load tried (${stopText(p)}).`,
    );
  } else {
    parts.push(
      `${every} holds up to ${loadRate(p.arrivalUnit, lo.peakRate)} (${loadFactor(lo.scale)} the scenario's peak of ${loadRate(p.arrivalUnit, base.peakRate)}; ` +
        `confidence ${pct(lo.confidence)}${refusedText(p, lo) ? `; there ${refusedText(p, lo)}` : ''}) and breaks by ${loadRate(p.arrivalUnit, hi.peakRate)} (${loadFactor(hi.scale)}; confidence ${pct(hi.confidence)})` +
        (inconclusive
          ? `; at ${loadRate(p.arrivalUnit, inconclusive.peakRate)} the replications cannot tell, so the breaking point is about there.`
          : '.'),
    );
  }
  for (const w of p.warnings) if (w.withinHeadroom) parts.push(warningText(p, w));
  if (p.bottleneck)
    parts.push(`What breaks first: ${p.bottleneck.bottleneck} — ${findingEvidence(p.bottleneck)}.`);
  const t = p.target;
  if (t.before.meets) {
    const atTarget = p.warnings.filter((w) => w.atTarget.exceeded && !w.withinHeadroom);
    parts.push(
      `At the target of ${loadRate(p.arrivalUnit, t.peakRate)} (${loadFactor(t.scale)}) ${every.charAt(0).toLowerCase()}${every.slice(1)} holds without changes${there(t.before)}.`,
    );
    for (const w of atTarget) parts.push(warningText(p, w));
  } else if (p.recommendations.length > 0) {
    const changes = p.recommendations.map((r) => `${r.setting} ${r.from ?? '(none)'} → ${r.to}`).join(', ');
    const cost = p.recommendations[0].monthlyCostUsd;
    parts.push(
      `At the target of ${loadRate(p.arrivalUnit, t.peakRate)} (${loadFactor(t.scale)}): ${changes}; cost ${formatUsdFine(cost.before)} → ${formatUsdFine(cost.after)} ${monthlyPeriod(p.monthlyBasis)}.`,
    );
  } else {
    parts.push(
      `At the target of ${loadRate(p.arrivalUnit, t.peakRate)} (${loadFactor(t.scale)}) no change tried meets every SLO` +
        (p.failedRemedies.length > 0
          ? `: ${p.failedRemedies.map(failedRemedyText).join('; ')}.`
          : p.target.bottleneck
            ? `: lamsim has no remedy to try for ${p.target.bottleneck.bottleneck}.`
            : '.'),
    );
  }
  const left = costsLeftOutText(p.costsLeftOut);
  if (left) parts.push(left);
  return parts.join(' ');
}

function sloTable(p: PlanResult): Table {
  const cols: [string, Evaluation | null][] = [
    [`baseline (${loadRate(p.arrivalUnit, p.baseline.peakRate)})`, p.baseline],
    [
      `max sustainable (${p.search.lo ? loadRate(p.arrivalUnit, p.search.lo.peakRate) : 'none'})`,
      p.search.lo,
    ],
    [`breaks (${p.search.hi ? loadRate(p.arrivalUnit, p.search.hi.peakRate) : 'not found'})`, p.search.hi],
    [`target (${loadRate(p.arrivalUnit, p.target.peakRate)})`, p.target.before],
  ];
  return {
    columns: [{ title: 'objective' }, ...cols.map(([title]) => ({ title, align: 'right' as const }))],
    rows: [
      ...p.objectives.map((o, i) => [
        `${SLO_METRIC_INFO[o.metric].label} ≤ ${formatSloValue(o.metric, o.max)}`,
        ...cols.map(([, e]) => metricCell(e, i)),
      ]),
      ...p.guards.map((o, i) => [
        `${SLO_METRIC_INFO[o.metric].label} (guard, not an SLO: ≤ ${formatSloValue(o.metric, o.max)})`,
        ...cols.map(([, e]) => metricCell(e, i, true)),
      ]),
    ],
  };
}

function evaluationsTable(p: PlanResult): Table {
  return {
    caption: 'Loads evaluated in full (mean over replications)',
    columns: [
      { title: 'scale', align: 'right' },
      { title: 'peak rate', align: 'right' },
      ...p.objectives.map((o) => ({ title: o.metric, align: 'right' as const })),
      ...p.guards.map((o) => ({ title: `${o.metric} (guard)`, align: 'right' as const })),
      { title: 'verdict' },
      { title: 'confidence', align: 'right' },
      { title: 'replications', align: 'right' },
      { title: 'per month', align: 'right' },
    ],
    rows: p.evaluations.map((e) => [
      loadFactor(e.scale),
      loadRate(p.arrivalUnit, e.peakRate),
      ...p.objectives.map((_, i) => metricCell(e, i)),
      ...p.guards.map((_, i) => metricCell(e, i, true)),
      e.meets ? 'meets' : 'fails',
      pct(e.confidence),
      String(e.replications),
      formatUsdFine(e.monthlyCostUsd.mean),
    ]),
  };
}

/** The scouted steps: one run each, the objectives' values in it and the way the search went. */
function scoutsTable(p: PlanResult): Table {
  const value = (e: Evaluation, i: number, guard = false) => {
    const m = guard ? e.guards[i] : e.metrics[i];
    const v = m?.values[0];
    return v === null || v === undefined ? 'not measured' : formatSloValue(m.objective.metric, v);
  };
  return {
    caption: 'Search steps on one run (replication 0): the way the search went, not verdicts',
    columns: [
      { title: 'scale', align: 'right' },
      { title: 'peak rate', align: 'right' },
      ...p.objectives.map((o) => ({ title: o.metric, align: 'right' as const })),
      ...p.guards.map((o) => ({ title: `${o.metric} (guard)`, align: 'right' as const })),
      { title: 'this run' },
    ],
    rows: p.scouts.map((e) => [
      loadFactor(e.scale),
      loadRate(p.arrivalUnit, e.peakRate),
      ...p.objectives.map((_, i) => value(e, i)),
      ...p.guards.map((_, i) => value(e, i, true)),
      e.meets ? 'within every SLO' : 'an SLO exceeded',
    ]),
  };
}

function recommendationSection(p: PlanResult): Section {
  const blocks = [];
  if (p.target.before.meets) {
    const exceeded = p.warnings.filter((w) => w.atTarget.exceeded);
    blocks.push(
      paragraph(
        exceeded.length === 0
          ? `Every SLO holds at the target load (${loadRate(p.arrivalUnit, p.target.peakRate)}): nothing to change.`
          : `Every SLO you set holds at the target load (${loadRate(p.arrivalUnit, p.target.peakRate)}), so nothing was searched for; ` +
              `${exceeded.map((w) => `${w.objective.metric} is ${formatPercent(w.atTarget.value ?? 0)} there`).join(', ')}, ` +
              `above the default guard. Add ${exceeded.map(sloFlag).join(' ')} to find the change that fixes it.`,
      ),
    );
  } else {
    if (p.target.bottleneck) {
      blocks.push(
        paragraph(
          `At the target load: ${p.target.bottleneck.bottleneck} — ${findingEvidence(p.target.bottleneck)}.`,
        ),
      );
    }
    if (p.recommendations.length > 0) {
      blocks.push(
        tableBlock({
          columns: [{ title: 'setting' }, { title: 'from' }, { title: 'to' }, { title: 'why' }],
          rows: p.recommendations.map((r) => [
            r.setting,
            String(r.from ?? '(none)'),
            String(r.to),
            changeReason(p, r),
          ]),
        }),
      );
      const c = p.recommendations[0].monthlyCostUsd;
      blocks.push(
        paragraph(
          `Monthly cost at the target load: ${formatUsdFine(c.before)} as is, ${formatUsdFine(c.after)} with the change ` +
            `(${c.after >= c.before ? '+' : '-'}${formatPercent(Math.abs(c.after / c.before - 1))}). ${perMonthNote(p.monthlyBasis)}`,
        ),
      );
    } else {
      blocks.push(paragraph('No change tried (alone or combined) meets every SLO at the target load.'));
      if (p.partial) {
        blocks.push(
          paragraph(
            `Furthest the search got: ${p.partial.changes.map((c) => `${c.setting} → ${c.to}`).join(', ')} ` +
              `(${formatUsdFine(p.partial.monthlyCostUsd)} ${monthlyPeriod(p.monthlyBasis)}).`,
          ),
        );
      }
    }
    if (p.failedRemedies.length > 0) {
      blocks.push(
        tableBlock({
          caption: 'Remedies tried that do not meet every SLO at the target (strongest value tried)',
          columns: [{ title: 'remedy' }, { title: 'why not' }],
          rows: p.failedRemedies.map((f) => {
            const [what, why] = splitRemedy(failedRemedyText(f));
            return [what, why];
          }),
        }),
      );
    }
    if (p.alternatives.length > 1) {
      blocks.push(
        tableBlock({
          caption: 'Verified alternatives, cheapest first',
          columns: [
            { title: 'changes' },
            { title: 'confidence', align: 'right' },
            { title: 'per month', align: 'right' },
          ],
          rows: p.alternatives.map((a) => [
            a.changes.map((c) => `${c.setting}: ${c.from ?? '(none)'} → ${c.to}`).join('; '),
            pct(a.confidence),
            formatUsdFine(a.monthlyCostUsd),
          ]),
        }),
      );
    }
  }
  return { heading: 'Recommendations', level: 2, blocks };
}

/** `label up to X: why` → [`label up to X`, `why`]. */
function splitRemedy(text: string): [string, string] {
  const at = text.indexOf(': ');
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 2)];
}

export function buildPlanReport(p: PlanResult, description = ''): ReportDocument {
  const sections: Section[] = [
    { heading: 'Answer', level: 2, blocks: [paragraph(answer(p)), tableBlock(sloTable(p))] },
  ];
  if (p.findings.length > 0) {
    sections.push({
      heading: 'Bottleneck',
      level: 2,
      blocks: [
        tableBlock({
          caption: `At ${p.search.hi ? loadRate(p.arrivalUnit, p.search.hi.peakRate) : 'the breaking point'}, most important first`,
          columns: [
            { title: 'limit' },
            { title: 'kind' },
            { title: 'affected per run', align: 'right' },
            { title: 'evidence' },
          ],
          rows: p.findings.map((f) => [
            f.bottleneck,
            f.severity,
            formatCount(Math.round(f.affected)),
            findingEvidence(f),
          ]),
        }),
      ],
    });
  }
  sections.push(recommendationSection(p));
  sections.push({ heading: 'Charts', level: 2, blocks: planCharts(p).map(chartBlock) });
  sections.push({
    heading: 'Search',
    level: 2,
    blocks: [
      paragraph(
        `Loads tried: the scenario's traffic (every phase's rates) times a factor, doubling or halving from 1 until an SLO ` +
          `changes verdict, then bisecting to ${formatPercent(p.search.tolerance)}` +
          (p.scouts.length > 0
            ? `, stepping on one run per load (replication 0, seed ${p.seed}); the loads that end that search were then ` +
              'evaluated in full, and when their verdicts agree with it (holds below, breaks above), the search on full ' +
              'verdicts would have ended there too (outcomes growing with load), or else it was made again on full verdicts. '
            : '. ') +
          `A full evaluation ran ${p.replicationSettings.minReplications} ` +
          `to ${p.replicationSettings.maxReplications} replications (seeds derived from ${p.seed}; the same seeds at every load), ` +
          `until its verdict reached ${pct(p.replicationSettings.confidence)} confidence (one-sided t on the replications' mean). ` +
          `Search stopped: ${p.search.stop}. ${formatCount(p.runs)} runs in all.`,
      ),
      tableBlock(evaluationsTable(p)),
      ...(p.scouts.length > 0 ? [tableBlock(scoutsTable(p))] : []),
      paragraph(perMonthNote(p.monthlyBasis)),
    ],
  });
  return withUniqueChartIds({
    title: `${p.scenario}: capacity plan`,
    intro: [
      ...(description.trim() ? [description.trim()] : []),
      `SLOs: ${p.objectives.map((o) => `${o.metric} ≤ ${formatSloValue(o.metric, o.max)}`).join(', ')}; ` +
        `lamsim ${p.provenance.version}, scenario ${p.provenance.scenarioHash.slice(0, 19)}…`,
    ],
    sections,
  });
}
