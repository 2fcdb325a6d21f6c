/**
 * Sweeps on the command line (issue 15, step 3): `--replications R` for `lamsim run`. Every
 * problem is one line naming the flag and what is allowed (exit 2).
 */
import { excerpt, MAX_REPLICATIONS } from '../index.ts';
import { UserInputError } from './errors.ts';
import { single } from './options.ts';

/** `--replications R`: a whole number from 1 to MAX_REPLICATIONS. */
export function parseReplications(value: unknown): number {
  const text = String(single('--replications', value)).trim();
  const count = /^\d{1,5}$/.test(text) ? Number(text) : 0;
  if (count < 1 || count > MAX_REPLICATIONS) {
    throw new UserInputError(
      `--replications: expected a whole number of replications from 1 to ${MAX_REPLICATIONS}, got '${excerpt(text)}'`,
    );
  }
  return count;
}

export const replicationsOption = {
  type: 'string',
  coerce: parseReplications,
  describe:
    "run R independent replications (seeds derived from the seed) and add every figure's 95 % confidence interval to summary.json (1 = a plain run)",
} as const;
