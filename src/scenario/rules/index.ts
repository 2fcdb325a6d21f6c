/**
 * Cross-field rules, run in this order over the draft scenario (all of them, always); rules from
 * layers above (billing's price checks) come in `ParseOptions.rules` and run after these.
 */
import { budgetRules } from './budgets.ts';
import { concurrencyRules } from './concurrency.ts';
import { destinationRules } from './destinations.ts';
import { eventSourceMappingRules } from './eventSourceMappings.ts';
import { invocationRules } from './invocation.ts';
import { lambdaEdgeRules } from './lambdaEdge.ts';
import { limitRules } from './limits.ts';
import { messagingLimitRules } from './messagingLimits.ts';
import { nameRules } from './names.ts';
import { networkRules } from './network.ts';
import { provisionedChangeRules } from './provisionedChanges.ts';
import { referenceRules } from './references.ts';
import type { Rule } from './rule.ts';
import { snapStartRules } from './snapStart.ts';

export type { Rule } from './rule.ts';

export const RULES: readonly Rule[] = [
  nameRules,
  referenceRules,
  limitRules,
  concurrencyRules,
  networkRules,
  invocationRules,
  destinationRules,
  eventSourceMappingRules,
  provisionedChangeRules,
  messagingLimitRules,
  lambdaEdgeRules,
  snapStartRules,
  budgetRules,
];
