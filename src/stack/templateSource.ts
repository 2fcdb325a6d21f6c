/**
 * Template text (CloudFormation / SAM YAML or JSON, Serverless Framework YAML) -> plain data with
 * node positions. Pure: the caller reads the file.
 *
 * CloudFormation's short-form tags (`!Ref X`, `!GetAtt A.B`, `!Sub ...`, `!If [...]`, ...) become
 * their long form (`{ Ref: X }`, `{ 'Fn::GetAtt': 'A.B' }`, `{ 'Fn::Sub': ... }`), exactly what a
 * JSON template writes, so everything after this file sees one shape. JSON is read by the same YAML
 * parser (YAML 1.2 is a superset of JSON), which keeps line and column for every value.
 */
import type { Document, Node, Tags } from 'yaml';
import { Pair, Scalar, visit, YAMLMap } from 'yaml';
import type { Issue } from '../scenario/index.ts';
import { readYaml, type Source } from '../scenario/index.ts';

/** Short-form tag -> long-form key (AWS CloudFormation, "Intrinsic function reference"). */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  If: 'Fn::If',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
  ImportValue: 'Fn::ImportValue',
  GetAZs: 'Fn::GetAZs',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  Transform: 'Fn::Transform',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
  Contains: 'Fn::Contains',
  EachMemberEquals: 'Fn::EachMemberEquals',
  EachMemberIn: 'Fn::EachMemberIn',
  RefAll: 'Fn::RefAll',
  ValueOf: 'Fn::ValueOf',
  ValueOfAll: 'Fn::ValueOfAll',
};

/** Every short form parses as-is on a scalar, a list or a mapping; `prepare` rewrites it. */
const CFN_TAGS: Tags = Object.keys(SHORT_FORMS).flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: unknown) => value },
]) as Tags;

/** Replaces each tagged node by a one-key mapping `{ <long form>: node }`, positions kept on `node`. */
function longForms(doc: Document): void {
  visit(doc, {
    Node(_, node) {
      const tag = (node as Node).tag;
      if (tag === undefined || !tag.startsWith('!')) return undefined;
      const long = SHORT_FORMS[tag.slice(1)];
      if (long === undefined) return undefined;
      (node as Node).tag = undefined;
      const map = new YAMLMap(doc.schema);
      map.items.push(new Pair(new Scalar(long), node));
      const range = (node as Node).range;
      if (range) map.range = [range[0], range[1], range[2]]; // errors point at the value, not its key
      return map;
    },
  });
}

export function readTemplate(text: string, fileName: string): { source: Source; issues: Issue[] } {
  return readYaml(text, fileName, { customTags: CFN_TAGS, prepare: longForms });
}
