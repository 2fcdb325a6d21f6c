/**
 * YAML text -> plain data plus node positions (yaml `parseDocument` + `LineCounter`).
 *
 * Contract: never throws. Syntax errors come back as issues with positions. Linear in the size of
 * the document: duplicate keys are found with one set per mapping (the yaml library's own check,
 * `uniqueKeys`, compares every key with every earlier one: 40,000 keys took 24 s), and key lookups
 * go through one index per mapping. `position(path)` finds
 * the 1-based line and column of the node at a written key path; for a key that is not there it
 * returns the position of the nearest enclosing mapping (the key that names it, when it has one),
 * so a "missing key" issue points at its parent.
 */
import type { Document, Node, Pair, Tags } from 'yaml';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Issue, Path } from './issues.ts';

export interface Position {
  readonly line: number;
  readonly col: number;
  /** Set when the key was written in another file than the source's own (a scenario's `stack:` template). */
  readonly file?: string;
}

export interface Source {
  readonly fileName: string;
  /** The document as plain data (mappings are objects, lists arrays); undefined for an empty file. */
  readonly data: unknown;
  /** Where the node at `path` starts; `key` points at the mapping key instead of its value. */
  position(path: Path, target?: 'value' | 'key'): Position;
  /** Keys of the mapping at `path` in written order (plain objects reorder integer-like keys). */
  keysAt(path: Path): string[];
}

interface Found {
  /** Deepest node reached, and the pair key that names it (if it is a mapping value). */
  node: Node | null;
  key: Node | null;
  /** Whether the whole path was found. */
  complete: boolean;
}

/** For readers of other YAML dialects (CloudFormation's short-form tags): extra tags, and a rewrite of the document before it becomes data. */
export interface ReadYamlOptions {
  readonly customTags?: Tags;
  /** Rewrites the parsed document in place (called only when it parsed without errors). */
  readonly prepare?: (doc: Document) => void;
}

export function readYaml(
  text: string,
  fileName: string,
  options: ReadYamlOptions = {},
): { source: Source; issues: Issue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    strict: true,
    customTags: options.customTags,
  });
  if (doc.errors.length === 0) options.prepare?.(doc);
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, col };
  };
  const issues: Issue[] = [];
  for (const e of doc.errors) {
    issues.push({
      file: fileName,
      ...at(e.pos[0]),
      path: '',
      message: yamlMessage(e.code, e.message),
      severity: 'error',
    });
  }
  for (const w of doc.warnings) {
    issues.push({
      file: fileName,
      ...at(w.pos[0]),
      path: '',
      message: `YAML: ${w.message}`,
      severity: 'warning',
    });
  }
  if (doc.errors.length === 0) {
    visit(doc, {
      Map(_, map) {
        const seen = new Set<string>();
        for (const pair of map.items) {
          const key = keyText(pair as Pair);
          if (!seen.has(key)) {
            seen.add(key);
            continue;
          }
          const at_ = (pair.key as Node | null)?.range?.[0] ?? map.range?.[0] ?? 0;
          issues.push({
            file: fileName,
            ...at(at_),
            path: '',
            message: yamlMessage('DUPLICATE_KEY', ''),
            severity: 'error',
          });
        }
      },
      Alias(_, alias) {
        if (alias.resolve(doc) === undefined) {
          const message = `YAML: unknown alias *${alias.source}: define the anchor &${alias.source} before using it`;
          issues.push({ file: fileName, ...at(alias.range?.[0] ?? 0), path: '', message, severity: 'error' });
        }
      },
    });
  }
  let data: unknown;
  if (!issues.some((i) => i.severity === 'error')) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // toJS rejects alias bombs and similar resource exhaustion; report, do not crash.
      issues.push({
        file: fileName,
        line: 1,
        col: 1,
        path: '',
        message: `YAML: ${(e as Error).message}`,
        severity: 'error',
      });
    }
  }
  const find = (path: Path): Found => walk(doc, path);
  const source: Source = {
    fileName,
    data,
    position(path, target = 'value') {
      const found = find(path);
      if (found.complete) {
        if (target === 'key' && found.key?.range) return at(found.key.range[0]);
        if (found.node?.range && !isEmptyScalar(found.node)) return at(found.node.range[0]);
        if (found.key?.range) return at(found.key.range[0]);
      }
      // Missing: point at the enclosing mapping, by the key that names it when there is one.
      if (found.key?.range) return at(found.key.range[0]);
      if (found.node?.range) return at(found.node.range[0]);
      return { line: 1, col: 1 };
    },
    keysAt(path) {
      const found = find(path);
      const node = found.complete ? resolve(doc, found.node) : null;
      if (!isMap(node)) return [];
      return node.items.map((pair) => keyText(pair as Pair));
    },
  };
  return { source, issues };
}

function isEmptyScalar(node: Node): boolean {
  return (
    isScalar(node) &&
    node.value === null &&
    node.range !== undefined &&
    node.range !== null &&
    node.range[0] === node.range[1]
  );
}

function resolve(doc: Document, node: Node | null): Node | null {
  let current = node;
  for (let hops = 0; current && isAlias(current) && hops < 100; hops++) {
    current = (current.resolve(doc) as Node | undefined) ?? null;
  }
  return current;
}

function keyText(pair: Pair): string {
  const key = pair.key as unknown;
  if (isScalar(key)) return String(key.value);
  return String(key);
}

/** Each mapping's pairs by key text (the first of duplicates), built on first lookup. */
const pairIndex = new WeakMap<object, Map<string, Pair>>();

function pairOf(map: { items: unknown[] }, key: string): Pair | undefined {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items as Pair[]) {
      const text = keyText(pair);
      if (!index.has(text)) index.set(text, pair);
    }
    pairIndex.set(map, index);
  }
  return index.get(key);
}

function walk(doc: Document, path: Path): Found {
  let node: Node | null = (doc.contents as Node | null) ?? null;
  let key: Node | null = null;
  for (const segment of path) {
    const current = resolve(doc, node);
    if (isMap(current)) {
      const pair = pairOf(current, String(segment));
      if (!pair) return { node: current, key, complete: false };
      key = pair.key as Node;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(current) && typeof segment === 'number' && segment < current.items.length) {
      node = current.items[segment] as Node;
      key = null;
    } else {
      return { node: current, key, complete: false };
    }
  }
  return { node, key, complete: true };
}

function yamlMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear only once in a mapping';
  if (code === 'TAB_AS_INDENT') return 'YAML syntax error: tabs are not allowed for indentation; use spaces';
  if (code === 'MULTIPLE_DOCS')
    return 'YAML syntax error: a scenario file holds one document (remove the extra ---)';
  return `YAML syntax error: ${message.replace(/\s+/g, ' ').trim()}`;
}
