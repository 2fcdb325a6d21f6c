/**
 * A progress bar on stderr, shown only on a terminal and only once a run has taken about a
 * second (short runs print nothing; stdout is never touched).
 */
import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';

const SHOW_AFTER_MS = 1000;

export interface Progress {
  update(fraction: number): void;
  stop(): void;
}

export function progressBar(label: string): Progress {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const startedAt = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(fraction) {
      if (!bar) {
        if (Date.now() - startedAt < SHOW_AFTER_MS) return;
        // Required once a bar shows (on a terminal, after a second), not when the CLI starts.
        const { SingleBar, Presets } = createRequire(import.meta.url)('cli-progress') as typeof cliProgress;
        bar = new SingleBar(
          {
            stream: process.stderr,
            format: `${label} [{bar}] {percentage}% | {duration_formatted}`,
            hideCursor: true,
          },
          Presets.shades_classic,
        );
        bar.start(100, 0);
      }
      bar.update(Math.round(fraction * 100));
    },
    stop() {
      bar?.stop();
    },
  };
}
