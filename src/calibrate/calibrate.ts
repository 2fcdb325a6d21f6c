/**
 * Logs of one function -> a scenario that reproduces them (YAML text plus the data files it
 * names), and what was observed and fitted, for the calibration report. Pure: the CLI reads the
 * logs and writes the files.
 *
 * What comes from where (every choice is also a comment in the scenario):
 * - memorySize: the Memory Size most REPORTs give; computeAt the same, so `lamsim tune` scales
 *   compute from the size it was measured at.
 * - model.compute: fitted to Duration (fitDistribution: a lognormal if the sample is consistent with
 *   one, else the samples themselves). model.io: 0ms. Lambda's logs cannot tell compute from
 *   waiting, so all of Duration is treated as compute: an assumption that only matters for what-ifs
 *   on memory (tune), to replace with a split when you know the handler waits on I/O. (Splitting a
 *   logged Duration into two independent draws would narrow its distribution, so the split is left
 *   to the user rather than guessed.)
 * - model.init (restore with SnapStart): fitted to the Init (Restore) Durations; the measured
 *   default for the runtime when the logs hold no cold start.
 * - traffic: the arrival times replayed (trace) or phases fitted to per-minute counts.
 * - runtime: the option, else INIT_START's (SnapStart: RESTORE_START's) runtime version, else an
 *   assumption marked as such.
 * - timeout: the runtime's `Task timed out after N seconds` if logged, else the Duration of the
 *   REPORTs whose Status is timeout, else AWS's 3 s default or the longest Duration rounded up,
 *   marked as an assumption.
 * - errorRate: the share of REPORTs whose Status is error or failure.
 * - billing.initBilled: whether Billed Duration includes INIT on the logged cold starts.
 */

import type { Corpus, LogProblem } from '../logs/index.ts';
import { err, ok, type Result } from '../result.ts';
import { eventSourceResource, KNOWN_RUNTIMES } from '../scenario/index.ts';
import { count, counted, humanMs, isoUtc, msValue, windowText } from './describe.ts';
import { type DistributionFit, type FitMode, fitDistribution } from './fitDistribution.ts';
import { provisionedWarning, provisionedWhy, runtimeOf, timeoutOf } from './logSettings.ts';
import { functionNameOf, scenarioNameOf } from './names.ts';
import { type Observed, observe } from './observed.ts';
import { ScenarioLines, yamlKey, yamlString } from './scenarioLines.ts';
import { type CalibrateStack, stackFunctionLines, stackLines, stackRuntime } from './stackScenario.ts';
import { arrivalsCsv, type FittedPhase, fitPhases, MINUTE_MS, perMinuteCounts } from './traffic.ts';

export type TrafficMode = 'trace' | 'phases';

export interface CalibrateOptions {
  /**
   * The scenario's name (names its report folder), e.g. the output file's base name; made valid
   * (names.ts). Without a template or a function named in the logs, the function's name too.
   */
  readonly name: string;
  /** Base of the data files written beside the scenario (`<base>.arrivals.csv`, ...). */
  readonly fileBase: string;
  /** The log files read, as the user named them (for the scenario's header). */
  readonly sources: readonly string[];
  readonly runtime?: string;
  readonly architecture?: 'x86_64' | 'arm64';
  readonly traffic?: TrafficMode;
  readonly fit?: FitMode;
  /** Start with the editor's schema line (`# yaml-language-server: $schema=./lamsim.schema.json`). */
  readonly schemaComment?: boolean;
  /**
   * The templates the function is deployed from (`--template`): the scenario then points at them
   * with `stack:` and writes only what the logs add (see stackScenario.ts).
   */
  readonly stack?: CalibrateStack;
}

export interface DataFile {
  readonly name: string;
  readonly text: string;
}

export interface Calibration {
  readonly scenarioText: string;
  /** Files the scenario names, to be written beside it. */
  readonly files: readonly DataFile[];
  /** The function's name in the scenario (with a template: its logical ID). */
  readonly functionName: string;
  readonly observed: Observed;
  readonly duration: DistributionFit;
  readonly init?: DistributionFit;
  readonly restore?: DistributionFit;
  readonly phases?: readonly FittedPhase[];
  readonly runtime: { readonly id: string; readonly from: string };
  /** Things the user should know (also comments in the scenario). */
  readonly warnings: readonly string[];
  /** Log lines that looked like platform lines but could not be read (skipped). */
  readonly problems: readonly LogProblem[];
}

/** Fewer samples than this do not pin down a p99: a fit's p99 beyond their maximum is flagged. */
const FEW_SAMPLES = 100;

/** At most this many samples are written inline; more go to a file beside the scenario. */
const INLINE_SAMPLES = 20;

export function calibrate(corpus: Corpus, options: CalibrateOptions): Result<Calibration, string> {
  if (options.runtime !== undefined && !(KNOWN_RUNTIMES as readonly string[]).includes(options.runtime)) {
    return err(`--runtime ${options.runtime}: not a runtime lamsim knows (${KNOWN_RUNTIMES.join(', ')})`);
  }
  const observed = observe(corpus);
  const mode = options.fit ?? 'auto';
  const warnings: string[] = [...corpus.warnings];
  const stack = options.stack;
  const name = scenarioNameOf(options.name);
  // Without a template, the function is named as the logs name it, else after the scenario.
  const given = corpus.functionName ?? name;
  const fn = stack?.target.fn.name ?? functionNameOf(given);
  if (!stack && fn !== given) {
    warnings.push(
      `the function is ${fn} in the scenario: ${given} is not a valid function name (letters, digits, '-' and '_'); --function NAME names it`,
    );
  }
  const edgeGroups = corpus.edgeRegions.map((r) => `/aws/lambda/${r}.${corpus.functionName}`).join(', ');
  if (edgeGroups !== '') {
    warnings.push(
      `the logs are Lambda@Edge replicas of ${corpus.functionName} (log groups ${edgeGroups}): the function is ${corpus.functionName}, invoked through CloudFront`,
    );
  }
  // How comments name it: with a template, its name in the logs and its logical ID when they differ.
  const shown =
    corpus.functionName === undefined || corpus.functionName === fn ? fn : `${corpus.functionName} (${fn})`;
  const duration = fitDistribution([...observed.durationsMs], mode);
  const init = observed.initsMs.length > 0 ? fitDistribution([...observed.initsMs], mode) : undefined;
  const restore =
    observed.restoresMs.length > 0 ? fitDistribution([...observed.restoresMs], mode) : undefined;
  const runtime = stack
    ? stackRuntime(stack, corpus, options.runtime, warnings)
    : runtimeOf(corpus, options.runtime);
  // The scenario's comment marks the assumption with ⚠; a warning is one already.
  if (runtime.assumed) warnings.push(runtime.from.replace(/^⚠ /, ''));
  if (observed.memorySizes.length > 1) {
    const sizes = observed.memorySizes.map((m) => `${m.memoryMb} MB (${count(m.count)})`).join(', ');
    warnings.push(
      `the logs hold more than one Memory Size: ${sizes}; the scenario uses ${observed.memoryMb} MB and fits durations to its invocations only, and the report's duration bill compares the logged Billed Duration at ${observed.memoryMb} MB with the same share of the simulated invocations`,
    );
  }
  if (corpus.invocations.length >= 20 && corpus.invocations.every((v) => v.report.timestampMs % 1000 === 0)) {
    warnings.push(
      'every REPORT time is a whole second (`aws logs tail --format short`?): arrival times are only good to a second; export with `aws logs filter-log-events` or `--format detailed` for milliseconds',
    );
  }
  const files: DataFile[] = [];
  const trafficMode = options.traffic ?? 'trace';
  const phases =
    trafficMode === 'phases'
      ? phasesOf(perMinuteCounts([...observed.arrivalsMs], arrivalSpanMs(observed)))
      : undefined;
  if (trafficMode === 'trace') {
    files.push({
      name: `${options.fileBase}.arrivals.csv`,
      text: arrivalsCsv(
        [...observed.arrivalsMs],
        [
          `${shown}: invocation arrival times from CloudWatch Logs, seconds from ${isoUtc(observed.startEpochMs)}`,
          'arrival = START (or REPORT time - Duration), minus Init/Restore Duration on a cold start',
        ],
      ),
    });
  }
  const lines = new ScenarioLines();
  header(lines, corpus, observed, shown, name, options);
  lines.push('lamsim: 1');
  lines.push(`name: ${yamlString(name)}`);
  lines.push(
    `description: ${yamlString(`${shown} calibrated from ${counted(observed.invocations, 'logged invocation')} over ${humanMs(observed.windowMs)}`)}`,
  );
  lines.push('seed: 1');
  lines.push(
    `duration: ${windowText(observed.windowMs)}`,
    'the logged window: from the first arrival to the end of the last invocation, to the second',
  );
  if (stack) stackLines(lines, stack);
  if (observed.peakConcurrency > 900) {
    const quota = Math.ceil((observed.peakConcurrency * 1.2) / 100) * 100;
    lines.push('account:');
    lines.push(
      `  concurrentExecutions: ${quota}`,
      `⚠ assumed: the logs peak at ${count(observed.peakConcurrency)} concurrent invocations, so the account's quota is above 1000`,
    );
  }
  lines.push('');
  trafficLines(lines, fn, options.fileBase, observed, phases, stack?.via, batchSourceOf(stack), edgeGroups);
  lines.push('');
  lines.push('functions:');
  if (stack) {
    stackFunctionLines(lines, stack, {
      corpus,
      observed,
      warnings,
      restore: restore !== undefined,
      ...(options.runtime !== undefined ? { runtimeOption: options.runtime } : {}),
      ...(options.architecture !== undefined ? { architectureOption: options.architecture } : {}),
    });
  } else {
    lines.push(`  ${yamlKey(fn)}:`);
    lines.push(`    runtime: ${runtime.id}`, runtime.from);
    lines.push(
      `    architecture: ${options.architecture ?? 'x86_64'}`,
      options.architecture
        ? 'from --architecture'
        : '⚠ assumed: the logs do not say; pass --architecture arm64 if so',
    );
    lines.push(`    memorySize: ${observed.memoryMb}`, 'Memory Size in the REPORT lines');
    const timeout = timeoutOf(corpus, observed);
    lines.push(`    timeout: ${timeout.text}`, timeout.why);
    if (restore)
      lines.push(
        '    snapStart: true',
        `${count(restore.sorted.length)} REPORTs show a SnapStart Restore Duration`,
      );
    if (corpus.provisionedInits > 0) {
      lines.push(
        `    provisionedConcurrency: ${corpus.provisionedInits}`,
        provisionedWhy(corpus.provisionedInits),
      );
      warnings.push(provisionedWarning(corpus.provisionedInits));
    }
  }
  const errorRate = observed.errors / observed.invocations;
  lines.push('    model:');
  if (init) distLines(lines, 'init', init, 'Init Durations', files, `${options.fileBase}.init-ms.csv`);
  else if (!restore) {
    lines.push(
      '      # init: no cold start in the logs, so INIT keeps the measured default for the runtime and memory',
    );
  }
  if (restore)
    distLines(lines, 'restore', restore, 'Restore Durations', files, `${options.fileBase}.restore-ms.csv`);
  distLines(lines, 'compute', duration, 'Durations', files, `${options.fileBase}.duration-ms.csv`);
  lines.push(
    `      computeAt: ${observed.memoryMb}MB`,
    'compute as measured: at the logged memory, so tune scales it from the truth',
  );
  lines.push(
    '      io: 0ms',
    '⚠ assumed: logs cannot tell compute from waiting; all of Duration is compute. If the handler mostly waits (HTTP, database), move that part to io: memory does not speed it up',
  );
  if (observed.errors > 0) {
    lines.push(
      `      errorRate: ${Number(errorRate.toPrecision(4))}`,
      `${count(observed.errors)} of ${count(observed.invocations)} REPORTs with Status error or failure`,
    );
  }
  if (observed.initBilled !== undefined) {
    lines.push('');
    lines.push('billing:');
    lines.push(
      `  initBilled: ${observed.initBilled}`,
      observed.initBilled
        ? 'Billed Duration includes Init Duration on the logged cold starts (AWS rule since 2025-08-01)'
        : 'Billed Duration leaves Init Duration out on the logged cold starts (the rule before 2025-08-01)',
    );
  }
  platformNote(lines, observed, warnings);
  return ok({
    scenarioText: lines.text(),
    files,
    functionName: fn,
    observed,
    duration,
    ...(init ? { init } : {}),
    ...(restore ? { restore } : {}),
    ...(phases ? { phases } : {}),
    runtime: { id: runtime.id, from: runtime.from },
    warnings,
    problems: corpus.problems,
  });
}

/**
 * From the window's start to just after the last arrival: the phases' span. The window goes on to the
 * end of the last invocation, with no arrival after the last one (the export ended there), so phases
 * over it would end with a spurious slower phase.
 */
const arrivalSpanMs = (o: Observed): number =>
  Math.min(o.windowMs, Math.floor(o.arrivalsMs[o.arrivalsMs.length - 1]) + 1);

const phasesOf = (perMinute: { counts: number[]; minutes: number[] }): FittedPhase[] =>
  fitPhases(perMinute.counts, perMinute.minutes);

function header(
  lines: ScenarioLines,
  corpus: Corpus,
  observed: Observed,
  fn: string,
  name: string,
  options: CalibrateOptions,
): void {
  if (options.schemaComment) lines.push('# yaml-language-server: $schema=./lamsim.schema.json');
  lines.push(`# ${name}: ${fn} as its CloudWatch Logs show it, written by \`lamsim calibrate\`.`);
  lines.push('#');
  lines.push(
    `# What it shows: ${fn} reproduced from ${counted(observed.invocations, 'logged invocation')} ` +
      `(${counted(observed.coldStarts, 'cold start')}); the calibration report compares the two.`,
  );
  lines.push('#');
  lines.push('# Read from:');
  for (const f of corpus.files) {
    lines.push(`#   ${f.file}: ${f.format}, ${count(f.events)} events, ${count(f.reports)} REPORTs`);
  }
  const problems = corpus.problems.length;
  const dropped = [
    problems > 0 && `${count(problems)} malformed lines skipped`,
    corpus.duplicates > 0 && `${count(corpus.duplicates)} duplicate REPORTs dropped`,
    corpus.untimed > 0 && `${count(corpus.untimed)} platform lines without a timestamp dropped`,
  ].filter(Boolean);
  if (dropped.length > 0) lines.push(`#   (${dropped.join('; ')})`);
  lines.push(
    `# Window: ${isoUtc(observed.startEpochMs)} + ${humanMs(observed.windowMs)}; ${counted(observed.invocations, 'invocation')}, ` +
      `${counted(observed.coldStarts, 'cold start')}, peak concurrency ${count(observed.peakConcurrency)}.`,
  );
  lines.push('# Values come from the logs; a ⚠ marks an assumption to check. `lamsim run` this file and');
  lines.push('# compare it with the logs in the calibration report written beside it, then change one thing');
  lines.push('# at a time (memory, traffic, concurrency) to ask what-if questions.');
}

/** The queue or stream a templated function reads through an event source mapping (null: none, or no template). */
function batchSourceOf(stack: CalibrateStack | undefined): string | null {
  const mapping = stack?.settings.events.find((e) => e.kind === 'sqs' || e.kind === 'stream');
  return mapping ? eventSourceResource(mapping) : null;
}

function trafficLines(
  lines: ScenarioLines,
  fn: string,
  base: string,
  observed: Observed,
  phases: readonly FittedPhase[] | undefined,
  via: CalibrateStack['via'],
  /** The queue or stream the function's event source mapping reads in the templates, if any. */
  batchSource: string | null,
  /** The log groups of the Lambda@Edge replicas whose logs these are ('': a regional function). */
  edgeGroups: string,
): void {
  lines.push('traffic:');
  lines.push(`  target: ${yamlKey(fn)}`);
  if (via) {
    lines.push(`  via: ${via.via}`, `from the template: ${via.because}`);
    for (const [key, value] of via.keys) lines.push(`  ${key}: ${value}`, 'from the template');
  } else if (edgeGroups !== '') {
    lines.push(
      '  via: cloudfront-edge',
      `⚠ the logs are Lambda@Edge replicas' (${edgeGroups}): CloudFront invokes the function; the trigger is not logged, so origin-request is assumed (set eventType)`,
    );
  } else if (batchSource !== null) {
    lines.push(
      '  via: direct',
      `⚠ the logs are ${batchSource}'s batches, replayed here as direct calls: the mapping's batching and scaling play no part (point traffic at ${batchSource} to simulate them)`,
    );
  } else {
    lines.push(
      '  via: direct',
      '⚠ assumed: the logs do not say what invoked the function; set api-gateway-rest, function-url, ... to add its overhead and limits',
    );
  }
  if (!phases) {
    lines.push(
      `  trace: { file: ${base}.arrivals.csv, format: timestamps }`,
      `the ${count(observed.invocations)} logged arrivals, replayed`,
    );
    return;
  }
  lines.push(
    '  phases:',
    `per-minute counts cut where the rate changed (Poisson likelihood, BIC): ${counted(phases.length, 'phase')}`,
  );
  for (const p of phases) {
    const rate = p.count / (p.minutes * 60);
    if (p.count === 0) lines.push(`    - { pause: ${windowText(p.minutes * MINUTE_MS)} }`);
    else {
      lines.push(
        `    - { duration: ${windowText(p.minutes * MINUTE_MS)}, arrivalRate: ${Number(rate.toPrecision(6))} }`,
        `${count(p.count)} arrivals`,
      );
    }
  }
}

function distLines(
  lines: ScenarioLines,
  key: string,
  fit: DistributionFit,
  what: string,
  files: DataFile[],
  fileName: string,
): void {
  const n = fit.sorted.length;
  // The sample's own quantiles, marked as logged: beside a fit's p50/p99 they are not the fit's.
  const sample = `${count(n)} ${what} (logged p50 ${msValue(fit.p50Ms)}, p99 ${msValue(fit.p99Ms)}, max ${msValue(fit.maxMs)})`;
  const test =
    fit.ksDistance !== undefined && fit.ksCritical !== undefined
      ? `KS distance to the fitted lognormal ${fit.ksDistance.toFixed(4)} ${fit.ksDistance <= fit.ksCritical ? '<=' : '>'} ${fit.ksCritical.toFixed(4)} (Lilliefors 5%)`
      : undefined;
  if (fit.kind === 'constant') {
    lines.push(`      ${key}: ${msValue(fit.p50Ms)}`, `every one of the ${sample}`);
    return;
  }
  if (fit.kind === 'lognormal' && fit.lognormal) {
    // With few samples the fitted tail is an extrapolation: say so when it reaches past the data.
    const beyond =
      n < FEW_SAMPLES && fit.lognormal.p99Ms > fit.maxMs * 1.1
        ? `; ⚠ the fitted p99 lies beyond the largest of only ${count(n)} logged values: an extrapolation`
        : '';
    lines.push(
      `      ${key}: { p50: ${msValue(fit.lognormal.p50Ms)}, p99: ${msValue(fit.lognormal.p99Ms)} }`,
      `lognormal fitted to ${sample}; ${test ?? 'too few to test'}${beyond}`,
    );
    return;
  }
  const why = test ? `the lognormal does not fit (${test})` : 'too few to test a fitted distribution';
  if (n <= INLINE_SAMPLES) {
    const samples = [...fit.sorted].map((x) => `${Number(x.toFixed(3))}ms`).join(', ');
    lines.push(
      `      ${key}: { dist: empirical, samples: [${samples}] }`,
      `the ${sample}, resampled; ${why}`,
    );
    return;
  }
  files.push({
    name: fileName,
    text: `# ${what} from CloudWatch Logs, ms, ascending\nms\n${[...fit.sorted].map((x) => String(Number(x.toFixed(3)))).join('\n')}\n`,
  });
  lines.push(
    `      ${key}: { dist: empirical, file: ${fileName}, unit: ms }`,
    `the ${sample}, resampled; ${why}`,
  );
}

function platformNote(lines: ScenarioLines, observed: Observed, warnings: string[]): void {
  if (observed.environments === 0) return;
  const survived = observed.longestIdleSurvivedMs ?? 0;
  lines.push('');
  lines.push(
    `# Environments: ${count(observed.environments)} log streams; ${count(observed.warmAtStart)} were already warm when the logs begin`,
  );
  lines.push(
    '# (the simulation starts with none, so it can show up to that many more cold starts at the start).',
  );
  lines.push(
    `# The longest idle gap an environment survived: ${humanMs(survived)}. Idle environments are reclaimed`,
  );
  lines.push("# by lamsim's measured default (none before 3 min, all by 7 min): set platform.idleTimeout if");
  lines.push('# your cold starts say otherwise.');
  if (survived > 7 * MINUTE_MS) {
    warnings.push(
      `an environment survived ${humanMs(survived)} idle, longer than the default reclamation (all by 7 min): the simulation may show more cold starts than the logs`,
    );
  }
}
