/**
 * Names calibrate derives from what it is given (the output file, the logs' function name) made
 * valid for the scenario: a function's name as AWS function names (letters, digits, '-', '_', at
 * most 64), a scenario's the same plus dots after the first character (NAME_PATTERN and
 * SCENARIO_NAME_PATTERN). Any other character becomes '-'. Pure.
 */
import { NAME_PATTERN, SCENARIO_NAME_PATTERN } from '../scenario/index.ts';

const MAX_NAME = 64;

/** `text` as a function name: `tail.txt` -> `tail-txt`, `us-east-1.edge` -> `us-east-1-edge`. */
export function functionNameOf(text: string): string {
  if (NAME_PATTERN.test(text)) return text;
  const name = text.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, MAX_NAME);
  return name === '' ? 'function' : name;
}

/** `text` as a scenario name: `orders v2` -> `orders-v2`; `.hidden` -> `hidden`. */
export function scenarioNameOf(text: string): string {
  if (SCENARIO_NAME_PATTERN.test(text)) return text;
  const name = text
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^\.+/, '')
    .slice(0, MAX_NAME);
  return name === '' ? 'calibrated' : name;
}
