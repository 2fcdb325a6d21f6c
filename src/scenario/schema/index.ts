/** The zod schema of the written scenario format and its parts (public to the scenario package). */
export { DIST_KINDS, distribution } from './distribution.ts';
export { call, lambdaFunction, model, vpc } from './function.ts';
export { choiceOf, SCHEMA_DOCS } from './registry.ts';
export {
  database,
  natGateway,
  RESOURCE_TYPES,
  rdsProxy,
  resource,
  vpcEndpoint,
} from './resource.ts';
export { scenarioSchema, type WrittenScenario } from './scenario.ts';
export { phase, TRACE_FORMATS, trace, traffic, trafficSource } from './traffic.ts';
