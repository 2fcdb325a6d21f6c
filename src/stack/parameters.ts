/**
 * Template parameters and pseudo parameters -> values (AWS CloudFormation User Guide, "Parameters"
 * and "Pseudo parameters reference").
 *
 * A parameter takes its --parameter override, else its Default; without either it is Unknown, and
 * only a property lamsim needs that depends on it becomes an error (naming the parameter). List types
 * (`CommaDelimitedList`, `List<...>`) split a written string on commas; `Number` keeps numbers;
 * `AWS::SSM::Parameter::Value<...>` is read from SSM at deploy time, so only an override fixes it.
 * An override outside `AllowedValues` is an error, as CloudFormation rejects it.
 */
import type { Path } from '../scenario/index.ts';
import { isRecord, NO_VALUE, type Resolved, Unknown } from './values.ts';

export interface ParameterProblem {
  readonly path: Path;
  readonly message: string;
}

export const DEFAULT_REGION = 'us-east-1';
/** The documentation's example account id: the real one only matters inside ARNs. */
export const ACCOUNT_ID = '123456789012';

export function pseudoParameters(region: string, stackName: string): Map<string, Resolved> {
  return new Map<string, Resolved>([
    ['AWS::Region', region],
    ['AWS::AccountId', ACCOUNT_ID],
    ['AWS::StackName', stackName],
    ['AWS::StackId', `arn:aws:cloudformation:${region}:${ACCOUNT_ID}:stack/${stackName}/id`],
    ['AWS::Partition', 'aws'],
    ['AWS::URLSuffix', 'amazonaws.com'],
    ['AWS::NotificationARNs', []],
    ['AWS::NoValue', NO_VALUE],
  ]);
}

const isListType = (type: string): boolean => type === 'CommaDelimitedList' || type.startsWith('List<');

function typed(type: string, value: unknown): Resolved {
  if (isListType(type)) {
    if (Array.isArray(value)) return value.map((v) => String(v));
    return String(value)
      .split(',')
      .map((s) => s.trim());
  }
  if (type === 'Number' && value !== '' && Number.isFinite(Number(value))) return Number(value);
  return String(value);
}

/**
 * Values of the template's `Parameters` section. `overrides` are `Name=Value` pairs from the command
 * line or the scenario's `stack.parameters`; `used` collects the names this template knows.
 */
export function parameterValues(
  declared: unknown,
  overrides: ReadonlyMap<string, string>,
  used: Set<string>,
): { values: Map<string, Resolved>; problems: ParameterProblem[] } {
  const values = new Map<string, Resolved>();
  const problems: ParameterProblem[] = [];
  if (!isRecord(declared)) return { values, problems };
  for (const [name, spec] of Object.entries(declared)) {
    const type = isRecord(spec) && typeof spec.Type === 'string' ? spec.Type : 'String';
    const override = overrides.get(name);
    if (override !== undefined) {
      used.add(name);
      const allowed =
        isRecord(spec) && Array.isArray(spec.AllowedValues) ? spec.AllowedValues.map(String) : [];
      if (allowed.length > 0 && !allowed.includes(override)) {
        problems.push({
          path: ['Parameters', name],
          message: `--parameter ${name}=${override} is not one of its AllowedValues: ${allowed.join(', ')}`,
        });
      }
      values.set(name, typed(type, override));
    } else if (isRecord(spec) && spec.Default !== undefined) {
      values.set(name, typed(type, spec.Default));
    } else {
      values.set(name, new Unknown(`parameter ${name} has no Default`, name));
    }
    if (type.startsWith('AWS::SSM::Parameter::Value') && override === undefined) {
      values.set(
        name,
        new Unknown(`parameter ${name} is read from SSM Parameter Store at deploy time`, name),
      );
    }
  }
  return { values, problems };
}
