/** What `lamsim plan` prints to stdout: the answer and the recommended changes. Pure. */
import type { PlanResult } from '../../experiments/index.ts';
import { failedRemedyText } from './guardText.ts';
import { answer } from './planReport.ts';

export function planText(p: PlanResult): string {
  const lines = [
    `lamsim ${p.provenance.version}: plan ${p.scenario} (seed ${p.seed}, ${p.runs} runs)`,
    '',
    `  ${answer(p)}`,
  ];
  for (const r of p.recommendations) lines.push(`    ${r.setting}: ${r.from ?? '(none)'} → ${r.to}`);
  if (p.recommendations.length > 0 && p.failedRemedies.length > 0) {
    lines.push('  Tried and not enough:');
    for (const f of p.failedRemedies) lines.push(`    ${failedRemedyText(f)}`);
  }
  if (p.recommendations.length > 0 || p.partial) lines.push(`  (per month: ${p.monthlyBasis.assumption})`);
  return `${lines.join('\n')}\n`;
}
