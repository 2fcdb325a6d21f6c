/**
 * Problems found in a scenario, and how they are printed.
 *
 * Contract: every issue names a file, a 1-based line and column, and a key path written as the user
 * wrote it (`functions.orders-api.memorySize`, `traffic[0].phases[1].duration`). Messages say what is
 * wrong and what is allowed. Issues are values; nothing here throws.
 */

import { excerpt } from './excerpt.ts';

export type Severity = 'error' | 'warning';

export interface Issue {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly col: number;
  /** Key path as written, e.g. `traffic[0].phases[1].duration`; '' for the document itself. */
  readonly path: string;
  readonly message: string;
  readonly severity: Severity;
}

/** A key path inside the written document: mapping keys and list indexes. */
export type Path = readonly (string | number)[];

/** `['traffic', 0, 'phases', 1, 'duration']` -> `traffic[0].phases[1].duration`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/**
 * `FILE:LINE:COL key.path: message`, or `FILE:LINE:COL key.path: warning: message`. One line of
 * printable text whatever the input: file, path and message have control characters escaped and
 * are cut to a readable length (a hostile key or value never reaches the terminal raw or whole).
 */
export function formatIssue(issue: Issue): string {
  const where = `${excerpt(issue.file, 200)}:${issue.line}:${issue.col}`;
  const label = issue.path === '' ? where : `${where} ${excerpt(issue.path, 200)}`;
  const severity = issue.severity === 'warning' ? 'warning: ' : '';
  return `${label}: ${severity}${excerpt(issue.message, 600)}`;
}

/**
 * Orders issues for display: the scenario file first, by position, then other files (traces, sample
 * files) by name and position. Stable, so issues at the same position keep their discovery order.
 */
export function sortIssues(issues: readonly Issue[], mainFile: string): Issue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => {
      const fa = a.issue.file === mainFile ? '' : a.issue.file;
      const fb = b.issue.file === mainFile ? '' : b.issue.file;
      if (fa !== fb) return fa < fb ? -1 : 1;
      return a.issue.line - b.issue.line || a.issue.col - b.issue.col || a.index - b.index;
    })
    .map((x) => x.issue);
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');
