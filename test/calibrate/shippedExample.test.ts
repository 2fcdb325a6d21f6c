/**
 * The shipped calibration example stays reproducible: its logs are the generator's output
 * (test/helpers/exampleLogs.ts, generated, not a real account's), and calibrating them today writes
 * exactly the shipped scenario and data files (`npm run reports` regenerates them). The scenario starts
 * from its template (scenarios/templates/orders/template.yaml, `stack:`) and adds what the logs show.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleLogs } from '../helpers/exampleLogs.ts';
import { shippedCalibration, shippedLogsText } from '../helpers/shippedCalibration.ts';

const ROOT = new URL('../../', import.meta.url);

describe('the shipped calibration example', () => {
  it('its logs are the seeded generator output', () => {
    expect(shippedLogsText()).toBe(exampleLogs());
  });

  it('calibrating them writes the shipped scenario and data files', () => {
    const c = { value: shippedCalibration() };
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
