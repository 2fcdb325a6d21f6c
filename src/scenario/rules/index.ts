/** Cross-field rules, run in this order over the draft scenario (all of them, always). */
import { billingRules } from './billing.ts';
import { concurrencyRules } from './concurrency.ts';
import { eventSourceRules } from './eventSources.ts';
import { invocationRules } from './invocation.ts';
import { limitRules } from './limits.ts';
import { nameRules } from './names.ts';
import { networkRules } from './network.ts';
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
  eventSourceRules,
  snapStartRules,
  billingRules,
];
