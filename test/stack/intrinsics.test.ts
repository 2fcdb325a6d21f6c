// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's and the Serverless Framework's own ${...} syntax
/**
 * Intrinsic functions evaluated as CloudFormation documents them (User Guide, "Intrinsic function
 * reference"), on the short-form tags of a YAML template.
 */
import { describe, expect, it } from 'vitest';
import { Resolver } from '../../src/stack/intrinsics.ts';
import { pseudoParameters } from '../../src/stack/parameters.ts';
import { readTemplate } from '../../src/stack/templateSource.ts';
import { NO_VALUE, type Resolved, ResourceRef, Unknown } from '../../src/stack/values.ts';

function resolver(
  params: Record<string, Resolved> = {},
  extra: { mappings?: object; conditions?: object } = {},
) {
  const parameters = pseudoParameters('eu-west-1', 'shop');
  for (const [k, v] of Object.entries(params)) parameters.set(k, v);
  return new Resolver({
    parameters,
    mappings: (extra.mappings ?? {}) as Record<string, unknown>,
    conditions: (extra.conditions ?? {}) as Record<string, unknown>,
    resourceIds: new Set(['Queue', 'Fn']),
    region: 'eu-west-1',
  });
}

/** Parses a YAML value with short-form tags and resolves it. */
function value(yamlText: string, r = resolver()): Resolved {
  const { source, issues } = readTemplate(`v: ${yamlText}\n`, 't.yaml');
  expect(issues).toEqual([]);
  return r.resolve((source.data as { v: unknown }).v);
}

describe('short-form tags become the long form', () => {
  it('reads !Ref, !GetAtt and nested tags', () => {
    const { source } = readTemplate('a: !Join ["", [!Ref X, !GetAtt Y.Arn]]\n', 't.yaml');
    expect(source.data).toEqual({ a: { 'Fn::Join': ['', [{ Ref: 'X' }, { 'Fn::GetAtt': 'Y.Arn' }]] } });
  });
});

describe('intrinsic functions', () => {
  it('Sub replaces parameters, pseudo parameters, attributes and its own variables, and keeps ${!Literal}', () => {
    expect(value('!Sub "${AWS::StackName}-${Stage}-${!Keep}"', resolver({ Stage: 'prod' }))).toBe(
      'shop-prod-${Keep}',
    );
    expect(value('!Sub ["${A}/${B}", { A: x, B: !Ref Stage }]', resolver({ Stage: 'dev' }))).toBe('x/dev');
    const whole = value('!Sub "${Queue.Arn}"');
    expect(whole).toBeInstanceOf(ResourceRef);
    expect((whole as ResourceRef).logicalId).toBe('Queue');
  });

  it("Split takes apart the text AWS returns for a reference, when the template knows it (an alias's ARN)", () => {
    const r = new Resolver({
      parameters: pseudoParameters('eu-west-1', 'shop'),
      mappings: {},
      conditions: {},
      resourceIds: new Set(['Live']),
      region: 'eu-west-1',
      textOf: (ref) =>
        ref.logicalId === 'Live' ? 'arn:aws:lambda:eu-west-1:123456789012:function:orders:live' : undefined,
    });
    expect(value('!Select [6, !Split [":", !Ref Live]]', r)).toBe('orders');
    expect(value('!Select [5, !Split [":", !GetAtt Queue.Arn]]')).toBe('Queue');
  });

  it('Join, Select, Split, GetAZs and FindInMap', () => {
    expect(value('!Join [",", [a, b, c]]')).toBe('a,b,c');
    expect(value('!Select [1, !Split ["/", "a/b/c"]]')).toBe('b');
    expect(value('!Select [0, !GetAZs ""]')).toBe('eu-west-1a');
    const r = resolver({}, { mappings: { Sizes: { prod: { memory: 2048 } } } });
    expect(value('!FindInMap [Sizes, prod, memory]', r)).toBe(2048);
    expect(value('!FindInMap [Sizes, dev, memory]', r)).toBeInstanceOf(Unknown);
  });

  it('If, Equals, And, Or, Not and Condition, with AWS::NoValue removing the key', () => {
    const conditions = {
      IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
      Big: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'Size' }, 3] }] },
      Either: { 'Fn::Or': [{ 'Fn::Not': [{ Condition: 'IsProd' }] }, { Condition: 'Big' }] },
    };
    const r = resolver({ Stage: 'prod', Size: '3' }, { conditions });
    expect(r.condition('IsProd')).toBe(true);
    expect(r.condition('Big')).toBe(true); // '3' equals 3: parameters compare as strings
    expect(r.condition('Either')).toBe(true);
    expect(value('!If [IsProd, 1024, 128]', r)).toBe(1024);
    expect(r.resolve({ A: 1, B: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 2] } })).toEqual({ A: 1 });
    expect(r.resolve([1, { Ref: 'AWS::NoValue' }, 3])).toEqual([1, 3]);
    expect(value('!Ref AWS::NoValue')).toBe(NO_VALUE);
  });

  it('what only AWS knows stays Unknown and propagates through strings', () => {
    const r = resolver({ Missing: new Unknown('parameter Missing has no Default', 'Missing') });
    expect(value('!ImportValue shared-vpc')).toBeInstanceOf(Unknown);
    const sub = value('!Sub "x-${Missing}"', r);
    expect(sub).toBeInstanceOf(Unknown);
    expect((sub as Unknown).parameter).toBe('Missing');
    const cycle = resolver({}, { conditions: { A: { Condition: 'B' }, B: { Condition: 'A' } } });
    expect(cycle.condition('A')).toBeInstanceOf(Unknown);
  });
});
