/** Number and duration text for scenario comments and messages (calibrate sits below report/). Pure. */

import { decimalText } from '../decimalText.ts';
import { civilDate } from '../engine/index.ts';

/** `12,345`. */
export const count = (n: number): string => decimalText(Math.round(n));

/** `1 invocation`, `12,345 invocations`: a count and its noun (`plural` when not noun + s). */
export const counted = (n: number, noun: string, plural = `${noun}s`): string =>
  `${count(n)} ${Math.round(n) === 1 ? noun : plural}`;

/** A duration for a scenario value: 4 significant digits, in ms (`212.4ms`, `4521ms`). */
export const msValue = (ms: number): string => `${Number(ms.toPrecision(4))}ms`;

/** A duration for prose: `850 ms`, `4.2 s`, `6.5 min`, `2.3 h`. */
export function humanMs(ms: number): string {
  if (ms < 1000) return `${Number(ms.toPrecision(3))} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toPrecision(3))} s`;
  if (ms < 3_600_000) return `${Number((ms / 60_000).toPrecision(3))} min`;
  return `${Number((ms / 3_600_000).toPrecision(3))} h`;
}

/** A window or phase as a scenario duration, to the millisecond: `1h30m`, `5m2s`, `12.5s`. */
export function windowText(ms: number): string {
  const total = Math.round(ms);
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = (total % 60_000) / 1000;
  const text = `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
  return text === '' ? '0s' : text;
}

/** Epoch ms as `2024-05-15T20:15:00Z` (UTC, whole seconds). */
export function isoUtc(epochMs: number): string {
  const days = Math.floor(epochMs / 86_400_000);
  const rest = epochMs - days * 86_400_000;
  const { year, month, day } = civilDate(days);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const s = Math.floor(rest / 1000);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}Z`;
}
