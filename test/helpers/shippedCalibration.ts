/**
 * The shipped calibration example as `npm run reports` writes it:
 *   lamsim calibrate scenarios/logs/orders-api.logs.json.gz --function orders-api \
 *     --template scenarios/templates/orders/template.yaml --out scenarios/orders-calibrated.yaml
 * (the scenario points at the template with `stack:` and adds what the logs show to OrdersFunction).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  type Calibration,
  calibrate,
  calibrateStack,
  readStackForCalibration,
  stackTarget,
} from '../../src/calibrate/index.ts';
import { isDocumentError, mergeLogFiles, readLogFile } from '../../src/logs/index.ts';
import { formatIssue } from '../../src/scenario/index.ts';

const ROOT = new URL('../../', import.meta.url);
export const SHIPPED_LOGS = 'scenarios/logs/orders-api.logs.json.gz';
export const SHIPPED_TEMPLATE = 'scenarios/templates/orders/template.yaml';
export const CALIBRATED = 'orders-calibrated';

export function shippedLogsText(): string {
  return gunzipSync(readFileSync(new URL(SHIPPED_LOGS, ROOT))).toString('utf8');
}

export function shippedCalibration(): Calibration {
  const file = readLogFile(SHIPPED_LOGS, shippedLogsText());
  if (isDocumentError(file)) throw new Error(file.message);
  const corpus = mergeLogFiles([file], { function: 'orders-api' });
  if (!corpus.ok) throw new Error(corpus.error);
  const template = {
    fileName: SHIPPED_TEMPLATE,
    text: readFileSync(new URL(SHIPPED_TEMPLATE, ROOT), 'utf8'),
  };
  const read = readStackForCalibration([template], new Map());
  if (!read.ok) throw new Error(read.error.map(formatIssue).join('\n'));
  const target = stackTarget(read.value.functions, corpus.value.functionName, 'orders-api');
  if (!target.ok) throw new Error(target.error);
  const stack = calibrateStack(read.value, target.value, ['templates/orders/template.yaml'], new Map());
  const c = calibrate(corpus.value, {
    name: CALIBRATED,
    fileBase: CALIBRATED,
    sources: [SHIPPED_LOGS],
    schemaComment: true,
    stack,
  });
  if (!c.ok) throw new Error(c.error);
  return c.value;
}
