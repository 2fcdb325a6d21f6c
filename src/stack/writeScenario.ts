/**
 * An imported scenario -> YAML text with its comments (yaml's Document API). Pure.
 *
 * Layout: the header as comment lines above `lamsim: 1`; a comment on a scalar or a one-line
 * mapping goes at the end of its line, on a block mapping or list at the end of its key's line.
 * Small mappings (phases, VPC, distributions, event settings, redrive policies) are written on one
 * line, as the shipped scenarios write them.
 */
import { Document, isCollection, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ImportedScenario } from './assemble.ts';

const FLOW_KEYS = new Set(['vpc', 'query', 'redrivePolicy', 'destinations', 'autoScaling']);

export function writeImportedScenario(imported: ImportedScenario): string {
  const doc = new Document(imported.data);
  doc.commentBefore = imported.header.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
  flowSmallMappings(doc.contents as Node | null);
  for (const [pathJson, text] of imported.comments) {
    const path = JSON.parse(pathJson) as (string | number)[];
    const node = doc.getIn(path, true) as Node | undefined;
    if (node === undefined) continue;
    if (isScalar(node) || (isCollection(node) && node.flow)) {
      node.comment = ` ${text}`;
      continue;
    }
    const parent = doc.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    const pair = isMap(parent)
      ? (parent.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === last)
      : undefined;
    if (pair && isScalar(pair.key)) pair.key.comment = ` ${text}`;
    else node.comment = ` ${text}`;
  }
  return doc.toString({ lineWidth: 0 });
}

function flowSmallMappings(node: Node | null, key?: unknown, inEvents = false, inPhases = false): void {
  if (isMap(node)) {
    if ((typeof key === 'string' && FLOW_KEYS.has(key)) || inPhases) node.flow = true;
    for (const pair of node.items as Pair[]) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? pair.key.value : undefined;
      const value = pair.value as Node | null;
      if (inEvents && isMap(value)) {
        value.flow = true;
        continue;
      }
      flowSmallMappings(value, k, false, false);
    }
  } else if (isSeq(node)) {
    for (const item of node.items as Node[])
      flowSmallMappings(item, undefined, key === 'events', key === 'phases');
  }
}
