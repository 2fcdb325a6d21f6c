/**
 * The committed report bundles in reports/ are what the shipped scenarios give today: every
 * bundle `npm run reports` writes (the calibration report of the shipped logs, one run bundle per
 * scenarios/*.yaml, and the RDS direct vs proxy comparison) is regenerated in memory and compared
 * with the committed files, byte for byte: summary.json (compare.json), report.md, report.html
 * (calibration.md and calibration.html) and the PNG charts. PNGs are the same bytes on every
 * machine (Skia and the DejaVu Sans font come from npm, src/io/renderChartPng.ts), so the quick
 * start never rewrites a committed chart. The bundle marker, written by the bundle writer, must
 * say the bundle's kind when it is there.
 *
 * When this fails after an intended change, run `npm run reports` and commit the bundles with a
 * message saying why they changed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { formatIssue } from '../../src/index.ts';
import { BUNDLE_MARKER, bundleMarkerText } from '../../src/io/bundleDir.ts';
import { chartJsUmdSource } from '../../src/io/chartJsSource.ts';
import { type LoadedScenario, loadScenario, parseScenarioAt } from '../../src/io/loadScenario.ts';
import { renderChartPng } from '../../src/io/renderChartPng.ts';
import type { BundleFile } from '../../src/io/writeBundle.ts';
import {
  bundleFileData,
  comparisonBundleFiles,
  type ReportAssets,
  reportBundleFiles,
} from '../../src/report/bundle.ts';
import { calibrationBundleFiles } from '../../src/report/calibration/index.ts';
import { CALIBRATED, shippedCalibration } from '../helpers/shippedCalibration.ts';

const ROOT = new URL('../../', import.meta.url);
const SCENARIOS = readdirSync(new URL('scenarios/', ROOT))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();
/** `npm run reports` compares these two, and calibrates these logs (package.json). */
const COMPARED = ['rds-direct', 'rds-proxy'] as const;

/** The real Chart.js (report.html inlines it) and the real PNG renderer. */
const assets: ReportAssets = { chartJs: chartJsUmdSource(), renderPng: renderChartPng };
/** A whole run per test (the longest, rds-proxy, takes seconds; more when the machine is shared). */
const RUN_TIMEOUT_MS = 240_000;

function load(name: string): LoadedScenario {
  const loaded = loadScenario(fileURLToPath(new URL(`scenarios/${name}.yaml`, ROOT)));
  if (!loaded.ok) throw new Error(loaded.error.map(formatIssue).join('\n'));
  return loaded.value;
}

/** Every file compared byte for byte (text line by line); the marker, if any, names `kind`. */
async function expectBundle(dir: string, kind: string, files: readonly BundleFile[]): Promise<void> {
  const bundle = new URL(`reports/${dir}/`, ROOT);
  const committed = readdirSync(bundle)
    .filter((f) => f !== BUNDLE_MARKER)
    .sort();
  expect(committed, `files of reports/${dir}/`).toEqual(files.map((f) => f.name).sort());
  const marker = new URL(BUNDLE_MARKER, bundle);
  if (existsSync(marker)) expect(readFileSync(marker, 'utf8')).toBe(bundleMarkerText(kind));
  for (const file of files) {
    if (file.name.endsWith('.png')) {
      const committedPng = readFileSync(new URL(file.name, bundle));
      expect(
        Buffer.compare(committedPng, Buffer.from(await bundleFileData(file))),
        `reports/${dir}/${file.name} differs from a fresh rendering (run npm run reports)`,
      ).toBe(0);
      continue;
    }
    const text = readFileSync(new URL(file.name, bundle), 'utf8');
    // Compared line by line: a failure shows the lines that differ.
    expect(text.split('\n'), `reports/${dir}/${file.name} (run npm run reports)`).toEqual(
      String(file.data).split('\n'),
    );
  }
}

describe('committed report bundles match a fresh run', () => {
  it('every shipped scenario has its bundle, and every bundle is regenerated here', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(14);
    const bundles = readdirSync(new URL('reports/', ROOT)).sort();
    const expected = [...SCENARIOS, `compare-${COMPARED.join('-vs-')}`, `${CALIBRATED}-calibration`].sort();
    expect(bundles).toEqual(expected);
  });

  it.each(SCENARIOS)(
    'reports/%s/',
    async (name) => {
      const { scenario, text } = load(name);
      expect(scenario.name).toBe(name);
      await expectBundle(name, 'run', reportBundleFiles(runScenario(scenario), text, assets));
    },
    RUN_TIMEOUT_MS,
  );

  it(
    `reports/compare-${COMPARED.join('-vs-')}/`,
    async () => {
      const loaded = COMPARED.map(load);
      const seed = loaded[0].scenario.seed;
      const runs = loaded.map((l) => ({
        label: l.scenario.name,
        output: runScenario({ ...l.scenario, seed }),
        scenarioText: l.text,
      }));
      await expectBundle(`compare-${COMPARED.join('-vs-')}`, 'compare', comparisonBundleFiles(runs, assets));
    },
    RUN_TIMEOUT_MS,
  );

  it(
    `reports/${CALIBRATED}-calibration/`,
    async () => {
      // As `npm run reports` calibrates the shipped logs with their template (test/helpers/shippedCalibration.ts).
      const calibration = shippedCalibration();
      const dataFiles = new Map(calibration.files.map((f) => [f.name, f.text]));
      const parsed = parseScenarioAt(
        fileURLToPath(new URL(`scenarios/${CALIBRATED}.yaml`, ROOT)),
        calibration.scenarioText,
        {
          pending: dataFiles,
        },
      );
      if (!parsed.ok) throw new Error(parsed.error.map(formatIssue).join('\n'));
      const output = runScenario(parsed.value.scenario);
      const logs = ['orders-api.logs.json.gz'];
      const files = calibrationBundleFiles(calibration, output, `${CALIBRATED}.yaml`, logs, assets);
      await expectBundle(`${CALIBRATED}-calibration`, 'calibration', files);
    },
    RUN_TIMEOUT_MS,
  );
});
