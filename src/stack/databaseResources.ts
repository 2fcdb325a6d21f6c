/**
 * Databases and RDS Proxy -> lamsim resources (AWS::RDS::DBInstance, AWS::RDS::DBCluster,
 * AWS::RDS::DBProxy with its AWS::RDS::DBProxyTargetGroup).
 *
 * - An instance outside a cluster is a database of its engine (mariadb runs as rds-mysql); an Aurora
 *   cluster is one database whose class is its writer's (the member instance with the lowest
 *   PromotionTier); its readers are written as `readers:` (their classes, the writer's when they write
 *   none): billed, not simulated, and named in a note.
 * - A class lamsim has no figures for maps to the one of the same size in the nearest family it
 *   knows (db.r6i.large -> db.r6g.large), with a warning; Aurora Serverless v2 (db.serverless) maps
 *   to the memory-optimised class whose memory covers MaxCapacity ACUs (1 ACU ~ 2 GiB, Aurora user
 *   guide "How Aurora Serverless v2 works").
 * - What a template cannot know, the CPU time of one query, is an explicit assumption.
 * - A proxy takes its target group's pool settings; ConnectionBorrowTimeout is in seconds.
 */
import { DB_INSTANCE_CLASSES, KNOWN_DB_INSTANCE_CLASSES } from '../scenario/index.ts';
import type { CfnTemplate, TemplateResource } from './cfnTemplate.ts';
import { PropertyReader } from './propertyReader.ts';
import type { StackBuilder, Written } from './stackBuilder.ts';
import { ResourceRef } from './values.ts';

const QUERY_ASSUMPTION = { p50: '2ms', p99: '10ms' };
const QUERY_COMMENT =
  "assumption: the CPU time one query needs on one of the instance's vCPUs; replace with your measurements";
const FALLBACK_CLASS = 'db.r6g.large';

function engineType(engine: string): string | undefined {
  const e = engine.toLowerCase();
  if (e === 'aurora-postgresql') return 'aurora-postgresql';
  if (e === 'aurora-mysql' || e === 'aurora') return 'aurora-mysql';
  if (e === 'postgres') return 'rds-postgres';
  if (e === 'mysql' || e === 'mariadb') return 'rds-mysql';
  return undefined;
}

/** The known class nearest to `name`: itself, or the same size in a family of the same letter. */
export function nearestInstanceClass(name: string): string | undefined {
  if (name in DB_INSTANCE_CLASSES) return name;
  const m = /^db\.([a-z])(\d+)[a-z]*\.(\w+)$/.exec(name);
  if (!m) return undefined;
  const [, letter, generation, size] = m;
  const candidates = KNOWN_DB_INSTANCE_CLASSES.filter((c) => {
    const k = /^db\.([a-z])(\d+)[a-z]*\.(\w+)$/.exec(c);
    return k !== null && k[1] === letter && k[3] === size;
  });
  candidates.sort(
    (a, b) =>
      Math.abs(gen(a) - Number(generation)) - Math.abs(gen(b) - Number(generation)) || (a < b ? -1 : 1),
  );
  return candidates[0];
}
const gen = (c: string): number => Number(/^db\.[a-z](\d+)/.exec(c)?.[1] ?? 0);

/** Smallest db.r6g class with at least 2 GiB per ACU of MaxCapacity. */
function serverlessV2Class(maxAcu: number): string {
  const sizes = KNOWN_DB_INSTANCE_CLASSES.filter((c) => c.startsWith('db.r6g.')).sort(
    (a, b) => DB_INSTANCE_CLASSES[a].memoryGiB - DB_INSTANCE_CLASSES[b].memoryGiB,
  );
  return (
    sizes.find((c) => DB_INSTANCE_CLASSES[c].memoryGiB >= 2 * maxAcu) ??
    sizes[sizes.length - 1] ??
    FALLBACK_CLASS
  );
}

export function mapDatabases(t: CfnTemplate, b: StackBuilder): void {
  const instances = t.ofType('AWS::RDS::DBInstance');
  const memberOf = new Map<string, TemplateResource[]>();
  for (const r of instances) {
    const cluster = t.props(r.id).DBClusterIdentifier;
    const id =
      cluster instanceof ResourceRef
        ? cluster.logicalId
        : typeof cluster === 'string'
          ? t.byPhysicalName(cluster)
          : undefined;
    if (id !== undefined && t.resources.get(id)?.type === 'AWS::RDS::DBCluster') {
      memberOf.set(id, [...(memberOf.get(id) ?? []), r]);
      continue;
    }
    database(t, b, r, undefined);
  }
  for (const r of t.ofType('AWS::RDS::DBCluster')) database(t, b, r, memberOf.get(r.id) ?? []);
  for (const r of t.ofType('AWS::RDS::DBProxy')) proxy(t, b, r);
}

function database(
  t: CfnTemplate,
  b: StackBuilder,
  r: TemplateResource,
  members: TemplateResource[] | undefined,
): void {
  const p = new PropertyReader(b, [...r.path, 'Properties'], t.props(r.id), (path) => t.where(path));
  const engine = p.string('Engine');
  const type = engine === undefined ? undefined : engineType(engine);
  if (type === undefined) {
    b.notModelledResource(r.id, r.type, engine === undefined ? 'no Engine' : `engine ${engine}`);
    return;
  }
  const comments = new Map<string, string>();
  let written = members === undefined ? p.string('DBInstanceClass') : p.string('DBClusterInstanceClass');
  let classWhere = p.where(members === undefined ? 'DBInstanceClass' : 'DBClusterInstanceClass');
  /** The readers' classes, as written (the writer's when a reader writes none). */
  let readerClasses: (string | undefined)[] = [];
  if (members !== undefined && written === undefined && members.length > 0) {
    const tier = (m: TemplateResource) => Number(t.props(m.id).PromotionTier ?? 1);
    const writer = [...members].sort((x, y) => tier(x) - tier(y))[0];
    const wp = t.props(writer.id).DBInstanceClass;
    written = typeof wp === 'string' ? wp : undefined;
    classWhere = t.where([...writer.path, 'Properties', 'DBInstanceClass']);
    const readers = members.filter((m) => m !== writer);
    readerClasses = readers.map((m) => {
      const c = t.props(m.id).DBInstanceClass;
      return typeof c === 'string' ? c : written;
    });
    b.notes.push(
      `${r.id}: the cluster's writer ${writer.id} (${written ?? 'class unknown'})${readers.length > 0 ? `; readers ${readers.map((m) => m.id).join(', ')} are billed (readers:) but not simulated: queries run on the writer` : ''}.`,
    );
  }
  let instanceClass: string;
  if (written === 'db.serverless') {
    const maxAcu = p.child('ServerlessV2ScalingConfiguration')?.number('MaxCapacity') ?? 16;
    instanceClass = serverlessV2Class(maxAcu);
    comments.set(
      'instanceClass',
      `Aurora Serverless v2 up to ${maxAcu} ACUs, as the class of that memory (capacity does not scale here)`,
    );
  } else if (written === undefined) {
    instanceClass = FALLBACK_CLASS;
    comments.set('instanceClass', 'assumption: the template does not fix the instance class; replace');
  } else {
    const nearest = nearestInstanceClass(written);
    instanceClass = nearest ?? FALLBACK_CLASS;
    if (nearest !== written) {
      const msg = `lamsim has no figures for ${written}: simulated as ${instanceClass}`;
      comments.set('instanceClass', msg);
      b.warning(classWhere, [...r.path, 'Properties'], msg);
    }
  }
  if (engine?.toLowerCase() === 'mariadb') b.notes.push(`${r.id}: MariaDB simulated as MySQL.`);
  comments.set('query', QUERY_COMMENT);
  const resource: Record<string, unknown> = { type, instanceClass };
  if (readerClasses.length > 0 && type.startsWith('aurora-')) {
    // A reader lamsim has no figures for is billed as the nearest class it knows, like the writer.
    resource.readers = readerClasses.map((c) =>
      c === undefined ? instanceClass : (nearestInstanceClass(c) ?? instanceClass),
    );
  }
  resource.query = { ...QUERY_ASSUMPTION };
  b.addResource(r.id, t.where(r.path), resource, comments);
}

function proxy(t: CfnTemplate, b: StackBuilder, r: TemplateResource): void {
  const group = t.ofType('AWS::RDS::DBProxyTargetGroup').find((g) => {
    const name = t.props(g.id).DBProxyName;
    return (
      (name instanceof ResourceRef && name.logicalId === r.id) ||
      (typeof name === 'string' && t.byPhysicalName(name) === r.id)
    );
  });
  const written: Written = { type: 'rds-proxy', target: '' };
  const comments = new Map<string, string>();
  let target: string | undefined;
  if (group) {
    const g = new PropertyReader(b, [...group.path, 'Properties'], t.props(group.id), (path) =>
      t.where(path),
    );
    for (const key of ['DBClusterIdentifiers', 'DBInstanceIdentifiers']) {
      for (const ref of g.list(key) ?? []) {
        const id =
          ref instanceof ResourceRef
            ? ref.logicalId
            : typeof ref === 'string'
              ? t.byPhysicalName(ref)
              : undefined;
        const member = id === undefined ? undefined : t.resources.get(id);
        if (member?.type === 'AWS::RDS::DBInstance') {
          const c = t.props(member.id).DBClusterIdentifier;
          target ??= c instanceof ResourceRef ? c.logicalId : member.id;
        } else if (id !== undefined) target ??= id;
      }
    }
    const pool = g.child('ConnectionPoolConfigurationInfo');
    const max = pool?.number('MaxConnectionsPercent');
    if (max !== undefined) written.maxConnectionsPercent = max;
    const idle = pool?.number('MaxIdleConnectionsPercent');
    if (idle !== undefined) written.maxIdleConnectionsPercent = idle;
    const borrow = pool?.number('ConnectionBorrowTimeout');
    if (borrow !== undefined) written.connectionBorrowTimeout = `${borrow}s`;
    if (pool?.has('SessionPinningFilters'))
      b.notes.push(`${r.id}: SessionPinningFilters are not modelled (see pinning).`);
  }
  if (target === undefined || !b.resources.has(b.nameFor(target))) {
    const family = String(t.props(r.id).EngineFamily ?? 'POSTGRESQL').toUpperCase();
    const type = family === 'MYSQL' ? 'rds-mysql' : 'rds-postgres';
    target = `${r.id}-target`;
    b.addResource(
      target,
      t.where(r.path),
      { type, instanceClass: FALLBACK_CLASS, query: { ...QUERY_ASSUMPTION } },
      new Map([
        ['instanceClass', "assumption: the proxy's database is not in this template; replace"],
        ['query', QUERY_COMMENT],
      ]),
    );
  }
  written.target = b.nameFor(target);
  b.addResource(r.id, t.where(r.path), written, comments);
}
