/**
 * Bundles are written atomically and never replace what lamsim did not write: all files go to a
 * temporary sibling that replaces the previous bundle only once complete; a folder holding other
 * files is refused; bundles nested in the previous one (tune/, plan/) survive; leftovers of killed
 * writers are finished or undone; concurrent writers and signals leave a complete bundle.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_MARKER } from '../../src/io/bundleDir.ts';
import { type BundleFile, OutputRefusedError, writeBundle } from '../../src/io/writeBundle.ts';
import { TSX_LOADER } from '../experiments/cli.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lamsim-bundle-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Every file under `dir` (marker files left out) with its text. */
const read = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== BUNDLE_MARKER)
      .map((e) => [
        join(e.parentPath, e.name).slice(dir.length + 1),
        readFileSync(join(e.parentPath, e.name), 'utf8'),
      ]),
  );

/** A pid that no longer runs: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('writeBundle', () => {
  it('writes every file, sub-directories included, and the bundle marker', async () => {
    const dir = join(root, 'reports', 'x');
    await writeBundle(dir, [
      { name: 'a.txt', data: 'A' },
      { name: 'sub/b.bin', data: new Uint8Array([66]) },
      { name: 'lazy.png', data: () => new Uint8Array([67]) },
    ]);
    expect(read(dir)).toEqual({ 'a.txt': 'A', 'sub/b.bin': 'B', 'lazy.png': 'C' });
    expect(readFileSync(join(dir, BUNDLE_MARKER), 'utf8')).toContain('lamsim run report bundle');
    expect(readdirSync(join(root, 'reports'))).toEqual(['x']);
  });

  it('replaces the previous bundle whole: stale files disappear', async () => {
    const dir = join(root, 'x');
    await writeBundle(dir, [
      { name: 'old-chart.png', data: 'old' },
      { name: 'summary.json', data: '1' },
    ]);
    await writeBundle(dir, [{ name: 'summary.json', data: '2' }]);
    expect(read(dir)).toEqual({ 'summary.json': '2' });
    expect(readdirSync(root)).toEqual(['x']);
  });

  it('a write failing part-way leaves the previous bundle intact and nothing temporary behind', async () => {
    const dir = join(root, 'x');
    const previous: BundleFile[] = [
      { name: 'summary.json', data: '{"run":1}\n' },
      { name: 'report.md', data: '# one\n' },
    ];
    await writeBundle(dir, previous);
    const failing: BundleFile[] = [
      { name: 'summary.json', data: '{"run":2}\n' },
      { name: 'report.md', data: '# two\n' },
      // A file inside a file: the write fails after two files are already written.
      { name: 'summary.json/chart.png', data: 'x' },
    ];
    await expect(writeBundle(dir, failing)).rejects.toThrow();
    expect(read(dir)).toEqual({ 'summary.json': '{"run":1}\n', 'report.md': '# one\n' });
    expect(readdirSync(root)).toEqual(['x']);
  });

  it('a failure before the first bundle leaves no directory at all', async () => {
    const dir = join(root, 'first');
    await expect(writeBundle(dir, [{ name: 'a/../../../escape\u0000', data: 'x' }])).rejects.toThrow();
    expect(readdirSync(root)).toEqual([]);
  });

  it('makes the next lazy file before awaiting this one, holding at most two made and unwritten', async () => {
    const dir = join(root, 'x');
    // Each lazy file settles only when the test says so; the log records what the writer did.
    const log: string[] = [];
    const settle = new Map<string, () => void>();
    const lazy = (name: string, byte: number): BundleFile => ({
      name,
      data: () => {
        log.push(`make ${name}`);
        return new Promise<Uint8Array>((resolve) => settle.set(name, () => resolve(new Uint8Array([byte]))));
      },
    });
    const writing = writeBundle(dir, [
      { name: 'a.txt', data: 'A' },
      lazy('1.png', 49),
      lazy('2.png', 50),
      lazy('3.png', 51),
    ]);
    const turn = () => new Promise<void>((done) => setImmediate(done));
    for (let i = 0; i < 5; i++) await turn();
    // a.txt is written; 1.png is awaited and 2.png was made ahead of it; 3.png not yet.
    expect(log).toEqual(['make 1.png', 'make 2.png']);
    // 2.png settles first: still nothing more is made until 1.png is written.
    settle.get('2.png')?.();
    for (let i = 0; i < 5; i++) await turn();
    expect(log).toEqual(['make 1.png', 'make 2.png']);
    settle.get('1.png')?.();
    for (let i = 0; i < 5; i++) await turn();
    expect(log).toEqual(['make 1.png', 'make 2.png', 'make 3.png']);
    settle.get('3.png')?.();
    await writing;
    expect(read(dir)).toEqual({ 'a.txt': 'A', '1.png': '1', '2.png': '2', '3.png': '3' });
  });

  it('a lazy file that fails fails the write; one made ahead and abandoned is not reported unhandled', async () => {
    const dir = join(root, 'x');
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(
        writeBundle(dir, [
          { name: 'a.png', data: () => Promise.reject(new Error('encoder failed')) },
          { name: 'b.png', data: () => Promise.reject(new Error('made ahead, never awaited')) },
        ]),
      ).rejects.toThrow('encoder failed');
      await expect(
        writeBundle(dir, [
          {
            name: 'c.png',
            data: () => {
              throw new Error('drawing failed');
            },
          },
        ]),
      ).rejects.toThrow('drawing failed');
      await new Promise<void>((done) => setTimeout(done, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(readdirSync(root)).toEqual([]);
  });

  it('an unrelated file in the parent directory is left alone', async () => {
    writeFileSync(join(root, 'keep.txt'), 'k');
    await writeBundle(join(root, 'x'), [{ name: 'a', data: 'a' }]);
    expect(readdirSync(root).sort()).toEqual(['keep.txt', 'x']);
  });
});

describe('writeBundle never replaces what lamsim did not write', () => {
  it('a folder holding other files is refused, untouched; --force replaces it', async () => {
    const docs = join(root, 'mydocs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'notes.txt'), 'mine');
    await expect(writeBundle(docs, [{ name: 'summary.json', data: '{}' }])).rejects.toThrow(
      OutputRefusedError,
    );
    expect(readdirSync(docs)).toEqual(['notes.txt']);
    expect(readdirSync(root)).toEqual(['mydocs']);
    await writeBundle(docs, [{ name: 'summary.json', data: '{}' }], { force: true });
    expect(read(docs)).toEqual({ 'summary.json': '{}' });
  });

  it('a file is never turned into a folder, even with force', async () => {
    const file = join(root, 'afile.txt');
    writeFileSync(file, 'text');
    for (const force of [false, true]) {
      await expect(writeBundle(file, [{ name: 'a', data: 'a' }], { force })).rejects.toThrow(
        /is a file, not a folder/,
      );
      expect(readFileSync(file, 'utf8')).toBe('text');
    }
    expect(readdirSync(root)).toEqual(['afile.txt']);
  });

  it('a symbolic link is refused (its target is left alone)', async () => {
    const target = join(root, 'target');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'k');
    symlinkSync(target, join(root, 'link'));
    await expect(writeBundle(join(root, 'link'), [{ name: 'a', data: 'a' }])).rejects.toThrow(
      /symbolic link/,
    );
    expect(readdirSync(target)).toEqual(['keep']);
  });

  it('an empty folder, and an unmarked bundle of an earlier lamsim, are replaced', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await writeBundle(empty, [{ name: 'a', data: 'a' }]);
    expect(read(empty)).toEqual({ a: 'a' });
    const legacy = join(root, 'legacy');
    mkdirSync(join(legacy, 'tune'), { recursive: true });
    writeFileSync(join(legacy, 'summary.json'), '{"lamsim":{}}');
    writeFileSync(join(legacy, 'report.md'), '#');
    writeFileSync(join(legacy, 'api-latency.png'), 'png');
    writeFileSync(join(legacy, 'tune', 'tune.json'), '{}');
    await writeBundle(legacy, [{ name: 'summary.json', data: 'new' }]);
    expect(read(legacy)).toEqual({ 'summary.json': 'new', 'tune/tune.json': '{}' });
  });

  it('a run after tune and plan keeps their bundles (tune/ and plan/ are bundles of their own)', async () => {
    const dir = join(root, 'reports', 'api');
    // tune first: reports/api/ does not exist yet, so it holds only the tune bundle.
    await writeBundle(join(dir, 'tune'), [{ name: 'tune.json', data: 'T' }], { kind: 'tune' });
    await writeBundle(dir, [{ name: 'summary.json', data: 'R1' }]);
    await writeBundle(join(dir, 'plan'), [{ name: 'plan.json', data: 'P' }], { kind: 'plan' });
    await writeBundle(dir, [{ name: 'summary.json', data: 'R2' }]);
    expect(read(dir)).toEqual({ 'summary.json': 'R2', 'tune/tune.json': 'T', 'plan/plan.json': 'P' });
    expect(readdirSync(join(root, 'reports'))).toEqual(['api']);
    expect(readdirSync(dir).sort()).toEqual([BUNDLE_MARKER, 'plan', 'summary.json', 'tune']);
  });
});

describe('leftovers, concurrent writers and signals', () => {
  it("finishes or undoes what a killed writer left, and leaves a live writer's copy alone", async () => {
    const dir = join(root, 'x');
    const dead = deadPid();
    // Killed while writing: an incomplete copy. Killed between its renames: the previous bundle
    // displaced and no bundle in place. A live writer (our parent process) is still writing.
    mkdirSync(join(root, `.x.tmp-${dead}-aa`));
    writeFileSync(join(root, `.x.tmp-${dead}-aa`, 'half.txt'), 'half');
    mkdirSync(join(root, `.x.old-${dead}-bb`));
    writeFileSync(join(root, `.x.old-${dead}-bb`, 'a.txt'), 'previous');
    writeFileSync(join(root, `.x.old-${dead}-bb`, BUNDLE_MARKER), 'lamsim');
    const live = `.x.tmp-${process.ppid}-cc`;
    mkdirSync(join(root, live));
    // This write fails (a file where a directory is needed), so what remains is the tidied state.
    await expect(
      writeBundle(dir, [
        { name: 'f', data: 'file' },
        { name: 'f/g', data: 'under a file' },
      ]),
    ).rejects.toThrow();
    // The failed write never reached the swap, so nothing was tidied yet; a good one tidies.
    await writeBundle(join(root, 'other'), [{ name: 'o', data: 'o' }]);
    await writeBundle(dir, [{ name: 'b.txt', data: 'new' }]);
    expect(readdirSync(root).sort()).toEqual([live, 'other', 'x']);
    expect(read(dir)).toEqual({ 'b.txt': 'new' });
  });

  it('a complete copy a killed writer left is swapped in (roll forward), keeping nested bundles', async () => {
    const dir = join(root, 'x');
    await writeBundle(dir, [{ name: 'a.txt', data: 'first' }]);
    await writeBundle(join(dir, 'tune'), [{ name: 'tune.json', data: 'T' }], { kind: 'tune' });
    const fresh = join(root, `.x.new-${deadPid()}-dd`);
    mkdirSync(fresh);
    writeFileSync(join(fresh, 'a.txt'), 'second');
    writeFileSync(join(fresh, BUNDLE_MARKER), 'lamsim');
    await writeBundle(join(root, 'y'), [{ name: 'y', data: 'y' }]);
    expect(existsSync(fresh)).toBe(true); // another bundle's write does not touch x's leftovers
    await writeBundle(dir, [{ name: 'a.txt', data: 'third' }]);
    expect(read(dir)).toEqual({ 'a.txt': 'third', 'tune/tune.json': 'T' });
    expect(readdirSync(root).sort()).toEqual(['x', 'y']);
  });

  it('concurrent writers to one folder: every write completes, the result is one whole bundle', async () => {
    const dir = join(root, 'x');
    const bundle = (n: number): BundleFile[] =>
      Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.txt`, data: `${n}` }));
    await Promise.all(Array.from({ length: 6 }, (_, n) => writeBundle(dir, bundle(n))));
    const files = read(dir);
    expect(Object.keys(files)).toHaveLength(20);
    expect(new Set(Object.values(files)).size).toBe(1);
    expect(readdirSync(root)).toEqual(['x']);
  });

  it('SIGINT while writing removes the temporary copy and keeps the previous bundle', async () => {
    const dir = join(root, 'x');
    await writeBundle(dir, [{ name: 'a.txt', data: 'previous' }]);
    const script = join(root, 'writer.mts');
    const src = new URL('../../src/io/writeBundle.ts', import.meta.url).pathname;
    writeFileSync(
      script,
      `import { writeBundle } from ${JSON.stringify(src)};
       const slow = () => { const until = Date.now() + 50; while (Date.now() < until); return new Uint8Array(1); };
       const files = function* () {
         for (let i = 0; i < 400; i++) {
           if (i === 3) process.stdout.write('writing\\n');
           yield { name: 'f' + i + '.png', data: slow };
         }
       };
       await writeBundle(${JSON.stringify(dir)}, files());
       process.stdout.write('finished\\n');`,
    );
    const child = spawn(process.execPath, ['--import', TSX_LOADER, script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += String(chunk);
    });
    const exited = new Promise<string>((done) =>
      child.on('exit', (code, signal) => done(`${signal ?? code}`)),
    );
    await new Promise<void>((done) => {
      child.on('exit', () => done());
      child.stdout.on('data', (chunk) => {
        out += String(chunk);
        if (out.includes('writing')) done();
      });
    });
    child.kill('SIGINT');
    expect(await exited, err + out).toBe('130');
    expect(out).not.toContain('finished');
    expect(readdirSync(root).sort()).toEqual(['writer.mts', 'x']);
    expect(read(dir)).toEqual({ 'a.txt': 'previous' });
  });
  it("SIGINT while waiting for another writer's lock ends the write at once, the previous bundle kept", async () => {
    const dir = join(root, 'x');
    await writeBundle(dir, [{ name: 'a.txt', data: 'previous' }]);
    // Another writer holds the bundle's lock (as writeBundle takes it) for the whole test.
    const { lock } = await import('proper-lockfile');
    const release = await lock(dir, { realpath: false, lockfilePath: join(root, '.x.lock') });
    try {
      const script = join(root, 'writer.mts');
      const src = new URL('../../src/io/writeBundle.ts', import.meta.url).pathname;
      writeFileSync(
        script,
        `import { writeBundle } from ${JSON.stringify(src)};
         await writeBundle(${JSON.stringify(dir)}, [{ name: 'b.txt', data: 'new' }]);
         process.stdout.write('finished\\n');`,
      );
      const child = spawn(process.execPath, ['--import', TSX_LOADER, script], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += String(chunk);
      });
      const exited = new Promise<string>((done) =>
        child.on('exit', (code, signal) => done(`${signal ?? code}`)),
      );
      // The child's copy is complete (its marker written): it is at the lock, waiting.
      const copyDone = () =>
        readdirSync(root).some((e) => e.startsWith('.x.tmp-') && existsSync(join(root, e, BUNDLE_MARKER)));
      for (let i = 0; i < 600 && !copyDone(); i++) await new Promise((done) => setTimeout(done, 50));
      expect(copyDone()).toBe(true);
      await new Promise((done) => setTimeout(done, 300)); // a few attempts at the lock
      const signalledAt = Date.now();
      child.kill('SIGINT');
      expect(await exited).toBe('130');
      // Within a moment, not after the ~45 s of attempts a held lock allows.
      expect(Date.now() - signalledAt).toBeLessThan(5_000);
      expect(out).not.toContain('finished');
      expect(readdirSync(root).sort()).toEqual(['.x.lock', 'writer.mts', 'x']);
      expect(read(dir)).toEqual({ 'a.txt': 'previous' });
    } finally {
      await release();
    }
  }, 60_000);
});
