/**
 * Chart threads (src/io/chartThreads.ts): the PNGs they draw are the in-thread renderer's, byte
 * for byte (every chart of two shipped scenarios, the most varied among them, asked for at once
 * over two threads); a chart that cannot be drawn, a thread module that cannot load and a thread
 * that exits each reject with a ChartThreadError instead of hanging; idle threads never keep a
 * process alive; run from the sources, a command draws in its own thread.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { formatIssue } from '../../src/index.ts';
import {
  builtChartWorkerFile,
  ChartThreadError,
  type ChartThreadsOptions,
  startChartThreads,
} from '../../src/io/chartThreads.ts';
import { loadScenario } from '../../src/io/loadScenario.ts';
import { renderChartPng } from '../../src/io/renderChartPng.ts';
import { startReportAssets } from '../../src/io/reportAssets.ts';
import { type ChartSpec, chartsOf } from '../../src/report/index.ts';
import { buildRunReport } from '../../src/report/runReport.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'lamsim-chart-threads-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A thread module of `source` in the scratch folder. */
function module(name: string, source: string): string {
  const file = join(scratch, name);
  writeFileSync(file, source);
  return file;
}

/**
 * The TypeScript thread module, required by a CommonJS one under tsx (Node 20 applies tsx's ES
 * module loader neither to a thread's entry file nor to its imports; its require hook does apply).
 */
const SOURCE_THREADS: ChartThreadsOptions = {
  workerFile: module(
    'sourceThread.cjs',
    `require(${JSON.stringify(join(ROOT, 'src/io/chartWorker.ts'))});\n`,
  ),
  threads: 2,
  execArgv: ['--import', 'tsx'],
};
const TIMEOUT_MS = 240_000;

function shippedCharts(name: string): ChartSpec[] {
  const loaded = loadScenario(join(ROOT, 'scenarios', `${name}.yaml`));
  if (!loaded.ok) throw new Error(loaded.error.map(formatIssue).join('\n'));
  return chartsOf(buildRunReport(runScenario(loaded.value.scenario), loaded.value.text));
}

const SMALL: ChartSpec = {
  id: 'small',
  file: 'small.png',
  title: 'small',
  widthPx: 300,
  heightPx: 200,
  config: {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'a',
          data: [
            { x: 0, y: 1 },
            { x: 1, y: 3 },
          ],
        },
      ],
    },
    options: { scales: { x: { type: 'linear' } } },
  },
};

describe('chart threads', () => {
  it(
    'draw the same bytes as the in-thread renderer, for every chart asked at once',
    async () => {
      const specs = [...shippedCharts('api-burst'), ...shippedCharts('scheduled-notify')];
      expect(specs.length).toBeGreaterThanOrEqual(20);
      const threads = startChartThreads(SOURCE_THREADS);
      try {
        const pngs = await Promise.all(specs.map((spec) => threads.start(spec)));
        for (const [i, spec] of specs.entries()) {
          expect(Buffer.compare(Buffer.from(pngs[i]), Buffer.from(renderChartPng(spec))), spec.file).toBe(0);
        }
      } finally {
        await threads.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'reject a chart Chart.js cannot draw, naming it, and go on drawing the next',
    async () => {
      const threads = startChartThreads({ ...SOURCE_THREADS, threads: 1 });
      try {
        const bad = { ...SMALL, file: 'bad.png', config: { ...SMALL.config, type: 'no-such-type' } };
        const failed = threads.start(bad as unknown as ChartSpec);
        await expect(failed).rejects.toBeInstanceOf(ChartThreadError);
        await expect(failed).rejects.toThrow(/the chart bad\.png failed: .*no-such-type/);
        const png = await threads.start(SMALL);
        expect(Buffer.compare(Buffer.from(png), Buffer.from(renderChartPng(SMALL)))).toBe(0);
      } finally {
        await threads.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'reject every chart, now and later, when the thread module cannot load',
    async () => {
      const workerFile = module('broken.mjs', "throw new Error('no canvas on this machine');\n");
      const threads = startChartThreads({ workerFile, threads: 2 });
      try {
        await expect(threads.start(SMALL)).rejects.toThrow(
          /the chart small\.png was not drawn: .*no canvas on this machine/,
        );
        // Both threads have ended by now (or end before answering): no chart waits forever.
        const later = await Promise.allSettled([threads.start(SMALL), threads.start(SMALL)]);
        expect(later.map((r) => r.status)).toEqual(['rejected', 'rejected']);
        for (const r of later) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ChartThreadError);
      } finally {
        await threads.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'reject the charts of a thread that exits while drawing',
    async () => {
      const workerFile = module(
        'exits.mjs',
        "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n",
      );
      const threads = startChartThreads({ workerFile, threads: 1 });
      try {
        await expect(threads.start(SMALL)).rejects.toThrow(/small\.png was not drawn: .*exit code 3/);
      } finally {
        await threads.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'never keep a process alive while they wait for charts',
    () => {
      // A process that starts threads and asks for nothing ends on its own (a kept thread would
      // hang it until the timeout, and spawnSync would report no exit status).
      const script = `import { startChartThreads } from ${JSON.stringify(
        join(ROOT, 'src/io/chartThreads.ts'),
      )};\nstartChartThreads(${JSON.stringify(SOURCE_THREADS)});\n`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    },
    TIMEOUT_MS,
  );

  it('are not started from the sources (no built module): the charts are drawn in this thread', async () => {
    expect(builtChartWorkerFile()).toBeNull();
    const report = startReportAssets({ charts: true });
    expect(report.assets.renderPng).toBe(renderChartPng);
    await report.close();
    expect(startReportAssets({ charts: false }).assets.renderPng).toBeNull();
  });
});
