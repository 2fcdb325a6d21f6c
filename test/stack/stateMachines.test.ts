/**
 * A function a Step Functions state machine invokes is not "a function with no trigger": its
 * placeholder traffic (via: direct, lambda:invoke is a synchronous Invoke) says which state machine
 * invokes it, and the state machine is listed as not modelled and not billed.
 */
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/index.ts';
import { fixtureText, imported, trafficLine } from './helpers.ts';

const phasesComment = (text: string, name: string) =>
  new RegExp(`- target: ${name}\\n\\s+via: direct\\n\\s+phases: # (.*)`).exec(text)?.[1];

const STATE_MACHINE_NOT_BILLED =
  /AWS::StepFunctions::StateMachine \(not simulated, and its state transitions \(Standard\) or requests and duration \(Express\) are not billed; the functions it invokes get traffic\): Flow/;

describe('functions invoked by a Step Functions state machine', () => {
  it('SAM AWS::Serverless::StateMachine naming the function in DefinitionSubstitutions (serverless-patterns sfn-lambda)', () => {
    const r = imported(fixtureText('sfn-lambda', 'template.yaml'));
    expect(phasesComment(r.text, 'GenerateRefernceNumber')).toBe(
      'assumption: GenerateRefernceNumber is invoked by the Step Functions state machine StateMachineExpressSynctoLambda (a synchronous Invoke): write the rate of its executions that reach this task; replace the rate',
    );
    expect(r.text).not.toMatch(/has no trigger/);
    expect(r.text).toMatch(
      /AWS::Serverless::StateMachine \(not simulated, .* not billed.*\): StateMachineExpressSynctoLambda/,
    );
  });

  it('Task states of a Definition (lambda:invoke FunctionName) and of a JSON DefinitionString (a Lambda ARN Resource)', () => {
    const r = imported(`
Resources:
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
      Definition:
        StartAt: Fan
        States:
          Fan:
            Type: Parallel
            End: true
            Branches:
              - StartAt: Check
                States:
                  Check:
                    Type: Task
                    Resource: arn:aws:states:::lambda:invoke
                    Parameters:
                      FunctionName: !GetAtt Checker.Arn
                      Payload.$: $
                    End: true
  Legacy:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
      DefinitionString: !Sub '{"StartAt":"Go","States":{"Go":{"Type":"Task","Resource":"\${Worker.Arn}","End":true}}}'
  Checker:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.13, Handler: a.h, Role: arn:aws:iam::123456789012:role/f, Code: { ZipFile: x } }
  Worker:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.13, Handler: a.h, Role: arn:aws:iam::123456789012:role/f, Code: { ZipFile: x } }
  Idle:
    Type: AWS::Lambda::Function
    Properties: { Runtime: python3.13, Handler: a.h, Role: arn:aws:iam::123456789012:role/f, Code: { ZipFile: x } }
`);
    expect(phasesComment(r.text, 'Checker')).toMatch(
      /Checker is invoked by the Step Functions state machine Flow/,
    );
    expect(phasesComment(r.text, 'Worker')).toMatch(
      /Worker is invoked by the Step Functions state machine Legacy/,
    );
    expect(phasesComment(r.text, 'Idle')).toBe(
      'assumption: Idle has no trigger in the template; replace the rate',
    );
    expect(r.text).toMatch(STATE_MACHINE_NOT_BILLED);
  });

  it('serverless-step-functions state machines: Task Resources by Fn::GetAtt [functionKey, Arn], by logical ID in lambda:invoke, by the deployed ARN', () => {
    const r = imported(
      `
service: orders
provider: { name: aws, runtime: nodejs20.x }
functions:
  hello: { handler: handler.hello }
  charge-card: { handler: handler.charge }
  notify: { handler: handler.notify }
  unused: { handler: handler.unused }
stepFunctions:
  stateMachines:
    checkout:
      type: EXPRESS
      definition:
        StartAt: Hello
        States:
          Hello:
            Type: Task
            Resource:
              Fn::GetAtt: [hello, Arn]
            Next: Charge
          Charge:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters:
              FunctionName:
                Fn::GetAtt: [ChargeDashcardLambdaFunction, Arn]
              Payload.$: $
            Next: Notify
          Notify:
            Type: Task
            Resource: arn:aws:lambda:us-east-1:123456789012:function:\${self:service}-\${sls:stage}-notify
            End: true
plugins: [serverless-step-functions]
`,
      {},
      'serverless.yml',
    );
    for (const name of ['hello', 'charge-card', 'notify'])
      expect(phasesComment(r.text, name)).toBe(
        `assumption: ${name} is invoked by the Step Functions state machine checkout (a synchronous Invoke): write the rate of its executions that reach this task; replace the rate`,
      );
    expect(phasesComment(r.text, 'unused')).toBe(
      'assumption: unused has no trigger in the template; replace the rate',
    );
    expect(r.text).toMatch(
      /serverless-step-functions state machine \(not simulated, .* not billed.*\): checkout/,
    );
    // The placeholder points at the state machine (line 12 of the text: its `type: EXPRESS`).
    expect(trafficLine(r, 'hello')).toBe(12);
  });

  it('a serverless-step-functions state machine without a definition: one warning at it, and its functions stay untriggered', () => {
    const r = imported(
      'service: s\nprovider: { name: aws, runtime: nodejs20.x }\nfunctions:\n  a: { handler: a.h }\nstepFunctions:\n  stateMachines:\n    flow: { name: my-flow }\n',
      {},
      'serverless.yml',
    );
    expect(r.warnings.map(formatIssue)).toEqual([
      'serverless.yml:7:11 stepFunctions.stateMachines.flow: warning: expected a state machine mapping with a definition (Amazon States Language): its functions are not known to be invoked',
    ]);
    expect(phasesComment(r.text, 'a')).toBe('assumption: a has no trigger in the template; replace the rate');
  });
});
