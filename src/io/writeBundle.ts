/**
 * Writes a report bundle atomically and safely.
 *
 * - Every file goes to a temporary sibling `.NAME.tmp-<pid>-<random>` first, one file at a time
 *   (a lazy file, a PNG, is rendered just before it is written, so at most one is in memory).
 *   No other run uses or deletes that name while this process lives.
 * - The bundle gets its marker file (./bundleDir.ts) and then replaces the target under a lock
 *   (proper-lockfile on `.NAME.lock` beside it, and on the parent bundle's lock when the target
 *   sits inside one), after checking once more that the target may be replaced. Bundles nested
 *   in the previous one (a run's `tune/` and `plan/`) are moved into the new one first.
 * - The swap is rename-only: tmp -> `.NAME.new-*` (complete), previous -> `.NAME.old-*`, new ->
 *   NAME. Leftovers of a killed process (its pid no longer runs) are tidied by the next write:
 *   incomplete `tmp` copies are removed, a complete `new` one is swapped in (roll forward), and
 *   an `old` one goes, or comes back if the bundle itself is missing.
 * - SIGINT and SIGTERM during the write (waiting for another writer's lock included, up to the
 *   swap) remove the temporary copy, then end the process with 128 + the signal's number (130 for
 *   SIGINT), as a shell reports it.
 *
 * A failed or interrupted write leaves the previous bundle as it was.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { type BundleFile, bundleFileData } from '../report/index.ts';
import { present } from '../result.ts';
import { BUNDLE_MARKER, bundleMarkerText, isBundleDir, nestedBundles, outputProblem } from './bundleDir.ts';

export type { BundleFile } from '../report/index.ts';

/** The target may not receive a bundle (see outputProblem): the CLI maps this to exit code 2. */
export class OutputRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputRefusedError';
  }
}

export interface WriteBundleOptions {
  /** Bundle kind, written into the marker (`run`, `compare`, `tune`, `plan`). */
  readonly kind?: string;
  /** Replace a folder lamsim did not write (never a protected path; see outputProblem). */
  readonly force?: boolean;
  /** What the command read: never replaced, nor a folder holding one (see outputProblem). */
  readonly inputs?: readonly string[];
}

const LOCK_OPTIONS = {
  realpath: false,
  stale: 10_000,
  // Each attempt fails at once when the lock is held; lockUnlessInterrupted waits between them.
  retries: 0,
  // The lock is held for a few renames; losing it to a stale check is not worth a crash.
  onCompromised: () => {},
};

/**
 * Waits between attempts at a held lock: another run's swap takes milliseconds; wait up to about
 * half a minute for it (min(20 ms x 1.5^n, 2 s) before attempt n + 1, 31 attempts: ~45 s).
 */
const LOCK_RETRIES = { retries: 30, factor: 1.5, minTimeoutMs: 20, maxTimeoutMs: 2_000 };

/** A signal is looked for this often while waiting for a lock. */
const SIGNAL_CHECK_MS = 50;

type Lock = typeof import('proper-lockfile').lock;

/**
 * The lock on `path` (its release), waiting for another writer as LOCK_RETRIES says; null when a
 * signal arrives first (`interrupted`), looked for before each attempt and every SIGNAL_CHECK_MS
 * while waiting, so Ctrl-C ends a write that waits for another within a moment, not ~45 s later.
 * Throws proper-lockfile's ELOCKED once the attempts run out, and any other error at once.
 */
async function lockUnlessInterrupted(
  lock: Lock,
  path: string,
  interrupted: () => boolean,
): Promise<(() => Promise<void>) | null> {
  for (let attempt = 0; ; attempt++) {
    if (interrupted()) return null;
    try {
      return await lock(path, { ...LOCK_OPTIONS, lockfilePath: lockPathOf(path) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || attempt >= LOCK_RETRIES.retries) throw error;
    }
    const waitMs = Math.min(
      LOCK_RETRIES.minTimeoutMs * LOCK_RETRIES.factor ** attempt,
      LOCK_RETRIES.maxTimeoutMs,
    );
    const until = Date.now() + waitMs;
    while (!interrupted() && Date.now() < until) {
      await new Promise<void>((done) => setTimeout(done, Math.min(SIGNAL_CHECK_MS, until - Date.now())));
    }
  }
}

const LEFTOVER = /^\.(.+)\.(tmp|new|old)-(\d+)(?:-[0-9a-f]+)?$/;

/** Whether process `pid` still runs (a process we may not signal still runs). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves the bundles nested in `from` (not overwritten by `into`'s own files) into `into`. */
function carryNested(from: string, into: string): void {
  if (!existsSync(from)) return;
  for (const name of nestedBundles(from)) {
    if (!existsSync(join(into, name))) renameSync(join(from, name), join(into, name));
  }
}

/** Finishes or undoes what killed writers of `name` left in `parent` (called under the lock). */
function tidyLeftovers(parent: string, name: string, dir: string, id: string): void {
  const mine = readdirSync(parent).flatMap((entry) => {
    const m = LEFTOVER.exec(entry);
    return m !== null && m[1] === name && !isRunning(Number(m[3])) ? [{ entry, kind: m[2] }] : [];
  });
  const stage = (kind: string) => mine.filter((x) => x.kind === kind).map(({ entry }) => join(parent, entry));
  for (const tmp of stage('tmp')) rmSync(tmp, { recursive: true, force: true });
  for (const fresh of stage('new')) swapIn(fresh, dir, join(parent, `.${name}.old-${id}`));
  for (const old of stage('old')) {
    if (existsSync(dir)) rmSync(old, { recursive: true, force: true });
    else renameSync(old, dir);
  }
}

/** Puts the complete bundle `fresh` in place of `dir`, keeping `dir`'s nested bundles. */
function swapIn(fresh: string, dir: string, old: string): void {
  carryNested(dir, fresh);
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(fresh, dir);
  rmSync(old, { recursive: true, force: true });
}

/** Removes `path` and ends the process by `signal` if one arrives while `body` runs. */
async function cleanedOnSignal<T>(
  path: string,
  body: (interrupted: () => boolean) => Promise<T>,
): Promise<T> {
  let received: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    received = signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await body(() => received !== null);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (received !== null) {
      rmSync(path, { recursive: true, force: true });
      // 128 + the signal's number, as a shell reports a process the signal ended.
      process.exit(128 + (constants.signals[received] ?? 0));
    }
  }
}

const nextTurn = () => new Promise<void>((done) => setImmediate(done));

/** proper-lockfile, loaded when first asked for: commands that write nothing never load it. */
let lockModule: Promise<typeof import('proper-lockfile')> | null = null;
function lockfile(): Promise<typeof import('proper-lockfile')> {
  if (lockModule === null) {
    lockModule = import('proper-lockfile');
    lockModule.catch(() => {}); // a failed load is reported by the write that awaits it
  }
  return lockModule;
}

/**
 * Loads now what writeBundle loads before its swap (proper-lockfile: 15-20 ms to compile here),
 * for a caller with an idle core now and a bundle to write later (`lamsim tune` while its last
 * runs end). Only the time moves. Never throws: a module that cannot load fails the write.
 */
export function prepareBundleWriter(): void {
  void lockfile();
}

/**
 * A file's content as a promise that is never reported unhandled: a file made ahead and then
 * abandoned (the write failed or was interrupted first) may fail without anyone awaiting it.
 */
function made(file: BundleFile): Promise<string | Uint8Array> {
  let content: Promise<string | Uint8Array>;
  try {
    content = Promise.resolve(bundleFileData(file));
  } catch (error) {
    content = Promise.reject(error);
  }
  content.catch(() => {});
  return content;
}

/**
 * Writes `files` as the bundle `dir`. Throws OutputRefusedError when `dir` may not be replaced
 * (checked again right before the swap), and the file system's errors otherwise; either way
 * nothing of this write is left behind.
 */
export async function writeBundle(
  dir: string,
  files: Iterable<BundleFile>,
  options: WriteBundleOptions = {},
): Promise<void> {
  const target = resolve(dir);
  const parent = dirname(target);
  const name = basename(target);
  const early = outputProblem(dir, { force: options.force, inputs: options.inputs });
  if (early) throw new OutputRefusedError(early);
  mkdirSync(parent, { recursive: true });
  const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${name}.tmp-${id}`);
  await cleanedOnSignal(tmp, async (interrupted) => {
    try {
      mkdirSync(tmp);
      const list = [...files];
      // The next file is made before this one is awaited (a chart drawn while the previous one
      // encodes off the main thread); at most two made and not yet written.
      let next = list.length > 0 ? made(list[0]) : null;
      for (let i = 0; i < list.length; i++) {
        const current = present(next, 'the file made ahead');
        if (interrupted()) return;
        next = i + 1 < list.length ? made(list[i + 1]) : null;
        // Nothing left to make: the lock's module loads while the last file is made (a chart
        // encoding off this thread leaves it idle), unless prepareBundleWriter loaded it.
        if (next === null) void lockfile();
        const path = join(tmp, list[i].name);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, await current);
        await nextTurn(); // lets a signal in between two files
      }
      writeFileSync(join(tmp, BUNDLE_MARKER), bundleMarkerText(options.kind ?? 'run'));
      if (interrupted()) return;
      const releases: (() => Promise<void>)[] = [];
      const { lock } = await lockfile();
      try {
        // A bundle inside another (reports/<name>/tune) also holds the outer one's lock, so a
        // run swapping reports/<name>/ never moves it while this one swaps.
        for (const path of isBundleDir(parent) ? [parent, target] : [target]) {
          const release = await lockUnlessInterrupted(lock, path, interrupted);
          if (release === null) return;
          releases.push(release);
        }
        // The last moment a signal stops the write: the swap below runs to its end.
        if (interrupted()) return;
        tidyLeftovers(parent, name, target, id);
        const late = outputProblem(dir, { force: options.force, inputs: options.inputs });
        if (late) throw new OutputRefusedError(late);
        const fresh = join(parent, `.${name}.new-${id}`);
        renameSync(tmp, fresh);
        swapIn(fresh, target, join(parent, `.${name}.old-${id}`));
      } finally {
        for (const release of releases.reverse()) await release().catch(() => {});
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}

const lockPathOf = (path: string) => join(dirname(path), `.${basename(path)}.lock`);
