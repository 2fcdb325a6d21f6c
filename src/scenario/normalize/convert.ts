/**
 * Converters from written quantities the schema already accepted to numbers in canonical units
 * (ms, bytes, MB, fractions 0..1). A value the schema accepted but the converter rejects is a
 * parser bug (ScenarioParserBug), never a user error.
 */
import type { DistSpec } from '../../engine/index.ts';
import {
  parseDuration,
  parseDurationOrSeconds,
  parseFraction,
  parsePercentage,
  parseSize,
  parseSizeOrMb,
  SIZE_UNITS,
} from '../quantities.ts';
import { ScenarioParserBug } from './context.ts';

export function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new ScenarioParserBug(`schema accepted a value its parser rejects: ${r.error}`);
  return r.value;
}

/** A duration with a unit (`250ms`) -> ms. */
export function ms(value: string): number {
  const parsed = parseDuration(value);
  if (!parsed.ok) throw new ScenarioParserBug(`schema accepted a duration the parser rejects: ${value}`);
  return parsed.value;
}

/** A duration or a bare number of seconds -> ms. */
export const millis = (value: string | number): number => unwrap(parseDurationOrSeconds(value));
/** A size or a bare number of MB -> MB. */
export const megabytes = (value: string | number): number => unwrap(parseSizeOrMb(value)) / SIZE_UNITS.MB;
/** A size with a unit -> whole bytes. */
export const bytes = (value: string): number => Math.round(unwrap(parseSize(value)));
/** `0.001` or `0.1%` -> 0..1. */
export const fractionOf = (value: string | number): number => unwrap(parseFraction(value));
/** `95` or `95%` -> 0.95. */
export const percent = (value: string | number): number => unwrap(parsePercentage(value));

export const constant = (value: number): DistSpec => ({ kind: 'constant', value });
