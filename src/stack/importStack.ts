/**
 * Templates -> the written scenario they describe (pure; the caller reads the files).
 *
 * Accepts AWS SAM templates, plain CloudFormation (YAML with short-form tags, or JSON, including
 * `cdk synth` output) and Serverless Framework `serverless.yml`; several templates of one system
 * (an app stack and its database stack) import into one scenario, an `Fn::ImportValue` of one
 * resolving to what another exports (CloudFormation templates' Outputs). Every problem comes back at
 * once, positioned in its template: YAML errors, a file that is none of these, an unknown
 * --parameter, a setting lamsim needs that a parameter without a Default leaves open, and a
 * template with no function. An unknown resource type is not a problem: it is listed as not modelled.
 */
import { err, ok, type Result } from '../result.ts';
import { hasErrors, type Issue, sortIssues } from '../scenario/index.ts';
import { assemble, type ImportedScenario } from './assemble.ts';
import { placeAuthorizers } from './authorizers.ts';
import { readCfnTemplate } from './cfnReader.ts';
import { CfnTemplate } from './cfnTemplate.ts';
import { dropEdgeProvisioned } from './edgeFunctions.ts';
import { readServerless } from './serverlessReader.ts';
import { noteApiServiceIntegrations } from './serviceIntegrationNotes.ts';
import { StackBuilder } from './stackBuilder.ts';
import { readTemplate } from './templateSource.ts';
import { isRecord, type Resolved } from './values.ts';

export interface TemplateText {
  /** Names the file in issues and in the header. */
  readonly fileName: string;
  readonly text: string;
}

export interface ImportOptions {
  /** `Name=Value` overrides of template parameters (and `stage`, `region` for serverless.yml). */
  readonly parameters?: ReadonlyMap<string, string>;
  /**
   * A file a template names (Serverless `${file(PATH)}`): `template` is the template's fileName,
   * `path` as written, relative to the template's folder. Its text, or why it cannot be read.
   * Without it such references are Unknown.
   */
  readonly readFile?: (template: string, path: string) => Result<string, string>;
}

export interface Imported {
  readonly scenario: ImportedScenario;
  /** Warnings (runtime replaced, class approximated, ...), positioned in the templates. */
  readonly warnings: Issue[];
}

const at = (file: string, message: string, path = ''): Issue => ({
  file,
  line: 1,
  col: 1,
  path,
  message,
  severity: 'error',
});

/** `cdk.out/Stack.template.json` -> `Stack`; `template.yaml` -> `template`. */
export function stackNameOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.template\.json$/i, '').replace(/\.(ya?ml|json|template)$/i, '') || 'stack';
}

export function importStack(
  templates: readonly TemplateText[],
  options: ImportOptions = {},
): Result<Imported, Issue[]> {
  const parameters = options.parameters ?? new Map<string, string>();
  const used = new Set<string>();
  const b = new StackBuilder();
  const issues: Issue[] = [];
  // Every template is opened before any is read, so that Fn::ImportValue finds what another
  // template imported with it exports, whichever comes first.
  const exports = new Map<string, Resolved>();
  const readers: (() => void)[] = [];
  for (const { fileName, text } of templates) {
    const { source, issues: yamlIssues } = readTemplate(text, fileName);
    issues.push(...yamlIssues);
    if (hasErrors(yamlIssues)) continue;
    const data = source.data;
    if (!isRecord(data)) {
      issues.push(
        at(
          fileName,
          'not a template: expected a CloudFormation or SAM template (a Resources section) or a Serverless Framework serverless.yml (service, provider, functions)',
        ),
      );
      continue;
    }
    if (
      typeof data.service === 'string' ||
      isRecord(data.service) ||
      (isRecord(data.provider) && isRecord(data.functions))
    ) {
      const readFile = options.readFile;
      const files = readFile && ((path: string) => readFile(fileName, path));
      readers.push(() => readServerless(source, data, b, parameters, used, exports, files));
    } else if (isRecord(data.Resources)) {
      const t = new CfnTemplate(source, data, b, {
        parameters,
        usedParameters: used,
        stackName: stackNameOf(fileName),
        exports,
      });
      for (const [name, value] of t.exportedValues()) if (!exports.has(name)) exports.set(name, value);
      readers.push(() => readCfnTemplate(t, b));
      const readFile = options.readFile;
      const files = readFile && ((path: string) => readFile(fileName, path));
      readers.push(() => noteApiServiceIntegrations(data, b, files));
    } else {
      issues.push(
        at(
          fileName,
          'no Resources section: expected a CloudFormation or SAM template (AWSTemplateFormatVersion, Resources) or a Serverless Framework serverless.yml (service, provider, functions)',
        ),
      );
    }
  }
  for (const read of readers) read();
  placeAuthorizers(b);
  dropEdgeProvisioned(b);
  issues.push(...b.issues);
  for (const name of parameters.keys()) {
    if (!used.has(name)) {
      issues.push(
        at(
          templates[0]?.fileName ?? '',
          `--parameter ${name}: no template declares a parameter ${name}`,
          'Parameters',
        ),
      );
    }
  }
  const region = parameters.get('AWS::Region') ?? parameters.get('region');
  if (region !== undefined) b.region = region;
  if (!hasErrors(issues) && b.functions.size === 0) {
    const names = templates.map((t) => t.fileName).join(', ');
    issues.push(
      at(
        templates[0]?.fileName ?? '',
        `no Lambda functions in ${names}: lamsim simulates functions (AWS::Lambda::Function, AWS::Serverless::Function, or serverless.yml functions)`,
      ),
    );
  }
  const main = templates[0]?.fileName ?? '';
  if (hasErrors(issues)) return err(sortIssues(issues, main));
  const scenario = assemble(
    b,
    templates.map((t) => t.fileName),
  );
  return ok({ scenario, warnings: sortIssues(issues, main) });
}
