/**
 * What a scenario's arrival rate counts (peakRate in edits.ts: arrivals per second summed over
 * its traffic sources), named by what each source sends: requests to a function through a
 * synchronous front door, events through an asynchronous one (Invoke with InvocationType Event,
 * S3, SNS, EventBridge), messages into an SQS queue or an SNS topic, records into a Kinesis or
 * DynamoDB stream, objects into an S3 bucket. Sources of different kinds make `arrivals`. Only
 * the sources peakRate counts (phases, not traces) decide, unless there are none. Pure.
 */
import { isAsyncVia, type Scenario, type Traffic } from '../scenario/index.ts';

export type ArrivalUnit = 'requests' | 'events' | 'messages' | 'records' | 'objects' | 'arrivals';

/** What one traffic source sends. */
function unitOf(scenario: Scenario, t: Traffic): ArrivalUnit {
  if (t.targetKind === 'function') return isAsyncVia(t.via) ? 'events' : 'requests';
  switch (scenario.resources.find((r) => r.name === t.target)?.type) {
    case 'sqs-queue':
    case 'sns-topic':
      return 'messages';
    case 'kinesis-stream':
    case 'dynamodb-stream':
      return 'records';
    case 's3-bucket':
      return 'objects';
    default:
      return 'arrivals';
  }
}

export function arrivalUnit(scenario: Scenario): ArrivalUnit {
  const phased = scenario.traffic.filter((t) => t.arrivals.kind === 'phases');
  const units = new Set((phased.length > 0 ? phased : scenario.traffic).map((t) => unitOf(scenario, t)));
  const [only] = units;
  return units.size === 1 && only !== undefined ? only : 'arrivals';
}
