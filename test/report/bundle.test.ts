/**
 * The bundle of a run: its files, valid PNGs of the expected size drawn from the chart specs, and
 * bytes that do not change from one run to the next (no wall-clock data anywhere).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { renderChartPng } from '../../src/io/renderChartPng.ts';
import { nodeReportAssets } from '../../src/io/reportAssets.ts';
import { bundleFileData, reportBundleFiles } from '../../src/report/bundle.ts';
import { chartsOf } from '../../src/report/document.ts';
import { buildRunReport } from '../../src/report/runReport.ts';
import { scenarioFrom } from '../helpers/run.ts';
import { BURST_YAML, runOf } from './fixtures.ts';
import { inkOf, readPng } from './png.ts';

const assets = nodeReportAssets();

describe('report bundle', () => {
  const files = reportBundleFiles(runOf(BURST_YAML), BURST_YAML, assets);
  const byName = new Map<string, string | Uint8Array>();
  beforeAll(async () => {
    for (const f of files) byName.set(f.name, await bundleFileData(f));
  });

  it('holds summary.json, report.md, report.html and one PNG per chart', () => {
    expect(files.map((f) => f.name)).toEqual([
      'summary.json',
      'report.md',
      'report.html',
      'api-concurrency.png',
      'api-environments.png',
      'api-requests.png',
      'api-latency.png',
      'api-latency-cdf.png',
      'cost.png',
    ]);
  });

  it('inlines the real Chart.js into report.html', () => {
    const html = byName.get('report.html') as string;
    expect(assets.chartJs.length).toBeGreaterThan(100_000);
    expect(html).toContain(assets.chartJs.slice(0, 200));
    expect(html).toMatch(/Chart\.js v4\.\d+\.\d+/);
  });

  it('PNGs are valid images of the size their spec asks for, with something drawn in colour', async () => {
    const specs = chartsOf(buildRunReport(runOf(BURST_YAML), BURST_YAML));
    for (const spec of specs) {
      const png = byName.get(spec.file) as Uint8Array;
      const info = readPng(png);
      expect([info.width, info.height], spec.file).toEqual([spec.widthPx, spec.heightPx]);
      const { ink, colour } = await inkOf(png);
      expect(ink, spec.file).toBeGreaterThan(0.01);
      expect(colour, spec.file).toBeGreaterThan(0.001);
    }
  });

  it('PNGs are opaque on white, so they read on dark pages too', async () => {
    const png = byName.get('cost.png') as Uint8Array;
    const { loadImage, createCanvas } = await import('canvas');
    const image = await loadImage(Buffer.from(png));
    const ctx = createCanvas(image.width, image.height).getContext('2d');
    ctx.drawImage(image, 0, 0);
    expect([...ctx.getImageData(0, 0, 1, 1).data]).toEqual([255, 255, 255, 255]);
  });

  it('are byte-identical when the same scenario runs again', async () => {
    const again = reportBundleFiles(runScenario(scenarioFrom(BURST_YAML)), BURST_YAML, assets);
    expect(again.map((f) => f.name)).toEqual(files.map((f) => f.name));
    for (const f of again)
      expect(Buffer.from(await bundleFileData(f)).equals(Buffer.from(byName.get(f.name)!)), f.name).toBe(
        true,
      );
  });

  it('is composed from its assets alone (stand-ins work)', () => {
    const rendered: string[] = [];
    const stub = reportBundleFiles(runOf(BURST_YAML), 'text', {
      chartJs: '/* stub */',
      renderPng: (spec) => {
        rendered.push(spec.id);
        return new Uint8Array([1, 2, 3]);
      },
    });
    // Charts render only when their file is written, one at a time (never all held at once).
    expect(rendered).toHaveLength(0);
    const contents = stub.map((f) => bundleFileData(f));
    expect(rendered).toHaveLength(6);
    expect(contents[stub.findIndex((f) => f.name === 'report.html')]).toContain('/* stub */');
    expect(contents[stub.findIndex((f) => f.name === 'cost.png')]).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe('a bundle without PNGs (--no-charts)', () => {
  const output = runOf(BURST_YAML);
  const withPngs = reportBundleFiles(output, BURST_YAML, assets);
  const without = reportBundleFiles(output, BURST_YAML, nodeReportAssets({ charts: false }));
  const text = (files: typeof without, name: string) => files.find((f) => f.name === name)!.data;

  it('holds summary.json, report.md and report.html, the first and the last as with PNGs', () => {
    expect(without.map((f) => f.name)).toEqual(['summary.json', 'report.md', 'report.html']);
    expect(text(without, 'summary.json')).toBe(text(withPngs, 'summary.json'));
    expect(text(without, 'report.html')).toBe(text(withPngs, 'report.html'));
  });

  it('names each chart in report.md where the PNG was, pointing to report.html', () => {
    const md = text(without, 'report.md') as string;
    const charts = chartsOf(buildRunReport(output, BURST_YAML));
    expect(md).not.toMatch(/\.png\)/);
    expect(md.match(/^\*Chart: .* \(drawn in report\.html; no PNG with --no-charts\)\*$/gm)).toHaveLength(
      charts.length,
    );
    // Everything else is the report.md of a bundle with PNGs.
    const images = /^!\[[^\]]*\]\([^)]*\.png\)$/gm;
    const chartLine = /^\*Chart: .*\*$/gm;
    expect(md.replace(chartLine, 'CHART')).toBe(
      (text(withPngs, 'report.md') as string).replace(images, 'CHART'),
    );
  });
});

describe('PNG renderer', () => {
  it('renders at the spec size and leaves the spec untouched', async () => {
    const spec = chartsOf(buildRunReport(runOf(BURST_YAML), ''))[0];
    const before = JSON.stringify(spec);
    const small = { ...spec, widthPx: 400, heightPx: 250 };
    expect(readPng(await renderChartPng(small))).toMatchObject({ width: 400, height: 250 });
    expect(JSON.stringify(spec)).toBe(before);
  });

  it('readPng rejects broken files', async () => {
    const png = await renderChartPng({
      ...chartsOf(buildRunReport(runOf(BURST_YAML), ''))[5],
      widthPx: 200,
      heightPx: 150,
    });
    const broken = new Uint8Array(png);
    broken[40] ^= 0xff;
    expect(() => readPng(broken)).toThrow(/CRC|match/);
    expect(() => readPng(png.subarray(0, png.length - 12))).toThrow(/IEND/);
  });
});
