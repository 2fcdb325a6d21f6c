/**
 * What `calibrate --template` takes from the templates for the logged function: the front door its
 * logged invocations came through. A front door is a synchronous path in front of the function (an
 * HttpApi, Api, function URL or ALB event); an asynchronous source (an EventBridge rule) is not one,
 * and neither is a polled source (SQS, streams), so a function with only those is invoked `direct`.
 */
import { describe, expect, it } from 'vitest';
import { readStackForCalibration } from '../../src/calibrate/index.ts';
import { formatIssue } from '../../src/scenario/index.ts';

function viasOf(fileName: string, text: string): Map<string, string> {
  const read = readStackForCalibration([{ fileName, text }], new Map());
  if (!read.ok) expect.fail(read.error.map(formatIssue).join('\n'));
  return new Map([...read.value.frontDoors].map(([name, door]) => [name, door.via]));
}

const SAM_HEAD = `Transform: AWS::Serverless-2016-10-31
Resources:
  Q:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/
      MemorySize: 1024
      Events:
        Q:
          Type: SQS
          Properties:
            Queue: !GetAtt Q.Arn
        Rule:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [x] }
`;

describe('readStackForCalibration: the front door', () => {
  it('an EventBridge rule (asynchronous) is not a front door: an SQS + EventBridge function is direct', () => {
    expect(viasOf('template.yaml', SAM_HEAD).get('Fn')).toBeUndefined();
  });

  it('an HttpApi event is, whatever other events the function has', () => {
    const text = `${SAM_HEAD}        Http:
          Type: HttpApi
          Properties: { Path: /x, Method: get }
`;
    expect(viasOf('template.yaml', text).get('Fn')).toBe('api-gateway-http');
  });

  it('a Serverless function with sqs, stream, sns, s3, schedule and eventBridge events is direct', () => {
    const text = `service: orders
provider:
  name: aws
  runtime: python3.12
functions:
  api:
    handler: handler.api
    events:
      - httpApi: { path: /orders, method: post }
  worker:
    handler: handler.worker
    events:
      - sqs: { arn: !GetAtt Queue.Arn, batchSize: 10 }
      - schedule: rate(1 hour)
      - sns: alerts
      - eventBridge:
          pattern:
            source: [aws.ec2]
resources:
  Resources:
    Queue:
      Type: AWS::SQS::Queue
`;
    const vias = viasOf('serverless.yml', text);
    expect(vias.get('api')).toBe('api-gateway-http');
    expect(vias.get('worker')).toBeUndefined();
  });
});
