/** The function or resource a knob changes, found by name in a scenario. Pure. */
import { present } from '../../result.ts';
import type { LambdaFunction, Resource, Scenario } from '../../scenario/index.ts';

/** The function `name` of `s` (a knob is only made for a function the scenario has). */
export const fnOf = (s: Scenario, name: string): LambdaFunction =>
  present(
    s.functions.find((f) => f.name === name),
    `function ${name}`,
  );

/** The resource `name` of `s`, as the type the caller knows it has (undefined: none). */
export const resourceOf = <T extends Resource>(s: Scenario, name: string) =>
  s.resources.find((r) => r.name === name) as T | undefined;
