/**
 * Topics and buckets that deliver to queues and topics (`deliverTo`): an AWS::SNS::Subscription
 * with Protocol sqs, a bucket's QueueConfigurations / TopicConfigurations (on AWS::S3::Bucket, or
 * in the PutBucketNotificationConfiguration shape of CDK's Custom::S3BucketNotifications), and
 * placeholder traffic that enters where the deployed system's messages do: at the topic or bucket.
 * (The inline Topic Subscription and SAM's SqsSubscription: fixtures.test.ts, sam.test.ts.)
 * An HTTP API's service integration writing to a queue or stream (IntegrationSubtype
 * SQS-SendMessage, Kinesis-PutRecord) is the traffic into it, through the API; so is a REST API's
 * AWS integration on an `arn:aws:apigateway:REGION:sqs:path/...` or `:kinesis:action/PutRecord(s)`
 * URI (on an AWS::ApiGateway::Method or in an OpenAPI body).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/experiments/run.ts';
import { fixtureText, imported, resourceOf } from './helpers.ts';

describe('imported deliveries', () => {
  it('an SNS subscription of Protocol sqs; its FilterPolicy is noted, not modelled', () => {
    const r = imported(`
Resources:
  Topic: { Type: AWS::SNS::Topic }
  Queue: { Type: AWS::SQS::Queue }
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      Protocol: sqs
      TopicArn: !Ref Topic
      Endpoint: !GetAtt Queue.Arn
      FilterPolicy: { type: [order] }
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12 } }
  Map:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Fn, EventSourceArn: !GetAtt Queue.Arn }
`);
    expect(resourceOf(r.scenario, 'Topic')).toMatchObject({ type: 'sns-topic', deliverTo: ['Queue'] });
    expect(r.scenario.traffic.map((t) => t.target)).toEqual(['Topic']);
    expect(r.text).toMatch(
      /# assumption: messages published to Topic, delivered to Queue, read by Fn; replace the rate/,
    );
    expect(r.text).toMatch(
      /Topic: its FilterPolicy for Queue is not modelled: every notification is delivered to Queue; write the traffic of what matches it\./,
    );
  });

  it("a bucket's queue and topic configurations, and the topic's queue: traffic enters at the bucket", () => {
    const r = imported(`
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        QueueConfigurations: [{ Event: s3:ObjectCreated:*, Queue: !GetAtt Direct.Arn }]
        TopicConfigurations: [{ Event: s3:ObjectCreated:*, Topic: !Ref Created }]
  Created: { Type: AWS::SNS::Topic, Properties: { Subscription: [{ Protocol: sqs, Endpoint: !GetAtt Fanned.Arn }] } }
  Direct: { Type: AWS::SQS::Queue }
  Fanned: { Type: AWS::SQS::Queue }
  A: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12 } }
  B: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12 } }
  MapA: { Type: AWS::Lambda::EventSourceMapping, Properties: { FunctionName: !Ref A, EventSourceArn: !GetAtt Direct.Arn } }
  MapB: { Type: AWS::Lambda::EventSourceMapping, Properties: { FunctionName: !Ref B, EventSourceArn: !GetAtt Fanned.Arn } }
`);
    expect(resourceOf(r.scenario, 'Uploads')).toMatchObject({ deliverTo: ['Direct', 'Created'] });
    expect(resourceOf(r.scenario, 'Created')).toMatchObject({ deliverTo: ['Fanned'] });
    expect(r.scenario.traffic.map((t) => t.target)).toEqual(['Uploads']);
    expect(r.text).toMatch(
      /objects created in Uploads, delivered to Direct, read by A and objects created in Uploads, delivered to Created: messages published to Created, delivered to Fanned, read by B/,
    );
    expect(r.text).not.toMatch(/notifications are not modelled/);
  });

  it("CDK's Custom::S3BucketNotifications queue configuration (QueueArn)", () => {
    const r = imported(`
Resources:
  B: { Type: AWS::S3::Bucket }
  Q: { Type: AWS::SQS::Queue }
  Notifications:
    Type: Custom::S3BucketNotifications
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:handler
      BucketName: !Ref B
      NotificationConfiguration:
        QueueConfigurations: [{ Events: [s3:ObjectCreated:*], QueueArn: !GetAtt Q.Arn }]
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12 } }
  Map: { Type: AWS::Lambda::EventSourceMapping, Properties: { FunctionName: !Ref Fn, EventSourceArn: !GetAtt Q.Arn } }
`);
    expect(resourceOf(r.scenario, 'B')).toMatchObject({ deliverTo: ['Q'] });
    expect(r.scenario.traffic.map((t) => t.target)).toEqual(['B']);
  });
});

describe('HTTP API service integrations', () => {
  it('an SQS-SendMessage integration writes the queue through the API, and its reader is named', () => {
    const r = imported(`
Resources:
  Api: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: a, ProtocolType: HTTP } }
  Send:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationSubtype: SQS-SendMessage
      CredentialsArn: arn:aws:iam::123456789012:role/api
      PayloadFormatVersion: '1.0'
      RequestParameters: { QueueUrl: !Ref Queue, MessageBody: $request.body }
  Queue: { Type: AWS::SQS::Queue }
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12 } }
  Map: { Type: AWS::Lambda::EventSourceMapping, Properties: { FunctionName: !Ref Fn, EventSourceArn: !GetAtt Queue.Arn } }
`);
    expect(r.scenario.traffic.map((t) => `${t.target} ${t.via}`)).toEqual(['Queue api-gateway-http']);
    expect(r.text).toMatch(
      /# assumption: HTTP API integration Send \(SQS-SendMessage\) and messages into Queue, read by Fn; replace the rate/,
    );
  });

  it("an HttpApi DefinitionBody's Kinesis-PutRecord integration writes the stream", () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: '3.0.1'
        paths:
          /events:
            post:
              x-amazon-apigateway-integration:
                type: aws_proxy
                integrationSubtype: Kinesis-PutRecord
                payloadFormatVersion: '1.0'
                requestParameters: { StreamName: !Ref Stream, Data: $request.body, PartitionKey: $request.id }
  Stream: { Type: AWS::Kinesis::Stream, Properties: { ShardCount: 2 } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Events:
        S: { Type: Kinesis, Properties: { Stream: !GetAtt Stream.Arn, StartingPosition: LATEST } }
`);
    expect(r.scenario.traffic.map((t) => `${t.target} ${t.via}`)).toEqual(['Stream api-gateway-http']);
  });

  it("an inline body's SQS-SendMessage is simulated through the API, so no note says it is not billed", () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefinitionBody:
        openapi: '3.0.1'
        paths:
          /orders:
            post:
              x-amazon-apigateway-integration:
                type: aws_proxy
                integrationSubtype: SQS-SendMessage
                payloadFormatVersion: '1.0'
                requestParameters: { QueueUrl: !Ref Queue, MessageBody: $request.body }
  Queue: { Type: AWS::SQS::Queue }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Events:
        Q: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }
`);
    expect(r.scenario.traffic.map((t) => `${t.target} ${t.via}`)).toEqual(['Queue api-gateway-http']);
    expect(r.text).not.toMatch(/sends requests straight to/);
  });
});

/**
 * An AWS::ApiGateway::Method of type AWS on the root of the template's `Api`, calling `uri`;
 * `request` is the rest of its Integration (YAML lines indented by 8).
 */
const awsMethod = (id: string, httpMethod: string, uri: string, request: string) => `  ${id}:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: ${httpMethod}
      AuthorizationType: NONE
      Integration:
        Type: AWS
        IntegrationHttpMethod: POST
        Uri: ${uri}
${request}`;

describe('REST API service integrations', () => {
  it('a method on sqs:path/ACCOUNT/QUEUE (fixture apigw-rest-sqs-lambda): one REST API request billed per message', () => {
    const r = imported(fixtureText('apigw-rest-sqs-lambda', 'template.yaml'), {
      IOTEndpoint: 'x',
      IOTTopic: 't',
    });
    expect(r.scenario.traffic.map((t) => `${t.target} ${t.via}`)).toEqual(['MySqsQueue api-gateway-rest']);
    expect(r.text).toMatch(
      /# assumption: REST API method RootMethodGet \(SQS SendMessage\) and messages into MySqsQueue, read by iotpublish; replace the rate/,
    );
    expect(r.text).not.toMatch(/AWS::ApiGateway::Method: RootMethodGet/); // no longer "not modelled"
    const out = runScenario(r.scenario);
    const sent = (out.summary.resources.MySqsQueue as { sent: number }).sent;
    const rest = out.summary.cost.window.lines.find((l) => l.item.startsWith('REST API requests'));
    expect(sent).toBeGreaterThan(0);
    // API Gateway bills each REST request; each request sends one message.
    expect(rest?.quantity).toBe(sent);
  });

  it("a REST API body's aws integration (SendMessage by path) is traffic through the API, and no note says it is not billed", () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: '3.0.1'
        paths:
          /:
            post:
              x-amazon-apigateway-integration:
                type: aws
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:\${AWS::Region}:sqs:path/\${AWS::AccountId}/\${Queue.QueueName}
                requestTemplates: { application/json: Action=SendMessage&MessageBody=$input.body }
  Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: jobs } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Events: { Q: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } } }
`);
    expect(r.scenario.traffic.map((t) => `${t.target} ${t.via}`)).toEqual(['Queue api-gateway-rest']);
    expect(r.text).not.toMatch(/sends requests straight to/);
  });

  it('an SQS ReceiveMessage integration writes nothing: no API traffic into the queue', () => {
    const r = imported(`
Resources:
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Name: a } }
${awsMethod('Read', 'GET', `!Sub arn:aws:apigateway:\${AWS::Region}:sqs:path/\${AWS::AccountId}/\${Queue.QueueName}`, `        RequestParameters: { integration.request.querystring.Action: "'ReceiveMessage'" }`)}
  Queue: { Type: AWS::SQS::Queue }
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12 } }
  Map: { Type: AWS::Lambda::EventSourceMapping, Properties: { FunctionName: !Ref Fn, EventSourceArn: !GetAtt Queue.Arn } }
`);
    expect(r.scenario.traffic.map((t) => `${t.target} ${t.via ?? '-'}`)).toEqual(['Queue direct']);
  });

  it("Kinesis PutRecord / PutRecords by action (the apigw-kinesis-lambda pattern): the stream the request names at run time is the template's only one, said in a note", () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  KinesisStream: { Type: AWS::Kinesis::Stream, Properties: { ShardCount: 1 } }
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Name: a } }
${awsMethod(
  'recordMethodPost',
  'PUT',
  `!Sub 'arn:aws:apigateway:\${AWS::Region}:kinesis:action/PutRecord'`,
  `        RequestTemplates:
          application/json: '{ "StreamName": "$input.params(''stream-name'')", "Data": "$util.base64Encode($input.json(''$.Data''))" }'`,
)}
${awsMethod(
  'recordsMethodPost',
  'POST',
  `!Sub 'arn:aws:apigateway:\${AWS::Region}:kinesis:action/PutRecords'`,
  `        RequestTemplates:
          application/json: '{ "StreamName": "$input.params(''stream-name'')", "Records": [] }'`,
)}
  LambdaConsumer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.9
      Events:
        Stream: { Type: Kinesis, Properties: { Stream: !GetAtt KinesisStream.Arn, StartingPosition: LATEST, BatchSize: 100 } }
`);
    expect(r.scenario.traffic.map((t) => `${t.target} ${t.via}`)).toEqual(['KinesisStream api-gateway-rest']);
    expect(r.text).toMatch(
      /REST API method recordMethodPost \(Kinesis PutRecord\) and REST API method recordsMethodPost \(Kinesis PutRecords: one arrival is one request and one record\)/,
    );
    expect(r.text).toMatch(
      /REST API method recordMethodPost: its PutRecord requests name the stream at run time, not in the template: taken as KinesisStream, the template's only stream\./,
    );
  });

  it('an action integration whose QueueUrl names one of two queues writes that queue', () => {
    const r = imported(`
Resources:
  Api: { Type: AWS::ApiGateway::RestApi, Properties: { Name: a } }
${awsMethod('Send', 'POST', `arn:aws:apigateway:us-east-1:sqs:action/SendMessage`, `        RequestParameters: { integration.request.querystring.QueueUrl: !Sub "'\${Orders}'" }`)}
  Orders: { Type: AWS::SQS::Queue }
  Other: { Type: AWS::SQS::Queue }
  Fn: { Type: AWS::Lambda::Function, Properties: { Runtime: python3.12 } }
  Map: { Type: AWS::Lambda::EventSourceMapping, Properties: { FunctionName: !Ref Fn, EventSourceArn: !GetAtt Orders.Arn } }
`);
    expect(r.scenario.traffic.map((t) => `${t.target} ${t.via}`)).toEqual(['Orders api-gateway-rest']);
    expect(r.text).not.toMatch(/at run time/);
  });
});
