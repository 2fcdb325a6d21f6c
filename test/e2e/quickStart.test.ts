/**
 * The quick start is quick (issue 18 item 8). `npx lamsim` inside the repository installs the
 * repository itself into npx's cache as a link and runs its `prepare` script there: a full `tsc`
 * rebuild made the first `npx lamsim run` after `npm install` take 8-17 s. `prepare` builds with
 * `tsc -b` (build mode), which skips the compile when `dist/` is newer than every source, so that
 * second `prepare` costs a file-time check; the command-line bundle built after it is skipped the
 * same way (test/build/bundleCli.test.ts). This test builds the sources into a temporary folder
 * the way `prepare` does, then builds again and checks nothing was recompiled or rewritten.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSC = join(ROOT, 'node_modules/.bin/tsc');
const dirs: string[] = [];

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the quick start', () => {
  it('README runs `npm install` then `npx lamsim run scenarios/api-burst.yaml`', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/npm install && npx lamsim run scenarios\/api-burst\.yaml/);
  });

  it('prepare builds in tsc build mode, which keeps its build info inside dist/', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.prepare).toBe('npm run build');
    // tsc in build mode, then the command-line bundle (src/build/bundleCli.ts), which is skipped
    // while it is newer than tsc's build info (test/build/bundleCli.test.ts).
    expect(pkg.scripts.build).toBe('tsc -b tsconfig.json && node dist/build/bundleCli.js');
    expect(pkg.bin.lamsim).toBe('dist/bundle/main.cjs');
    // Build info beside the output: deleting dist/ forces a full build, never a stale "up to date".
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.tsBuildInfoFile).toBe('dist/.tsbuildinfo');
  });

  it('a second build of unchanged sources compiles nothing and rewrites no file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lamsim-build-'));
    dirs.push(dir);
    // Same options and sources as the package's tsconfig.json, output in the temporary folder.
    const config = join(dir, 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({
        extends: join(ROOT, 'tsconfig.json'),
        compilerOptions: {
          outDir: join(dir, 'dist'),
          tsBuildInfoFile: join(dir, 'dist/.tsbuildinfo'),
          typeRoots: [join(ROOT, 'node_modules/@types')],
        },
      }),
    );
    const first = spawnSync(TSC, ['-b', config], { encoding: 'utf8' });
    expect(first.stdout + first.stderr).toBe('');
    expect(first.status).toBe(0);
    const cli = join(dir, 'dist/cli/main.js');
    const builtAtMs = statSync(cli).mtimeMs;

    const second = spawnSync(TSC, ['-b', config, '--verbose'], { encoding: 'utf8' });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/is up to date/);
    expect(second.stdout).not.toMatch(/Building project/);
    expect(statSync(cli).mtimeMs).toBe(builtAtMs);
  });
});
