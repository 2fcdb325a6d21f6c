/** Bad and partial templates: every problem at once, each at FILE:LINE:COL with a key path. */
import { describe, expect, it } from 'vitest';
import { importStack } from '../../src/stack/index.ts';
import { importErrors, imported } from './helpers.ts';

describe('bad templates', () => {
  it('a YAML syntax error points at its line', () => {
    const errors = importErrors('Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n   Properties: [\n');
    expect(errors[0]).toMatch(/^template\.yaml:4:\d+: YAML syntax error/);
  });

  it('a setting that depends on a parameter without a Default names the parameter to pass', () => {
    const text = `Parameters:
  Memory: { Type: Number }
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      MemorySize: !Ref Memory
      Timeout: !Ref Missing
`;
    const errors = importErrors(text);
    expect(errors).toEqual([
      'template.yaml:8:24 Resources.Fn.Properties.MemorySize: lamsim needs this value, but parameter Memory has no Default: pass --parameter Memory=VALUE',
      'template.yaml:9:21 Resources.Fn.Properties.Timeout: expected a number, got a reference to Missing (not a parameter of the template)',
    ]);
    const fixed = imported(text.replace('      Timeout: !Ref Missing\n', ''), { Memory: '512' });
    expect(fixed.scenario.functions[0].memoryMb).toBe(512);
  });

  it('a --parameter outside AllowedValues, or that no template declares, is an error', () => {
    const text = `Parameters:
  Stage: { Type: String, Default: dev, AllowedValues: [dev, prod] }
Resources:
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs22.x } }
`;
    expect(importErrors(text, { Stage: 'qa', Other: '1' })).toEqual([
      'template.yaml:1:1 Parameters: --parameter Other: no template declares a parameter Other',
      'template.yaml:2:10 Parameters.Stage: --parameter Stage=qa is not one of its AllowedValues: dev, prod',
    ]);
  });

  it('a file that is no template, and a template with no function, are errors', () => {
    expect(importErrors('name: not a template\n')[0]).toMatch(
      /^template\.yaml:1:1: no Resources section: expected a CloudFormation or SAM template/,
    );
    expect(importErrors('Resources:\n  Q: { Type: AWS::SQS::Queue }\n')).toEqual([
      'template.yaml:1:1: no Lambda functions in template.yaml: lamsim simulates functions (AWS::Lambda::Function, AWS::Serverless::Function, or serverless.yml functions)',
    ]);
  });

  it('reports the problems of several templates together, each in its own file', () => {
    const r = importStack([
      {
        fileName: 'a.yaml',
        text: 'Resources:\n  F: { Type: AWS::Lambda::Function, Properties: { MemorySize: lots } }\n',
      },
      { fileName: 'b.yaml', text: 'Resources: [\n' },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const files = r.error.filter((i) => i.severity === 'error').map((i) => i.file);
    expect(files).toEqual(['a.yaml', 'b.yaml']);
  });
});
