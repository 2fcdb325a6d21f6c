/**
 * The GitHub Action's shell (action/lamsim-diff.sh) run as the workflow runs it, against a local git
 * repository with two commits (base: memory 512 MB, head: 1024 MB) and a local HTTP server in place
 * of the GitHub API (the only mocked boundary): the first run posts one comment, the second updates
 * it; a broken budget exits 3 after commenting, a budget that holds exits 0; lamsim's own failure
 * (a bad ref) exits 2 and posts nothing.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TSX_LOADER } from '../experiments/cli.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'action/lamsim-diff.sh');
const MAIN = join(ROOT, 'src/cli/main.ts');

const scenario = (memoryMb: number) => `lamsim: 1
name: checkout
seed: 7
duration: 2m
traffic:
  target: api
  phases: [{ duration: 2m, arrivalRate: 20 }]
functions:
  api:
    runtime: nodejs22.x
    memorySize: ${memoryMb}
    model: { compute: { p50: 20ms, p99: 60ms } }
budgets:
  monthlyCostUsd: +0.1%
  p99: 2s
`;

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly auth: string | undefined;
  readonly body: string;
}

let repo: string;
let server: Server;
let apiUrl: string;
const requests: Recorded[] = [];
/** The comments the fake API holds, by id. */
const comments = new Map<number, string>();

const bodyOf = (req: IncomingMessage) =>
  new Promise<string>((done) => {
    let text = '';
    req.on('data', (c) => {
      text += String(c);
    });
    req.on('end', () => done(text));
  });

const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'lamsim-action-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  writeFileSync(join(repo, 'checkout.yaml'), scenario(512));
  git('add', '.');
  git('commit', '-q', '-m', 'base: 512 MB');
  git('checkout', '-q', '-b', 'feature');
  writeFileSync(join(repo, 'checkout.yaml'), scenario(1024));
  writeFileSync(join(repo, 'loose-budget.yaml'), 'budgets:\n  monthlyCostUsd: +50%\n  p99: 2s\n');
  writeFileSync(join(repo, 'fresh.yaml'), scenario(256).replace('name: checkout', 'name: fresh'));
  git('add', '.');
  git('commit', '-q', '-m', 'head: 1024 MB');

  server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    requests.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body });
    const json = (status: number, data: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/repos/acme/shop/issues/12/comments') {
      return json(200, [
        { id: 1, body: 'an unrelated comment' },
        ...[...comments].map(([id, b]) => ({ id, body: b })),
      ]);
    }
    if (req.method === 'POST' && url.pathname === '/repos/acme/shop/issues/12/comments') {
      const id = 100 + comments.size;
      comments.set(id, JSON.parse(body).body);
      return json(201, { id });
    }
    // Pull request 13: a fork's read-only token may read the comments, not post one.
    if (url.pathname === '/repos/acme/shop/issues/13/comments') {
      return req.method === 'GET'
        ? json(200, [])
        : json(403, { message: 'Resource not accessible by integration' });
    }
    const patch = url.pathname.match(/^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/);
    if (req.method === 'PATCH' && patch && comments.has(Number(patch[1]))) {
      comments.set(Number(patch[1]), JSON.parse(body).body);
      return json(200, { id: Number(patch[1]) });
    }
    json(404, { message: 'Not Found' });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
  if (repo) rmSync(repo, { recursive: true, force: true });
});

/** Runs the action's script asynchronously (the fake API answers from this process meanwhile). */
function runAction(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      'bash',
      [SCRIPT],
      {
        cwd: repo,
        env: {
          ...process.env,
          LAMSIM: `${process.execPath} --import ${TSX_LOADER} ${MAIN}`,
          LAMSIM_SCENARIO: 'checkout.yaml',
          LAMSIM_BASE_REF: 'main',
          LAMSIM_REPLICATIONS: '2',
          LAMSIM_PR_NUMBER: '12',
          GITHUB_REPOSITORY: 'acme/shop',
          GITHUB_TOKEN: 'test-token',
          GITHUB_API_URL: apiUrl,
          ...env,
        },
      },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the GitHub Action shell against a two-commit repository', () => {
  it('a broken relative cost budget: posts one comment, writes the report, exits 3', async () => {
    const r = await runAction({ GITHUB_OUTPUT: join(repo, 'github-output') });
    expect(r.stderr).toContain('budgets.monthlyCostUsd');
    expect(r.code).toBe(3);
    expect(readFileSync(join(repo, 'github-output'), 'utf8')).toBe('exit-code=3\n');
    const posts = requests.filter((q) => q.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].auth).toBe('Bearer test-token');
    const body = comments.get(100)!;
    expect(
      body.startsWith(
        '<!-- lamsim-diff: checkout.yaml -->\n### lamsim diff: `checkout.yaml at main` → `checkout.yaml`',
      ),
    ).toBe(true);
    expect(body).toContain('❌ **1 budget broken.');
    expect(body).toMatch(/\| \*\*budgets\.monthlyCostUsd\*\* \| .* \| \*\*BROKEN\*\* \|/);
    expect(body).toContain('<details>');
    expect(body).not.toMatch(/!\[/); // no images in the comment
    // The report folder: the same comment (without the marker) and the charts that changed.
    const written = readFileSync(join(repo, 'lamsim-diff/comment.md'), 'utf8');
    expect(body).toContain(written.split('\n')[0]);
    expect(JSON.parse(readFileSync(join(repo, 'lamsim-diff/diff.json'), 'utf8')).verdict.budgetsBroken).toBe(
      1,
    );
  });

  it('a second run updates the same comment; a budget file that holds exits 0', async () => {
    const before = requests.length;
    const r = await runAction({ LAMSIM_BUDGET: 'loose-budget.yaml' });
    expect(r.code).toBe(0);
    const mine = requests.slice(before);
    expect(mine.map((q) => q.method)).toEqual(['GET', 'PATCH']);
    expect(mine[1].url).toBe('/repos/acme/shop/issues/comments/100');
    expect(comments.size).toBe(1);
    expect(comments.get(100)).toContain('✅ **Every budget holds (2 checked).');
  });

  it("a comment that cannot be posted (403) is a warning: the check's result follows the budgets", async () => {
    const warning = /^::warning title=lamsim diff::the pull-request comment could not be posted/m;
    const holds = await runAction({
      LAMSIM_PR_NUMBER: '13',
      LAMSIM_BUDGET: 'loose-budget.yaml',
      GITHUB_OUTPUT: join(repo, 'github-output-13'),
    });
    expect(holds.code).toBe(0);
    expect(holds.stdout).toMatch(warning);
    expect(readFileSync(join(repo, 'github-output-13'), 'utf8')).toBe('exit-code=0\n');
    const broken = await runAction({ LAMSIM_PR_NUMBER: '13' });
    expect(broken.code).toBe(3);
    expect(broken.stdout).toMatch(warning);
  });

  it('a pull request that adds the scenario: the head alone in the comment, exit 0', async () => {
    const r = await runAction({
      LAMSIM_SCENARIO: 'fresh.yaml',
      LAMSIM_OUT: 'fresh-out',
      GITHUB_OUTPUT: join(repo, 'github-output-fresh'),
    });
    expect(r.stderr).not.toMatch(/cannot read the scenario/);
    expect(r.code).toBe(0);
    expect(readFileSync(join(repo, 'github-output-fresh'), 'utf8')).toBe('exit-code=0\n');
    const body = [...comments.values()].find((c) => c.startsWith('<!-- lamsim-diff: fresh.yaml -->'))!;
    expect(body).toContain('### lamsim diff: `fresh.yaml` is new in this pull request');
    expect(body).toContain('It does not exist at `main`');
    expect(body).toMatch(/```\nlamsim [\d.]+: fresh \(seed 7, window 2 min\)\n/);
    expect(readFileSync(join(repo, 'fresh-out/summary.json'), 'utf8')).toContain('"scenario": "fresh"');
  });

  it('a ref that names no commit: exit 2, nothing posted', async () => {
    const before = requests.length;
    const r = await runAction({ LAMSIM_BASE_REF: 'no-such-branch' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--base-ref no-such-branch: names no commit');
    expect(requests.length).toBe(before);
  });
});
