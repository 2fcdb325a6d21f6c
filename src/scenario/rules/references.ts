/**
 * References between elements: traffic targets (a function, queue, stream, bucket or topic), call
 * resources and functions, and proxy targets must name something, and something of the right kind
 * (a `via` other than direct on a queue, stream, bucket or topic target is a warning: it has no
 * effect, except an API Gateway's, whose service integration bills the API's requests);
 * `phase: init` is for fixed-latency calls only. Messages list the names that exist. Event sources: ./eventSourceMappings.ts;
 * destinations and dead-letter queues: ./destinations.ts.
 */
import { suggestion } from '../didYouMean.ts';
import { MESSAGING_TYPES, type MessagingType } from '../types.ts';
import { listNames, type Rule } from './rule.ts';

const isMessaging = (type: string | undefined): type is MessagingType =>
  type !== undefined && (MESSAGING_TYPES as readonly string[]).includes(type);

const DATABASES = new Set(['rds-postgres', 'rds-mysql', 'aurora-postgresql', 'aurora-mysql']);

/** Front doors that can write to a resource themselves (API Gateway service integrations). */
const API_GATEWAY_VIAS: ReadonlySet<string> = new Set(['api-gateway-rest', 'api-gateway-http']);

export const referenceRules: Rule = (draft, report) => {
  const functions = draft.functionNames.map((f) => f.name);
  const resources = draft.resourceNames.map((r) => r.name);
  const typeOf = new Map(draft.resourceNames.map((r) => [r.name, r.type]));

  const receivers = draft.resourceNames.filter((r) => isMessaging(r.type)).map((r) => r.name);
  for (const t of draft.traffic) {
    if (t.bad.has('target')) continue;
    const target = t.value.target;
    if (functions.includes(target)) continue;
    if (typeOf.has(target)) {
      const type = typeOf.get(target) ?? 'resource';
      if (isMessaging(type)) {
        // `via` says how a function is invoked; traffic into a queue, stream, bucket or topic is a
        // write to it, counted (and billed) once by the resource whatever `via` says. An API
        // Gateway in front of it is a service integration (an HTTP API's SQS-SendMessage or
        // Kinesis-PutRecord, a REST API's AWS integration): the API's requests are billed too.
        if (t.value.via !== 'direct' && !API_GATEWAY_VIAS.has(t.value.via) && !t.bad.has('via')) {
          report.warning(
            [...t.path, 'via'],
            `via applies to a function target; traffic into ${target} is a write to it and via has no effect (except api-gateway-rest or api-gateway-http: an API's service integration, whose requests are billed)`,
          );
        }
        continue;
      }
      const or =
        receivers.length > 0 ? `, or a queue, stream, bucket or topic (${listNames(receivers)})` : '';
      report.error(
        [...t.path, 'target'],
        `'${target}' is a ${type}, which cannot receive traffic: target a function (${listNames(functions)})${or}`,
      );
      continue;
    }
    report.error(
      [...t.path, 'target'],
      `'${target}' names no function or resource${suggestion(target, [...functions, ...resources])}; functions: ${listNames(functions)}; resources: ${listNames(resources)}`,
    );
  }

  for (const f of draft.functions) {
    if (f.bad.has('model.calls')) continue;
    f.value.model.calls.forEach((call, i) => {
      if (call.kind === 'function') {
        if (!functions.includes(call.function)) {
          report.error(
            [...f.path, 'model', 'calls', i, 'function'],
            `'${call.function}' names no function${suggestion(call.function, functions)}; functions: ${listNames(functions)}`,
          );
        }
        return;
      }
      if (call.kind !== 'resource') return;
      const path = [...f.path, 'model', 'calls', i, 'resource'];
      const type = typeOf.get(call.resource);
      if (call.phase === 'init' && type !== undefined && type !== 'vpc-endpoint' && type !== 'secret') {
        report.error(
          [...f.path, 'model', 'calls', i, 'phase'],
          `phase: init is for fixed-latency calls (internet, a VPC endpoint, a secret); a call to ${type} '${call.resource}' is made by each invocation`,
        );
      }
      if (!typeOf.has(call.resource)) {
        report.error(
          path,
          `'${call.resource}' names no resource${suggestion(call.resource, resources)}; resources: ${listNames(resources)}, or internet`,
        );
      } else if (type === 'nat-gateway') {
        report.error(
          path,
          `'${call.resource}' is a nat-gateway: calls go to a database, an RDS proxy, a VPC endpoint, a secret or a messaging resource; write resource: internet for calls through the NAT gateway`,
        );
      } else if (type === 'vpc-endpoint') {
        if (!call.latencyWritten) {
          report.error(
            [...f.path, 'model', 'calls', i],
            `a call through VPC endpoint '${call.resource}' needs \`latency\`: the round trip of the service behind it`,
          );
        }
      } else if (isMessaging(type)) {
        return; // a write: SendMessage, Publish, PutObject, PutRecord (latency and bytes allowed)
      } else if (call.latencyWritten || call.bytes > 0) {
        report.error(
          [...f.path, 'model', 'calls', i, call.latencyWritten ? 'latency' : 'bytes'],
          `latency and bytes are for calls to the internet or through a VPC endpoint; a call to ${type} '${call.resource}' takes its time from the resource (${type === 'secret' ? 'its latency' : 'query, connect'})`,
        );
      }
    });
  }

  const databases = draft.resourceNames
    .filter((r) => r.type !== undefined && DATABASES.has(r.type))
    .map((r) => r.name);
  for (const r of draft.resources) {
    if (r.value.type !== 'rds-proxy' || r.bad.has('target')) continue;
    const target = r.value.target;
    const type = typeOf.get(target);
    if (!typeOf.has(target)) {
      report.error(
        [...r.path, 'target'],
        `'${target}' names no resource${suggestion(target, databases)}; a proxy targets a database: ${listNames(databases)}`,
      );
    } else if (type !== undefined && !DATABASES.has(type)) {
      report.error(
        [...r.path, 'target'],
        `'${target}' is a ${type}: a proxy targets a database: ${listNames(databases)}`,
      );
    }
  }
};
