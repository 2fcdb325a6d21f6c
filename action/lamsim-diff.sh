#!/usr/bin/env bash
# The shell of the lamsim GitHub Action (action.yml), runnable anywhere: runs `lamsim diff` of
# LAMSIM_SCENARIO against LAMSIM_BASE_REF, writes the report to LAMSIM_OUT, posts or updates one
# pull-request comment (action/comment.mjs) and exits with lamsim's code: 0 within budget, 3 a
# budget is broken (the comment is posted first), 1 or 2 when lamsim failed (no comment). A
# comment that cannot be posted is a ::warning::, never a failure of its own. A scenario that is
# not at the base (the pull request adds it) is run alone and the comment says so (exit 0).
#
# Environment:
#   LAMSIM               command that runs lamsim (default: node <this repo>/dist/cli/main.js)
#   LAMSIM_SCENARIO      scenario file (required)
#   LAMSIM_BASE_REF      git ref of the base (required); origin/<branch> is fetched when missing
#   LAMSIM_REPLICATIONS  runs per side (default 3)
#   LAMSIM_BUDGET        budget file (optional)
#   LAMSIM_OUT           report folder (default lamsim-diff)
#   LAMSIM_COMMENT       'false' to skip the comment (default true)
#   LAMSIM_PR_NUMBER     pull request number (no comment without it)
#   GITHUB_REPOSITORY, GITHUB_TOKEN, GITHUB_API_URL   as GitHub Actions sets them
#   GITHUB_OUTPUT        when set, gets exit-code=N
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scenario="${LAMSIM_SCENARIO:?LAMSIM_SCENARIO: name the scenario file}"
base_ref="${LAMSIM_BASE_REF:?LAMSIM_BASE_REF: name the base ref (e.g. origin/main)}"
replications="${LAMSIM_REPLICATIONS:-3}"
out="${LAMSIM_OUT:-lamsim-diff}"
read -r -a lamsim <<<"${LAMSIM:-node $here/../dist/cli/main.js}"

# A shallow checkout lacks the base branch: fetch it once.
if ! git rev-parse --verify --quiet "${base_ref}^{commit}" >/dev/null; then
  if [[ "$base_ref" == origin/* ]]; then
    branch="${base_ref#origin/}"
    echo "lamsim action: fetching $base_ref" >&2
    git fetch --no-tags --quiet origin "+refs/heads/${branch}:refs/remotes/origin/${branch}" || true
  fi
fi

args=(diff "$scenario" --base-ref "$base_ref" --replications "$replications" --format md --out "$out")
if [[ -n "${LAMSIM_BUDGET:-}" ]]; then args+=(--budget "$LAMSIM_BUDGET"); fi

body="$(mktemp)"
trap 'rm -f "$body"' EXIT
marker="<!-- lamsim-diff: ${scenario} -->"
printf '%s\n' "$marker" >"$body"
# A pull request that adds the scenario has no base to diff against: the comment shows the head
# alone (lamsim run's summary) and says so; the check fails only if that run fails.
new_scenario=false
if git rev-parse --verify --quiet "${base_ref}^{commit}" >/dev/null &&
  ! git cat-file -e "${base_ref}:./${scenario}" 2>/dev/null; then
  new_scenario=true
fi
set +e
if [[ $new_scenario == true ]]; then
  {
    printf '### lamsim diff: `%s` is new in this pull request\n\n' "$scenario"
    printf 'It does not exist at `%s`, so there is nothing to compare it with (and no budget is checked: a `+N%%` budget needs a base). The head alone, as `lamsim run` prints it:\n\n```\n' "$base_ref"
  } >>"$body"
  "${lamsim[@]}" run "$scenario" --no-charts --out "$out" >>"$body"
  code=$?
  printf '```\n' >>"$body"
else
  "${lamsim[@]}" "${args[@]}" >>"$body"
  code=$?
fi
set -e
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then echo "exit-code=$code" >>"$GITHUB_OUTPUT"; fi

if [[ $code -ne 0 && $code -ne 3 ]]; then
  echo "lamsim action: lamsim diff failed (exit $code); no comment posted" >&2
  exit "$code"
fi

if [[ "${LAMSIM_COMMENT:-true}" != "false" && -n "${LAMSIM_PR_NUMBER:-}" ]]; then
  # A comment that cannot be posted (a fork's read-only token: 403) is a warning: the check's
  # result follows the budgets alone.
  if ! node "$here/comment.mjs" "$body" "$marker"; then
    echo "::warning title=lamsim diff::the pull-request comment could not be posted (see the log above; a fork's token is read-only): the report is in $out/comment.md"
  fi
else
  echo "lamsim action: no pull request number (or comment: false): comment not posted" >&2
fi
if [[ $code -eq 3 ]]; then echo "lamsim action: a budget is broken (see the comment and $out/comment.md)" >&2; fi
exit "$code"
