/**
 * text -> Result<{ scenario, warnings }, Issue[]>: the scenario parser (pure; the only file access
 * goes through the caller's `readFile`).
 *
 * Pipeline: YAML with positions (yamlSource) -> zod schema of the written format (schemaIssues) ->
 * normalize (units to numbers, defaults filled once, distributions to DistSpec) -> cross-field rules.
 * Every problem is collected before returning: schema issues, normalization issues and rule issues
 * together (a YAML syntax error, or a format version other than 1, stops early because nothing
 * after it can be trusted). On failure the list holds errors and warnings, sorted by position.
 * Never throws on user input; a ScenarioParserBug means the parser itself is wrong.
 */
import { err, ok, type Result } from '../result.ts';
import { hasErrors, type Issue, sortIssues } from './issues.ts';
import { type Context, createReporter, invalidPaths } from './normalize/context.ts';
import { normalizeScenario, type ScenarioDraft } from './normalize/scenario.ts';
import { describeValue } from './quantities.ts';
import { RULES, type Rule } from './rules/index.ts';
import { isRecord } from './schema/registry.ts';
import { scenarioSchema } from './schema/scenario.ts';
import { locate, validate } from './schemaIssues.ts';
import { FORMAT_VERSION, type Scenario, type TemplateRef } from './types.ts';
import { readYaml, type Source } from './yamlSource.ts';

export interface ParseOptions {
  /** Names the file in issues; its base name (without extension) is the default scenario name. */
  fileName: string;
  /**
   * Reads a file referenced by the scenario (trace, empirical samples), path as written (relative to
   * the scenario file); undefined if missing. Supplied by the I/O layer.
   */
  readFile?: (path: string) => string | undefined;
  /**
   * Expands `stack: { template, parameters }` into the written keys its templates describe, merged
   * under the file's own keys (src/stack supplies it; the scenario layer does not read templates).
   * Without it, a `stack:` key is an error.
   */
  expandStack?: StackExpander;
  /**
   * Cross-field rules of layers above the scenario, run after the scenario's own over the same
   * draft (billing's checks of regions and price overrides: `billingRules` in src/billing; the
   * library's `parseScenario` and `loadScenario` pass them).
   */
  rules?: readonly Rule[];
  /**
   * Leave the file's `budgets:` block out (unchecked, and absent from the scenario): `lamsim diff`
   * checks only the head's budgets, so a base whose budgets no longer validate is still a base.
   */
  ignoreBudgets?: boolean;
}

/**
 * The written scenario a `stack:` key stands for, merged with the file's own keys; `source` places
 * every key in the file that wrote it (the scenario, or a template). `issues` are what the expansion
 * found that does not stop the parse: warnings, and errors about elements it left out of `data`.
 */
export type StackExpander = (
  data: Record<string, unknown>,
  source: Source,
) => Result<
  { data: Record<string, unknown>; source: Source; issues: Issue[]; templates: readonly TemplateRef[] },
  Issue[]
>;

export interface Parsed {
  readonly scenario: Scenario;
  readonly warnings: Issue[];
}

export function parseScenario(text: string, options: ParseOptions): Result<Parsed, Issue[]> {
  const file = options.fileName;
  const { source, issues } = readYaml(text, file);
  if (hasErrors(issues)) return err(sortIssues(issues, file));
  const data = source.data;
  if (data === undefined || data === null) {
    return err([
      {
        file,
        line: 1,
        col: 1,
        path: '',
        message: 'the scenario is empty: start with `lamsim: 1`',
        severity: 'error',
      },
    ]);
  }
  if (isRecord(data) && data.lamsim !== undefined && data.lamsim !== FORMAT_VERSION) {
    const version = { file, ...source.position(['lamsim']), path: 'lamsim', severity: 'error' as const };
    return err([
      {
        ...version,
        message: `unsupported format version ${describeValue(data.lamsim)}: this lamsim reads \`lamsim: 1\``,
      },
    ]);
  }

  if (isRecord(data) && data.stack !== undefined) {
    if (!options.expandStack) {
      const at = { file, ...source.position(['stack'], 'key'), path: 'stack', severity: 'error' as const };
      return err([
        {
          ...at,
          message:
            'stack: templates are read by `lamsim run`, `validate`, `tune`, `plan` and `compare` (loadScenario); this parser has no template reader',
        },
      ]);
    }
    const expanded = options.expandStack(data, source);
    if (!expanded.ok) return err(sortIssues([...issues, ...expanded.error], file));
    issues.push(...expanded.value.issues);
    return parseWritten(
      expanded.value.data,
      expanded.value.source,
      issues,
      options,
      expanded.value.templates,
    );
  }
  return parseWritten(data, source, issues, options);
}

/** Schema, normalize and rules over written data whose keys `source` can place. */
function parseWritten(
  data: unknown,
  source: Source,
  issues: Issue[],
  options: ParseOptions,
  templates?: readonly TemplateRef[],
): Result<Parsed, Issue[]> {
  const file = options.fileName;
  if (options.ignoreBudgets && isRecord(data) && 'budgets' in data) {
    const { budgets: _unchecked, ...rest } = data;
    return parseWritten(rest, source, issues, { ...options, ignoreBudgets: false }, templates);
  }
  const schemaIssues = validate(scenarioSchema, data).issues;
  issues.push(...locate(schemaIssues, source));
  if (!isRecord(data)) return err(sortIssues(issues, file));

  const ctx: Context = {
    report: createReporter(source, issues),
    invalid: invalidPaths(schemaIssues.map((i) => i.path)),
    readFile: options.readFile,
  };
  const draft = normalizeScenario(data, file, source.keysAt, ctx);
  for (const rule of RULES) rule(draft, ctx.report);
  for (const rule of options.rules ?? []) rule(draft, ctx.report);

  const sorted = sortIssues(issues, file);
  if (hasErrors(sorted)) return err(sorted);
  const scenario = assemble(draft);
  return ok({ scenario: templates ? { ...scenario, templates } : scenario, warnings: sorted });
}

/** The draft of an error-free file is complete: every placeholder was replaced by a written value. */
function assemble(draft: ScenarioDraft): Scenario {
  const top = draft.top.value;
  return {
    format: FORMAT_VERSION,
    name: top.name,
    description: top.description,
    seed: top.seed,
    region: top.region,
    durationMs: top.durationMs,
    account: draft.account.value,
    platform: draft.platform.value,
    traffic: draft.traffic.map((t) => t.value),
    functions: draft.functions.map((f) => f.value),
    resources: draft.resources.map((r) => r.value),
    billing: draft.billing.value,
    slo: draft.slo.value,
    // Only when written, so scenarios without budgets keep their hash (provenance.scenarioHash).
    ...(draft.budgets.value ? { budgets: draft.budgets.value } : {}),
  };
}
