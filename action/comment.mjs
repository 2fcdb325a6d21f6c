// Posts or updates the one lamsim comment of a pull request (GitHub REST API, issue comments):
// lists the pull request's comments, updates the first one that starts with the marker, else
// creates one. Usage: node comment.mjs BODY_FILE MARKER. Environment: GITHUB_API_URL (default
// https://api.github.com), GITHUB_REPOSITORY (owner/name), GITHUB_TOKEN, LAMSIM_PR_NUMBER.
// API: https://docs.github.com/en/rest/issues/comments (list, create, update an issue comment).
import { readFileSync } from 'node:fs';

/** GitHub refuses comment bodies over 65,536 characters. */
const MAX_BODY = 65536;

const [bodyFile, marker] = process.argv.slice(2);
const api = (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
const repo = process.env.GITHUB_REPOSITORY;
const token = process.env.GITHUB_TOKEN;
const pr = process.env.LAMSIM_PR_NUMBER;
if (!bodyFile || !marker || !repo || !token || !/^\d+$/.test(pr ?? '')) {
  console.error('comment.mjs: needs BODY_FILE MARKER and GITHUB_REPOSITORY, GITHUB_TOKEN, LAMSIM_PR_NUMBER');
  process.exit(2);
}

let body = readFileSync(bodyFile, 'utf8');
if (body.length > MAX_BODY) {
  const note = '\n\n…(cut to fit a GitHub comment; the whole comment is comment.md in the report folder)\n';
  body = body.slice(0, MAX_BODY - note.length) + note;
}

async function call(method, path, payload) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${token}`,
      'X-GitHub-Api-Version': '2022-11-28',
      'User-Agent': 'lamsim-action',
      ...(payload ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(payload ? { body: JSON.stringify(payload) } : {}),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  }
  return response.json();
}

async function existingComment() {
  for (let page = 1; page <= 50; page++) {
    const comments = await call('GET', `/repos/${repo}/issues/${pr}/comments?per_page=100&page=${page}`);
    const mine = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(marker));
    if (mine) return mine;
    if (comments.length < 100) return undefined;
  }
  return undefined;
}

try {
  const mine = await existingComment();
  if (mine) {
    await call('PATCH', `/repos/${repo}/issues/comments/${mine.id}`, { body });
    console.error(`lamsim action: updated comment ${mine.id} on #${pr}`);
  } else {
    const created = await call('POST', `/repos/${repo}/issues/${pr}/comments`, { body });
    console.error(`lamsim action: posted comment ${created.id} on #${pr}`);
  }
} catch (error) {
  console.error(`lamsim action: the comment failed: ${error.message}`);
  process.exit(1);
}
