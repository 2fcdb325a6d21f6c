/**
 * Calibrating a function its templates describe (`lamsim calibrate --template`): the scenario points
 * at the templates with `stack:` and writes, under the function's logical ID, only what the logs add
 * to them or contradict. Pure.
 *
 * - Configuration stays the templates': runtime, architecture, memory, timeout, concurrency, VPC,
 *   events. A setting is written only when an option overrides it (`--runtime`, `--architecture`) or
 *   the logs contradict it (their Memory Size, a logged timeout, SnapStart restores): the logs win
 *   there, so the run reproduces them, and a warning says so.
 * - Behaviour comes from the logs: `model` (INIT or restore, compute at the logged memory, io 0ms,
 *   errorRate) and `traffic` (the logged arrivals), through the function's front door in the
 *   templates when it has one, else `direct`. A front door is a synchronous path in front of the
 *   function (HttpApi, Api, function URL, ALB, CloudFront): a REPORT is one request through it. An
 *   asynchronous source (an EventBridge rule, an unmodelled source approximated as async) is not one:
 *   replaying the logged invocations through Lambda's async queue would add its retries to every
 *   logged error, and polled sources (SQS, streams) invoke the function in batches the REPORTs
 *   already are.
 * - The templates' other functions keep their placeholder models and get no traffic: the scenario's
 *   `traffic` replaces the templates' placeholder traffic.
 */
import type { Corpus } from '../logs/index.ts';
import { err, ok, type Result } from '../result.ts';
import {
  formatDuration,
  GATEWAY_TIMEOUT_MS,
  type Issue,
  isAsyncVia,
  type LambdaFunction,
  parseScenario,
  type SyncVia,
  TRAFFIC_DEFAULTS,
} from '../scenario/index.ts';
import {
  type FunctionIdentity,
  type ImportOptions,
  importStack,
  locateInTemplates,
  type TemplateText,
  writeImportedScenario,
} from '../stack/index.ts';
import { humanMs } from './describe.ts';
import { loggedTimeout, provisionedWarning, provisionedWhy, runtimeOf } from './logSettings.ts';
import type { Observed } from './observed.ts';
import { type ScenarioLines, yamlKey, yamlPath, yamlString } from './scenarioLines.ts';
import type { StackTarget } from './stackTarget.ts';

/** A function's front door in the templates. */
export interface FrontDoor {
  readonly via: string;
  /**
   * What the templates set on it besides AWS's defaults, as scenario keys and values:
   * `integrationTimeout` (API Gateway's TimeoutInMillis), `endpointType` (a REST API's REGIONAL or
   * PRIVATE), `eventType` (a CloudFront trigger other than origin-request).
   */
  readonly keys: readonly (readonly [string, string])[];
}

export interface StackForCalibration {
  readonly functions: readonly FunctionIdentity[];
  /** Each function as lamsim reads it from the templates (normalized), by scenario name. */
  readonly settings: ReadonlyMap<string, LambdaFunction>;
  /** The front door of each function's placeholder traffic (a synchronous `via` other than direct), by name. */
  readonly frontDoors: ReadonlyMap<string, FrontDoor>;
  /** The import's warnings (runtimes replaced, ...), positioned in the templates. */
  readonly warnings: readonly Issue[];
}

/** What calibrate needs from the templates (the caller reads them); problems positioned in them. */
export function readStackForCalibration(
  templates: readonly TemplateText[],
  parameters: ReadonlyMap<string, string>,
  readFile?: ImportOptions['readFile'],
): Result<StackForCalibration, Issue[]> {
  const imported = importStack(templates, { parameters, readFile });
  if (!imported.ok) return imported;
  const generated = 'imported.yaml';
  const parsed = parseScenario(writeImportedScenario(imported.value.scenario), { fileName: generated });
  if (!parsed.ok) {
    return err(parsed.error.map((i) => locateInTemplates(i, imported.value.scenario, generated)));
  }
  const frontDoors = new Map<string, FrontDoor>();
  for (const t of parsed.value.scenario.traffic) {
    if (!isFrontDoor(t.via) || frontDoors.has(t.target)) continue;
    const keys: (readonly [string, string])[] = [];
    // Only API Gateway has an integration timeout; the other front doors normalize to Infinity.
    const gatewayTimeoutMs = GATEWAY_TIMEOUT_MS[t.via as SyncVia];
    if (gatewayTimeoutMs !== undefined && t.integrationTimeoutMs !== gatewayTimeoutMs) {
      keys.push(['integrationTimeout', formatDuration(t.integrationTimeoutMs)]);
    }
    if (t.via === 'api-gateway-rest' && t.endpointType !== 'edge')
      keys.push(['endpointType', t.endpointType]);
    if (t.via === 'cloudfront-edge' && t.edgeEventType !== TRAFFIC_DEFAULTS.edgeEventType)
      keys.push(['eventType', t.edgeEventType]);
    frontDoors.set(t.target, { via: t.via, keys });
  }
  return ok({
    functions: imported.value.scenario.functionIds,
    settings: new Map(parsed.value.scenario.functions.map((f) => [f.name, f])),
    frontDoors,
    warnings: imported.value.warnings,
  });
}

/** A synchronous path in front of the function other than a direct invoke (see the header). */
const isFrontDoor = (via: string): boolean => via !== 'direct' && !isAsyncVia(via);

export interface CalibrateStack {
  /** The templates as the scenario names them (relative to the scenario file). */
  readonly templates: readonly string[];
  readonly parameters: ReadonlyMap<string, string>;
  readonly target: StackTarget;
  /** The function as the templates configure it. */
  readonly settings: LambdaFunction;
  /** The templates' front door for it, if any, and why (for the scenario's comment). */
  readonly via?: FrontDoor & { readonly because: string };
}

/** The calibration's view of the target function in the templates. */
export function calibrateStack(
  read: StackForCalibration,
  target: StackTarget,
  templates: readonly string[],
  parameters: ReadonlyMap<string, string>,
): CalibrateStack {
  const settings = read.settings.get(target.fn.name);
  if (!settings) throw new Error(`calibrateStack: ${target.fn.name} is not a function of the templates`);
  const door = read.frontDoors.get(target.fn.name);
  return {
    templates,
    parameters,
    target,
    settings,
    ...(door ? { via: { ...door, because: `the front door of ${target.fn.logicalId}'s events` } } : {}),
  };
}

/** `stack:` naming the templates and the parameters given. */
export function stackLines(lines: ScenarioLines, stack: CalibrateStack): void {
  lines.push('');
  lines.push('stack:');
  const list =
    stack.templates.length === 1
      ? yamlPath(stack.templates[0])
      : `[${stack.templates.map(yamlPath).join(', ')}]`;
  lines.push(`  template: ${list}`, 'configuration comes from here; the keys below add what the logs show');
  if (stack.parameters.size > 0) {
    const pairs = [...stack.parameters].map(([k, v]) => `${yamlKey(k)}: ${yamlString(v)}`);
    lines.push(`  parameters: { ${pairs.join(', ')} }`, 'as given with --parameter');
  }
}

/** The runtime: `--runtime`, else the template's (INIT_START or RESTORE_START only checks it). */
export function stackRuntime(
  stack: CalibrateStack,
  corpus: Corpus,
  option: string | undefined,
  warnings: string[],
): { id: string; from: string; assumed: boolean } {
  if (option !== undefined) return { id: option, from: 'from --runtime', assumed: false };
  const logged = runtimeOf(corpus, undefined);
  const id = stack.settings.runtime;
  if (!logged.assumed && logged.id !== id) {
    warnings.push(
      `the logs name ${logged.id} (${logged.from}), the template ${id}: the scenario keeps the template's (INIT is fitted to the logs either way)`,
    );
  }
  return { id, from: 'from the template', assumed: false };
}

export interface StackFunctionContext {
  readonly corpus: Corpus;
  readonly observed: Observed;
  readonly runtimeOption?: string;
  readonly architectureOption?: 'x86_64' | 'arm64';
  readonly restore: boolean;
  readonly warnings: string[];
}

/**
 * The function's key and the settings the logs or the options override; calibrate then writes its
 * model at the same indentation.
 */
export function stackFunctionLines(
  lines: ScenarioLines,
  stack: CalibrateStack,
  ctx: StackFunctionContext,
): void {
  const s = stack.settings;
  const { observed, corpus, warnings } = ctx;
  const overridden = [
    ctx.runtimeOption !== undefined && '--runtime',
    ctx.architectureOption !== undefined && '--architecture',
  ].filter(Boolean);
  const override =
    overridden.length > 0
      ? ` (${overridden.join(' and ')} override${overridden.length === 1 ? 's' : ''} it below)`
      : '';
  lines.push(
    `  ${yamlKey(stack.target.fn.name)}:`,
    `${stack.target.how}; runtime ${s.runtime}, ${s.memoryMb} MB, ${humanMs(s.timeoutMs)}, ${s.architecture} from the template${override}`,
  );
  if (ctx.runtimeOption !== undefined) lines.push(`    runtime: ${ctx.runtimeOption}`, 'from --runtime');
  if (ctx.architectureOption !== undefined) {
    lines.push(`    architecture: ${ctx.architectureOption}`, 'from --architecture');
  }
  if (observed.memoryMb !== s.memoryMb) {
    lines.push(
      `    memorySize: ${observed.memoryMb}`,
      `⚠ the logs ran at ${observed.memoryMb} MB (Memory Size), the template says ${s.memoryMb} MB: the logs win here`,
    );
    warnings.push(
      `the logs ran at ${observed.memoryMb} MB, the template configures ${s.memoryMb} MB: the scenario uses the logs' size so that it reproduces them (the deployed function is not the template's, or the template changed since)`,
    );
  }
  const logged = loggedTimeout(corpus);
  if (logged !== undefined && logged.ms !== s.timeoutMs) {
    lines.push(
      `    timeout: ${Number((logged.ms / 1000).toPrecision(6))}s`,
      `⚠ ${logged.why}; the template says ${humanMs(s.timeoutMs)}`,
    );
    warnings.push(
      `the logs time out after ${logged.ms / 1000} s, the template configures ${humanMs(s.timeoutMs)}: the scenario uses the logged timeout`,
    );
  }
  const provisioned = corpus.provisionedInits;
  if (
    provisioned > 0 &&
    s.provisionedConcurrency === 0 &&
    s.provisioned.schedule.length === 0 &&
    !s.provisioned.autoScaling
  ) {
    lines.push(`    provisionedConcurrency: ${provisioned}`, provisionedWhy(provisioned));
    warnings.push(`${provisionedWarning(provisioned)}; the template provisions none`);
  }
  if (ctx.restore && !s.snapStart) {
    lines.push('    snapStart: true', '⚠ the logs show SnapStart restores; the template does not enable it');
    warnings.push(
      'the logs show SnapStart restores, the template does not enable SnapStart: the scenario does',
    );
  }
}
