/**
 * AWS Region ids lamsim accepts, with the legacy account-level burst limit used by
 * `account.scaling: account-burst-legacy`.
 *
 * Burst limits: AWS Lambda developer guide, `invocation-scaling.md` (2022, awsdocs/aws-lambda-developer-guide,
 * retired 2023-10-31) and the AWS News blog of Nov 2023: 3000 in us-east-1, us-west-2 and eu-west-1;
 * 1000 in ap-northeast-1, eu-central-1 and us-east-2; 500 in every other Region.
 * Region ids: AWS General Reference "Regions and endpoints" (commercial, GovCloud and China), 2026-11.
 */

export const DEFAULT_REGION = 'us-east-1';

export const KNOWN_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
  'sa-east-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'cn-north-1',
  'cn-northwest-1',
] as const;

const BURST_3000: readonly string[] = ['us-east-1', 'us-west-2', 'eu-west-1'];
const BURST_1000: readonly string[] = ['ap-northeast-1', 'eu-central-1', 'us-east-2'];

/** Initial account burst (environments) under the pre-Nov-2023 scaling rules. */
export function legacyBurstLimit(region: string): number {
  if (BURST_3000.includes(region)) return 3000;
  if (BURST_1000.includes(region)) return 1000;
  return 500;
}
