/**
 * Which directories lamsim may replace with a report bundle (the output-directory rule).
 *
 * lamsim never deletes what it did not write. A bundle directory carries a marker file
 * (BUNDLE_MARKER); `--out DIR` replaces DIR only if it is missing, empty, marked, an unmarked
 * bundle of an older lamsim (only bundle-named files, one of its JSON files among them), or a
 * folder holding nothing but such bundles (`reports/<name>/` made by `tune` before any `run`).
 * Anything else is refused unless the user forces it, and some paths are refused even then:
 * a filesystem root, the home directory, the working directory and its ancestors.
 *
 * Nested bundles (a run's `tune/` and `plan/`) are their own bundles: replacing a bundle carries
 * them over (see writeBundle), so one command never deletes another's results.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, parse, relative, resolve } from 'node:path';

/** The marker file written into every bundle. */
export const BUNDLE_MARKER = '.lamsim-bundle';

/** The marker's text: what the folder is and what lamsim does with it. Deterministic. */
export function bundleMarkerText(kind: string): string {
  return (
    `lamsim ${kind} report bundle.\n` +
    'lamsim replaces this folder as a whole when asked to write here again (--out), keeping the\n' +
    'bundles nested inside it (tune/, plan/). It refuses to replace folders without this file.\n'
  );
}

/** Files an unmarked bundle of an earlier lamsim may hold (plus PNG charts). */
const LEGACY_FILES = new Set([
  'summary.json',
  'compare.json',
  'tune.json',
  'plan.json',
  'report.md',
  'report.html',
  'tune.md',
  'tune.html',
  'plan.md',
  'plan.html',
]);
const LEGACY_JSON = ['summary.json', 'compare.json', 'tune.json', 'plan.json'];

const kindOf = (path: string) => {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
};

/** A directory lamsim wrote: marked, or an unmarked bundle of an earlier lamsim. */
export function isBundleDir(dir: string): boolean {
  const st = kindOf(dir);
  if (!st?.isDirectory()) return false;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return false;
  }
  if (entries.includes(BUNDLE_MARKER)) return true;
  if (!LEGACY_JSON.some((name) => entries.includes(name))) return false;
  return entries.every((name) => {
    const path = resolve(dir, name);
    const entry = kindOf(path);
    if (entry?.isFile()) return LEGACY_FILES.has(name) || name.endsWith('.png');
    return entry?.isDirectory() === true && (name === 'tune' || name === 'plan') && isBundleDir(path);
  });
}

/** Child directories of `dir` that are bundles of their own (carried over when `dir` is replaced). */
export function nestedBundles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => isBundleDir(resolve(dir, name)));
  } catch {
    return [];
  }
}

/** Whether `a` is `b` or one of its ancestors. */
function isAncestorOrSelf(a: string, b: string): boolean {
  const rel = relative(a, b);
  return rel === '' || (!rel.startsWith('..') && !parse(rel).root);
}

/** Paths never replaced, even with --force. */
function protectedReason(dir: string, cwd: string): string | null {
  const abs = resolve(cwd, dir);
  if (parse(abs).root === abs) return 'is the root of the file system';
  if (isAncestorOrSelf(abs, resolve(cwd))) return 'is the current directory or one of its parents';
  const home = homedir();
  if (home && isAncestorOrSelf(abs, resolve(home))) return 'is your home directory or one of its parents';
  return null;
}

export interface OutputOptions {
  /** Replace a directory lamsim did not write (never a protected path). */
  readonly force?: boolean;
  /** Working directory paths are relative to (default: process.cwd()). */
  readonly cwd?: string;
  /**
   * The files and folders the command reads (its scenario, the sweep it collects, the partials it
   * merges): the bundle never replaces a folder that is one of them or holds one, even with force.
   */
  readonly inputs?: readonly string[];
}

/** `path` with its symbolic links resolved as far as it exists (so two spellings of one place compare equal). */
function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : resolve(canonical(parent), relative(parent, abs));
  }
}

/** The first input that replacing `dir` would delete (`dir` itself or a file or folder inside it). */
function inputInside(dir: string, inputs: readonly string[], cwd: string): string | undefined {
  const target = canonical(resolve(cwd, dir));
  return inputs.find((input) => isAncestorOrSelf(target, canonical(resolve(cwd, input))));
}

/**
 * Why `dir` may not receive a bundle, as one sentence starting with the path; null when it may.
 * Checked before simulating (fail fast) and again, under the lock, right before the swap.
 */
export function outputProblem(dir: string, options: OutputOptions = {}): string | null {
  const cwd = options.cwd ?? process.cwd();
  const guarded = protectedReason(dir, cwd);
  if (guarded) return `${dir} ${guarded}: lamsim writes a report bundle only into a folder of its own`;
  const input = inputInside(dir, options.inputs ?? [], cwd);
  if (input !== undefined) {
    return (
      `${dir} ${resolve(cwd, input) === resolve(cwd, dir) ? 'is' : 'holds'} this command's input ${input}: ` +
      'writing the bundle there would delete it; choose another --out'
    );
  }
  const st = kindOf(resolve(cwd, dir));
  if (st === undefined) {
    return parentProblem(dir, cwd);
  }
  if (st.isSymbolicLink()) {
    return options.force
      ? null
      : `${dir} is a symbolic link: lamsim would replace the link with a folder; choose another --out, or pass --force`;
  }
  if (!st.isDirectory()) {
    return `${dir} is a file, not a folder: choose another --out (lamsim never replaces a file with a folder)`;
  }
  if (options.force) return null;
  const abs = resolve(cwd, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch (error) {
    return `${dir} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): choose another --out`;
  }
  if (entries.length === 0 || isBundleDir(abs)) return null;
  if (entries.every((name) => isBundleDir(resolve(abs, name)))) return null;
  const shown = entries
    .filter((name) => name !== BUNDLE_MARKER)
    .slice(0, 3)
    .map((name) => JSON.stringify(name).slice(0, 40))
    .join(', ');
  return (
    `${dir} holds files lamsim did not write (${shown}${entries.length > 3 ? ', ...' : ''}): ` +
    'lamsim replaces only empty folders and its own report bundles; choose another --out, ' +
    'or pass --force to replace it'
  );
}

/** A missing target needs a parent that is (or can become) a folder. */
function parentProblem(dir: string, cwd: string): string | null {
  let parent = dirname(resolve(cwd, dir));
  for (;;) {
    const st = kindOf(parent);
    if (st !== undefined) {
      const isDir =
        st.isDirectory() ||
        (st.isSymbolicLink() && statSync(parent, { throwIfNoEntry: false })?.isDirectory());
      return isDir ? null : `${dir}: ${parent} is a file, not a folder: choose another --out`;
    }
    const up = dirname(parent);
    if (up === parent) return null;
    parent = up;
  }
}
