/**
 * Step Functions state machines (AWS::StepFunctions::StateMachine, AWS::Serverless::StateMachine,
 * the Serverless Framework's serverless-step-functions plugin) -> the functions they invoke get
 * placeholder traffic that says so.
 *
 * A function is invoked by a state machine when a Task state of its `Definition` (or a JSON
 * `DefinitionString`) names it: `Resource: arn:aws:states:::lambda:invoke` with
 * `Parameters.FunctionName` (`Arguments.FunctionName` in JSONata), or a Lambda ARN as `Resource`;
 * or when a `DefinitionSubstitutions` value names it (the definition, often a separate file, uses
 * it). Step Functions' lambda:invoke calls Lambda's synchronous Invoke (Step Functions developer
 * guide, "Invoke an AWS Lambda function with Step Functions"), so the traffic is `via: direct`.
 *
 * Contract: the state machine itself is not simulated and its transitions (Standard) or requests
 * and duration (Express) are not billed: it is listed as not modelled, saying so.
 */
import type { CfnTemplate } from './cfnTemplate.ts';
import type { StackBuilder, Where } from './stackBuilder.ts';
import { isRecord, type Resolved } from './values.ts';

export const STATE_MACHINE_TYPES = ['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine'];

export function readStateMachines(t: CfnTemplate, b: StackBuilder): void {
  for (const r of t.ofType(...STATE_MACHINE_TYPES)) {
    const props = t.props(r.id);
    const definition = definitionOf(props.Definition ?? props.DefinitionString);
    addInvokedFunctions(t, b, r.id, definition, props.DefinitionSubstitutions, t.where(r.path));
  }
}

/**
 * The state machines of the serverless-step-functions plugin (`stepFunctions.stateMachines.<key>`
 * of a serverless.yml, each with a `definition` in Amazon States Language whose Task `Resource`s
 * name functions by `Fn::GetAtt: [functionKey, Arn]`, by their logical ID, or by a raw ARN: the
 * plugin's README, "Setup"), read like the CloudFormation ones; each is listed as not modelled.
 * `stepFunctions` is the serverless.yml's section, variables resolved.
 */
export function readServerlessStateMachines(t: CfnTemplate, b: StackBuilder, stepFunctions: unknown): void {
  const machines =
    isRecord(stepFunctions) && isRecord(stepFunctions.stateMachines) ? stepFunctions.stateMachines : {};
  for (const [key, machine] of Object.entries(machines)) {
    const path = ['stepFunctions', 'stateMachines', key];
    if (!isRecord(machine) || machine.definition === undefined) {
      const what = 'a state machine mapping with a definition (Amazon States Language)';
      b.warning(t.where(path), path, `expected ${what}: its functions are not known to be invoked`);
      continue;
    }
    const definition = definitionOf(t.resolver.resolve(machine.definition));
    addInvokedFunctions(t, b, key, definition, undefined, t.where(path));
    b.notModelledResource(key, 'serverless-step-functions state machine', NOT_SIMULATED);
  }
}

/** Why a state machine is listed as not modelled (shared with cfnReader's list). */
export const NOT_SIMULATED =
  'not simulated, and its state transitions (Standard) or requests and duration (Express) are not billed; the functions it invokes get traffic';

/** Traffic and a note for each function of the templates the state machine `machine` invokes. */
function addInvokedFunctions(
  t: CfnTemplate,
  b: StackBuilder,
  machine: string,
  definition: Resolved,
  substitutions: Resolved | undefined,
  where: Where,
): void {
  const invoked = new Set<string>();
  const add = (value: Resolved) => {
    for (const id of t.functionsIn(value)) invoked.add(id);
  };
  for (const task of taskTargets(definition)) add(task);
  if (substitutions !== undefined) add(substitutions);
  for (const id of invoked) {
    const fn = [...b.functions.values()].find((f) => f.id === id);
    if (fn === undefined) continue;
    b.addTraffic({
      target: fn.name,
      via: 'direct',
      because: `${fn.name} is invoked by the Step Functions state machine ${machine} (a synchronous Invoke): write the rate of its executions that reach this task`,
      where,
    });
    b.notes.push(
      `${fn.name}: invoked by the Step Functions state machine ${machine}, which lamsim does not simulate: its traffic stands for the executions that reach the task.`,
    );
  }
}

/** The definition as a value: a mapping, or a JSON string parsed (left as is when it is not JSON). */
function definitionOf(value: Resolved | undefined): Resolved {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as Resolved;
  } catch {
    return value;
  }
}

/** The function each Task state names, anywhere in the definition (Parallel branches, Map processors). */
function taskTargets(definition: Resolved): Resolved[] {
  if (typeof definition === 'string') return [definition]; // an unparsed Sub or Join: search it whole
  const found: Resolved[] = [];
  const visit = (v: Resolved): void => {
    if (Array.isArray(v)) {
      for (const item of v) visit(item);
      return;
    }
    if (!isRecord(v)) return;
    if (v.Type === 'Task' && v.Resource !== undefined) {
      const resource = v.Resource as Resolved;
      if (typeof resource === 'string' && resource.startsWith('arn:aws:states:::lambda:invoke')) {
        const args = (
          isRecord(v.Parameters) ? v.Parameters : isRecord(v.Arguments) ? v.Arguments : {}
        ) as Record<string, Resolved>;
        const name = args.FunctionName ?? args['FunctionName.$'];
        if (name !== undefined) found.push(name);
      } else {
        found.push(resource);
      }
    }
    for (const item of Object.values(v)) visit(item as Resolved);
  };
  visit(definition);
  return found;
}
