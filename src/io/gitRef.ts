/**
 * Reading files as they are at a git ref (`lamsim diff --base-ref REF`): `git show REF:./path`, run
 * in the folder of the file, so paths are relative to it as a scenario's references are. The only
 * place lamsim runs git. A ref that names no commit, or a folder outside a git repository, is a
 * GitRefError (bad input: exit 2); a path missing at the ref is `undefined`, like a missing file.
 */
import type * as childProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { decimalText } from '../decimalText.ts';
import { DEFAULT_MAX_FILE_BYTES, InputFileError } from './readInput.ts';

/** The ref or the repository cannot be used: the message says why (without a stack trace). */
export class GitRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitRefError';
  }
}

interface GitRun {
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * `node:child_process`, loaded on the first git command: every command that reads a scenario
 * imports this module (through loadScenario), and only `diff --base-ref` runs git. Loading it
 * (with `net`, `dgram` and their bindings) took ~1.3 ms of every `run`'s start.
 */
let childProcessModule: typeof childProcess | undefined;
const loadChildProcess = (): typeof childProcess =>
  (childProcessModule ??= createRequire(import.meta.url)('node:child_process') as typeof childProcess);

function git(args: readonly string[], cwd: string, maxBytes: number): GitRun {
  try {
    const stdout = loadChildProcess().execFileSync('git', args, {
      cwd,
      maxBuffer: maxBytes + 1,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { status?: number; stderr?: Buffer; stdout?: Buffer };
    if (e.code === 'ENOENT')
      throw new GitRefError('--base-ref needs git, and git is not installed (not on PATH)');
    if (e.code === 'ENOBUFS') {
      throw new InputFileError(
        `holds more than ${decimalText(maxBytes)} bytes (raise the limit with --max-file-size)`,
      );
    }
    return {
      status: e.status ?? 1,
      stdout: e.stdout ?? Buffer.alloc(0),
      stderr: String(e.stderr ?? e.message),
    };
  }
}

export interface RefReader {
  /** The ref as the user wrote it. */
  readonly ref: string;
  /** The commit it names (full hash). */
  readonly commit: string;
  /**
   * The text of `path` (absolute, or relative to the working directory) at the ref, or undefined
   * when the ref has no such file. Throws InputFileError for an entry that is not a file, or a
   * file over `maxBytes`.
   */
  read(path: string): string | undefined;
}

/**
 * A reader of files at `ref` in the repository holding `folder`. Throws GitRefError when `folder`
 * is not in a git repository or `ref` names no commit there.
 */
export function refReader(ref: string, folder: string, maxBytes = DEFAULT_MAX_FILE_BYTES): RefReader {
  if (ref.startsWith('-') || ref.trim() === '') {
    throw new GitRefError(`--base-ref: '${ref}' is not a git ref (e.g. origin/main, HEAD~1, a commit hash)`);
  }
  const inRepo = git(['rev-parse', '--is-inside-work-tree'], folder, 1 << 16);
  if (inRepo.status !== 0) {
    throw new GitRefError(`--base-ref ${ref}: ${folder} is not inside a git repository`);
  }
  const verified = git(
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`],
    folder,
    1 << 16,
  );
  if (verified.status !== 0) {
    throw new GitRefError(
      `--base-ref ${ref}: names no commit in the repository at ${folder} (fetch it first, e.g. git fetch origin ${ref.replace(/^origin\//, '')})`,
    );
  }
  const commit = verified.stdout.toString('utf8').trim();
  return {
    ref,
    commit,
    read(path: string): string | undefined {
      const absolute = resolve(path);
      const cwd = dirname(absolute);
      const rel = relative(cwd, absolute);
      const spec = `${commit}:./${rel}`;
      const type = git(['cat-file', '-t', spec], cwd, 1 << 16);
      if (type.status !== 0) return undefined;
      const kind = type.stdout.toString('utf8').trim();
      if (kind !== 'blob')
        throw new InputFileError(`is a ${kind === 'tree' ? 'folder' : kind} at ${ref}, not a file`);
      const shown = git(['cat-file', 'blob', spec], cwd, maxBytes);
      if (shown.status !== 0)
        throw new GitRefError(`git cannot read ${path} at ${ref}: ${shown.stderr.trim()}`);
      if (shown.stdout.length > maxBytes) {
        throw new InputFileError(
          `holds more than ${decimalText(maxBytes)} bytes (raise the limit with --max-file-size)`,
        );
      }
      return shown.stdout.toString('utf8');
    },
  };
}
