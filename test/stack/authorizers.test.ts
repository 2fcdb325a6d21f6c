/**
 * Lambda authorizers are invoked by API Gateway (on cache misses), not "functions nothing calls":
 * placeholder traffic through the API's front door, whose comment says what rate to write, and a
 * note with the result TTL and what the results leave out.
 */
import { describe, expect, it } from 'vitest';
import { fixtureText, imported } from './helpers.ts';

const fixture = fixtureText;

/** The written traffic entry targeting `name`, with its `phases` comment line. */
const trafficOf = (text: string, name: string) => {
  const m = new RegExp(`- target: ${name}\\n\\s+via: (\\S+)\\n\\s+phases: # (.*)`).exec(text);
  if (!m) expect.fail(`no traffic for ${name} in\n${text}`);
  return { via: m[1], comment: m[2] };
};

describe('Lambda authorizers', () => {
  it('CloudFormation AWS::ApiGateway::Authorizer (TOKEN): traffic through the REST API, TTL 300 s when not set', () => {
    const r = imported(fixture('apigw-authorizer', 'template.yaml'));
    expect(r.text).not.toMatch(/TokenAuthorizerFunction has no trigger/);
    expect(trafficOf(r.text, 'TokenAuthorizerFunction')).toEqual({
      via: 'api-gateway-rest',
      comment:
        "assumption: TokenAuthorizerFunction is the Lambda authorizer of API AppApi: write the API's request rate if its result TTL is 0, else roughly the distinct tokens per 300 s (the TTL); replace the rate",
    });
    expect(r.text).toContain(
      "TokenAuthorizerFunction: Lambda authorizer of API AppApi: API Gateway invokes it for requests to the methods it protects, on cache misses (result TTL 300 s when not set — CloudFormation AWS::ApiGateway::Authorizer AuthorizerResultTtlInSeconds). The latency of the API's functions in the results leaves the authorizer's time out.",
    );
    expect(r.text).not.toMatch(/AWS::ApiGateway::Authorizer: AuthorizersLambdaToken/);
  });

  it('SAM Auth.Authorizers of an AWS::Serverless::Api, with ReauthorizeEvery 0: the API request rate', () => {
    const r = imported(`
Transform: AWS::Serverless-2016-10-31
Resources:
  MyApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod
      Auth:
        DefaultAuthorizer: TokenAuth
        Authorizers:
          TokenAuth:
            FunctionArn: !GetAtt MyAuthFunction.Arn
            Identity: { ReauthorizeEvery: 0 }
  MyFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: x
      Events:
        GetRoot:
          Type: Api
          Properties: { RestApiId: !Ref MyApi, Path: /, Method: get }
  MyAuthFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: authorizer.handler
      InlineCode: x
`);
    expect(trafficOf(r.text, 'MyAuthFunction')).toEqual({
      via: 'api-gateway-rest',
      comment:
        "assumption: MyAuthFunction is the Lambda authorizer of API MyApi: write the API's request rate (result TTL 0 s: every request calls it); replace the rate",
    });
    expect(r.text).toMatch(/MyAuthFunction: Lambda authorizer of API MyApi: .*result TTL 0 s: caching off/);
  });

  it('a Serverless http event authorizer: names the function by its key', () => {
    const r = imported(fixture('sls-auth0-authorizer', 'serverless.yml'), {}, 'serverless.yml');
    expect(r.text).not.toMatch(/auth has no trigger/);
    expect(trafficOf(r.text, 'auth').via).toBe('api-gateway-rest');
    expect(r.text).toMatch(
      /auth: Lambda authorizer of API ApiGatewayRestApi: .*result TTL 300 s when not set — the Serverless Framework's authorizer resultTtlInSeconds/,
    );
  });
});
