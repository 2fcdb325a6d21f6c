/** Names: at least one function; unique across functions and resources; `internet` is reserved; traffic names unique. */
import type { Rule } from './rule.ts';

export const nameRules: Rule = (draft, report) => {
  if (draft.functionNames.length === 0) {
    report.error(
      ['functions'],
      'at least one function is required, e.g. functions: { api: { runtime: nodejs22.x } }',
    );
  }
  const functionNames = new Set(draft.functionNames.map((f) => f.name));
  for (const r of draft.resourceNames) {
    if (functionNames.has(r.name)) {
      report.error(
        r.path,
        `'${r.name}' names both a function and a resource: names must be unique across functions and resources`,
        'key',
      );
    }
    if (r.name === 'internet') {
      report.error(
        r.path,
        "'internet' is reserved for calls to the public internet: give the resource another name",
        'key',
      );
    }
  }
  const seen = new Map<string, string>();
  for (const t of draft.traffic) {
    if (!t.nameWritten || t.bad.has('name')) continue;
    const first = seen.get(t.value.name);
    if (first !== undefined) {
      report.error(
        [...t.path, 'name'],
        `traffic name '${t.value.name}' is already used by ${first}: names must be unique`,
      );
    } else {
      seen.set(t.value.name, t.path.length > 1 ? `traffic[${t.path[1]}]` : 'traffic');
    }
  }
};
