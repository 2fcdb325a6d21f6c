/**
 * Account concurrency (Lambda developer guide "Understanding Lambda function scaling", https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html; API_PutFunctionConcurrency; https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html): unreservedMinimum <= concurrentExecutions; reserved
 * concurrency summed over functions <= concurrentExecutions - unreservedMinimum; provisioned <= reserved,
 * or, for functions without reserved concurrency, their provisioned total <= the unreserved pool
 * (concurrentExecutions - total reserved - unreservedMinimum).
 */
import { type Rule, trusted } from './rule.ts';

export const concurrencyRules: Rule = (draft, report) => {
  const account = draft.account;
  const { concurrentExecutions, unreservedMinimum } = account.value;
  const accountOk = trusted(account.bad, 'concurrentExecutions', 'unreservedMinimum');
  if (accountOk && unreservedMinimum > concurrentExecutions) {
    report.error(
      ['account', 'unreservedMinimum'],
      `unreservedMinimum ${unreservedMinimum} is above concurrentExecutions ${concurrentExecutions}`,
    );
    return;
  }
  if (!accountOk) return;

  const reservable = concurrentExecutions - unreservedMinimum;
  let reserved = 0;
  let reported = false;
  const parts: string[] = [];
  for (const f of draft.functions) {
    if (f.bad.has('reservedConcurrency') || f.value.reservedConcurrency === null) continue;
    reserved += f.value.reservedConcurrency;
    parts.push(`${f.value.name} ${f.value.reservedConcurrency}`);
    if (!reported && reserved > reservable) {
      reported = true;
      report.error(
        [...f.path, 'reservedConcurrency'],
        `reserved concurrency totals ${reserved} (${parts.join(', ')}), above concurrentExecutions - unreservedMinimum = ${concurrentExecutions} - ${unreservedMinimum} = ${reservable}`,
      );
    }
  }

  for (const f of draft.functions) {
    const { reservedConcurrency, provisionedConcurrency, name } = f.value;
    if (!trusted(f.bad, 'reservedConcurrency', 'provisionedConcurrency') || reservedConcurrency === null)
      continue;
    if (provisionedConcurrency > reservedConcurrency) {
      report.error(
        [...f.path, 'provisionedConcurrency'],
        `provisionedConcurrency ${provisionedConcurrency} is above ${name}'s reservedConcurrency ${reservedConcurrency}`,
      );
    }
  }

  if (reported) return;
  const pool = concurrentExecutions - reserved - unreservedMinimum;
  let provisioned = 0;
  const pcParts: string[] = [];
  for (const f of draft.functions) {
    const { reservedConcurrency, provisionedConcurrency, name } = f.value;
    if (!trusted(f.bad, 'reservedConcurrency', 'provisionedConcurrency') || reservedConcurrency !== null)
      continue;
    if (provisionedConcurrency === 0) continue;
    provisioned += provisionedConcurrency;
    pcParts.push(`${name} ${provisionedConcurrency}`);
    if (provisioned > pool) {
      report.error(
        [...f.path, 'provisionedConcurrency'],
        `provisioned concurrency of functions without reserved concurrency totals ${provisioned} (${pcParts.join(', ')}), above the unreserved pool: concurrentExecutions - reserved - unreservedMinimum = ${concurrentExecutions} - ${reserved} - ${unreservedMinimum} = ${pool}`,
      );
      break;
    }
  }
};
