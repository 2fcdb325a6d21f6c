/**
 * Which function of the templates the logs are of: the logs name a function by its deployed name
 * (`/aws/lambda/NAME`), the templates by its logical ID (Serverless: the function key). Pure.
 *
 * A function's deployed name is, in this order of evidence:
 * - its `FunctionName` (CloudFormation, SAM) or `name` (serverless.yml), when the template writes one;
 * - else the name its tool generates: CloudFormation `<stack>-<LogicalId>-<suffix>`, each part
 *   shortened to fit 64 characters (AWS CloudFormation Template Reference, "CloudFormation resource
 *   custom naming": "MyStack-MyBucket-abcdefghijk1"); the Serverless Framework
 *   `<service>-<stage>-<function key>` (serverless.yml reference, functions.<name>.name).
 * `--function` may also give the logical ID itself. A template with one function needs no name.
 */
import { err, ok, type Result } from '../result.ts';
import type { FunctionIdentity } from '../stack/index.ts';

export interface StackTarget {
  readonly fn: FunctionIdentity;
  /** How the function was recognised, for the scenario's comments. */
  readonly how: string;
}

/** The shortest shortened logical ID accepted in a generated name (fewer characters prove little). */
const MIN_SHORTENED_ID = 8;

/** Does `deployed` look like CloudFormation's generated name for `logicalId`? */
export function isGeneratedName(deployed: string, logicalId: string): boolean {
  const parts = deployed.split('-');
  if (parts.length < 3) return false;
  const middle = parts[parts.length - 2];
  return (
    middle === logicalId ||
    (middle.length >= MIN_SHORTENED_ID && middle.length < logicalId.length && logicalId.startsWith(middle))
  );
}

/** Is `name` (from the logs) the name `fn` is deployed under: its own, or one its tool generated? */
export function deployedAs(fn: FunctionIdentity, name: string): boolean {
  if (fn.deployedName !== undefined) return fn.deployedName === name;
  return fn.generatedByCloudFormation && isGeneratedName(name, fn.logicalId);
}

function byDeployedName(
  functions: readonly FunctionIdentity[],
  logName: string,
): { fn: FunctionIdentity; how: string } | undefined {
  const exact = functions.find((f) => f.deployedName === logName);
  if (exact) return { fn: exact, how: `deployed as ${logName} (the template names it so)` };
  const byId = functions.find((f) => f.logicalId === logName || f.name === logName);
  if (byId) return { fn: byId, how: `the logs name it by its logical ID ${logName}` };
  const generated = functions.filter(
    (f) => f.generatedByCloudFormation && isGeneratedName(logName, f.logicalId),
  );
  if (generated.length === 1) {
    return {
      fn: generated[0],
      how: `${logName} is CloudFormation's generated name for ${generated[0].logicalId}`,
    };
  }
  return undefined;
}

/**
 * The template function the logs are of. `logName`: the function the logs name (undefined when
 * they name none); `option`: `--function` as given (a deployed name or a logical ID).
 */
export function stackTarget(
  functions: readonly FunctionIdentity[],
  logName: string | undefined,
  option: string | undefined,
): Result<StackTarget, string> {
  if (option !== undefined) {
    const named = functions.find((f) => f.logicalId === option || f.name === option);
    if (named) return ok({ fn: named, how: `--function ${option}` });
  }
  const name = logName ?? option;
  if (name !== undefined) {
    const found = byDeployedName(functions, name);
    if (found) return ok(found);
  }
  if (functions.length === 1) {
    const only = functions[0];
    return ok({
      fn: only,
      how:
        name === undefined
          ? `the template's only function`
          : `the template's only function (the logs name ${name}, which the template does not: check it is the same function)`,
    });
  }
  const list = functions
    .map((f) => (f.deployedName ? `${f.logicalId} (deployed as ${f.deployedName})` : f.logicalId))
    .join(', ');
  const logs = name === undefined ? 'the logs name no function' : `the logs are of ${name}`;
  return err(
    `${logs}, and none of the template's functions is deployed under that name: ${list}. Name it with --function LOGICAL_ID`,
  );
}
