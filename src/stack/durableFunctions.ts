/**
 * A Lambda durable function (`DurableConfig`: ExecutionTimeout in seconds, RetentionPeriodInDays)
 * -> a warning and a header note: lamsim does not model durable executions.
 *
 * Contract: never silent, since the results would read as the whole bill. A durable execution
 * checkpoints its steps, waits and replays across invocations for up to ExecutionTimeout; AWS bills
 * it on top of the invocations' compute: $8.00 per million durable operations, $0.25 per GB of
 * state written and $0.15 per GB-month retained (retention 1-90 days; aws-facts A10, Lambda pricing
 * page "Durable Functions"). Here each invocation runs alone under the function's `timeout`
 * (Lambda's maximum is 900 s), so an ExecutionTimeout above 900 s is not simulated either.
 */
import type { PropertyReader } from './propertyReader.ts';
import type { ImportedFunction, StackBuilder } from './stackBuilder.ts';

export const DURABLE_PROPERTY = 'DurableConfig';

/** Lambda's maximum function timeout, s (Lambda quotas: 900 seconds). */
const MAX_INVOCATION_S = 900;

/** Warns and notes when the function is durable; does nothing otherwise. */
export function noteDurableFunction(p: PropertyReader, fn: ImportedFunction, b: StackBuilder): void {
  const config = p.child(DURABLE_PROPERTY);
  if (config === undefined) return;
  const executionTimeoutS = config.number('ExecutionTimeout');
  const longer =
    executionTimeoutS !== undefined && executionTimeoutS > MAX_INVOCATION_S
      ? `; its ExecutionTimeout of ${executionTimeoutS} s is not simulated either (an invocation here ends at the function's timeout, ${MAX_INVOCATION_S} s at most)`
      : '';
  b.warning(
    p.where(DURABLE_PROPERTY),
    p.pathOf(DURABLE_PROPERTY),
    `${fn.name} is a durable function (DurableConfig), which lamsim does not model: its durable executions (checkpoints, waits, replays) are not simulated and not billed${longer}`,
  );
  b.notes.push(
    `${fn.name}: a durable function (DurableConfig), which lamsim does not model: each invocation is simulated on its own, and the bill leaves out the durable executions' charges ` +
      `($8.00 per million durable operations, $0.25 per GB written, $0.15 per GB-month retained)${longer}.`,
  );
}
