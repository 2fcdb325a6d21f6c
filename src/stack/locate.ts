/**
 * Issues found in an imported scenario, placed where the user can fix them: a key the scenario file
 * writes stays in the scenario; a key that came from a template points at the template line that set
 * it (the deepest recorded prefix of the issue's path), keeping the scenario key path in the message.
 */
import type { Issue, Path } from '../scenario/index.ts';
import type { ImportedScenario } from './assemble.ts';

/** Written path text (`functions.F.events[0].sqs`) -> path segments. */
export function parsePathText(text: string): Path {
  const out: (string | number)[] = [];
  for (const part of text.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    out.push(part.startsWith('[') ? Number(part.slice(1, -1)) : part);
  }
  return out;
}

export function templateOrigin(
  imported: ImportedScenario,
  path: Path,
): { file: string; line: number; col: number } | undefined {
  for (let n = path.length; n > 0; n--) {
    const where = imported.origins.get(JSON.stringify(path.slice(0, n)));
    if (where) return where;
  }
  return undefined;
}

/** Moves an issue positioned in `generatedFile` to the template line its path came from. */
export function locateInTemplates(issue: Issue, imported: ImportedScenario, generatedFile: string): Issue {
  if (issue.file !== generatedFile) return issue;
  const where = templateOrigin(imported, parsePathText(issue.path));
  return where ? { ...issue, ...where } : issue;
}
