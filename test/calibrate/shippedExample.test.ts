/**
 * The shipped calibration example stays reproducible: its logs are the generator's output
 * (test/helpers/exampleLogs.ts, generated, not a real account's), and calibrating them today writes
 * exactly the shipped scenario and data files (`npm run reports` regenerates them).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/index.ts';
import { isDocumentError, mergeLogFiles, readLogFile } from '../../src/logs/index.ts';
import { exampleLogs } from '../helpers/exampleLogs.ts';

const ROOT = new URL('../../', import.meta.url);
const LOGS = 'scenarios/logs/orders-api.logs.json.gz';

describe('the shipped calibration example', () => {
  const text = gunzipSync(readFileSync(new URL(LOGS, ROOT))).toString('utf8');

  it('its logs are the seeded generator output', () => {
    expect(text).toBe(exampleLogs());
  });

  it('calibrating them writes the shipped scenario and data files', () => {
    const file = readLogFile(LOGS, text);
    if (isDocumentError(file)) throw new Error(file.message);
    const corpus = mergeLogFiles([file], { function: 'orders-api' });
    if (!corpus.ok) throw new Error(corpus.error);
    const c = calibrate(corpus.value, {
      name: 'orders-calibrated',
      fileBase: 'orders-calibrated',
      sources: [LOGS],
      schemaComment: true,
    });
    if (!c.ok) throw new Error(c.error);
    expect(c.value.scenarioText).toBe(
      readFileSync(new URL('scenarios/orders-calibrated.yaml', ROOT), 'utf8'),
    );
    for (const f of c.value.files) {
      expect(f.text, f.name).toBe(readFileSync(new URL(`scenarios/${f.name}`, ROOT), 'utf8'));
    }
    expect(c.value.files.map((f) => f.name)).toEqual([
      'orders-calibrated.arrivals.csv',
      'orders-calibrated.duration-ms.csv',
    ]);
  });
});
