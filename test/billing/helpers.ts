/** Shared builders for billing tests. */
import type { CostBreakdown, CostLine, LambdaUsage, Usage } from '../../src/billing/index.ts';
import { emptyLambdaUsage, MONTH_MS } from '../../src/billing/index.ts';
import type { Billing } from '../../src/scenario/types.ts';

export const HOUR_MS = 3_600_000;

export function billing(overrides: Partial<Billing> = {}): Billing {
  return {
    freeTier: false,
    granularityMs: 1,
    initBilled: true,
    prices: {},
    month: { window: 'repeat' },
    savingsPlan: null,
    ...overrides,
  };
}

export function fn(overrides: Partial<LambdaUsage> = {}): LambdaUsage {
  return {
    ...emptyLambdaUsage({ name: 'f', architecture: 'x86_64', memoryMb: 1024, ephemeralStorageMb: 512 }),
    ...overrides,
  };
}

export function usage(lambda: readonly LambdaUsage[], rest: Partial<Usage> = {}): Usage {
  return { region: 'us-east-1', windowMs: MONTH_MS, lambda, ...rest };
}

/** The one line with this service and item (fails the test when absent or ambiguous). */
export function line(bill: CostBreakdown, service: string, item: string): CostLine {
  const found = bill.lines.filter((l) => l.service === service && l.item === item);
  if (found.length !== 1) {
    throw new Error(
      `expected one line ${service}/${item}, found ${found.length} in ${JSON.stringify(bill.lines)}`,
    );
  }
  return found[0];
}

export function hasLine(bill: CostBreakdown, service: string, item: string): boolean {
  return bill.lines.some((l) => l.service === service && l.item === item);
}

/** `service/item` of every line, in order. */
export function items(bill: CostBreakdown): string[] {
  return bill.lines.map((l) => `${l.service}/${l.item}`);
}
