/**
 * A template's runtime id -> the runtime lamsim simulates.
 *
 * Known ids pass unchanged. A deprecated or unknown id maps to the nearest known one of its language
 * (AWS Lambda "Runtime deprecation policy": nodejs16.x -> nodejs20.x, python2.7 -> python3.9,
 * java8 -> java8.al2, dotnetcore3.1 -> dotnet8, go1.x -> provided.al2 with the go profile, as AWS
 * advises for migrating Go functions); versions compare numerically and ties go to the newer. An id
 * of no known language maps to provided.al2023. Every mapping carries the reason, for a warning.
 */
import { KNOWN_RUNTIMES } from '../scenario/index.ts';

export interface RuntimeChoice {
  readonly runtime: string;
  readonly runtimeProfile?: string;
  /** Why the written runtime differs from the template's (absent when it does not). */
  readonly reason?: string;
}

const FAMILIES: readonly { prefix: RegExp; family: string }[] = [
  { prefix: /^nodejs(\d+(?:\.\d+)?)/, family: 'nodejs' },
  { prefix: /^python(\d+(?:\.\d+)?)/, family: 'python' },
  { prefix: /^java(\d+)/, family: 'java' },
  { prefix: /^dotnet(?:core)?(\d+(?:\.\d+)?)/, family: 'dotnet' },
  { prefix: /^ruby(\d+(?:\.\d+)?)/, family: 'ruby' },
];

/** `python3.12` -> 3.12 as a comparable number (minor versions below 100). */
function versionOf(family: string, id: string): number | undefined {
  const f = FAMILIES.find((x) => x.family === family);
  const m = f?.prefix.exec(id);
  if (!m) return undefined;
  const [major, minor = '0'] = m[1].split('.');
  return Number(major) + Number(minor.replace(/\D/g, '') || 0) / 100;
}

export function chooseRuntime(written: string): RuntimeChoice {
  if ((KNOWN_RUNTIMES as readonly string[]).includes(written)) return { runtime: written };
  if (written === 'go1.x') {
    return {
      runtime: 'provided.al2',
      runtimeProfile: 'go',
      reason: 'go1.x is retired; AWS moves Go functions to provided.al2',
    };
  }
  if (written === 'provided')
    return { runtime: 'provided.al2', reason: 'provided (Amazon Linux 1) is retired' };
  if (written === 'java8') return { runtime: 'java8.al2', reason: 'java8 (Amazon Linux 1) is retired' };
  for (const { prefix, family } of FAMILIES) {
    if (!prefix.test(written)) continue;
    const target = versionOf(family, written) ?? 0;
    const candidates = KNOWN_RUNTIMES.filter((r) => r.startsWith(family) && !r.endsWith('.al2'));
    let best: string = candidates[0];
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      const d = Math.abs((versionOf(family, c) ?? 0) - target);
      if (
        d < bestDistance ||
        (d === bestDistance && (versionOf(family, c) ?? 0) > (versionOf(family, best) ?? 0))
      ) {
        best = c;
        bestDistance = d;
      }
    }
    return {
      runtime: best,
      reason: `${written} is deprecated or unknown to lamsim; simulated as ${best}, the nearest it knows`,
    };
  }
  return {
    runtime: 'provided.al2023',
    reason: `${written} is not a Lambda runtime lamsim knows; simulated as a custom runtime (provided.al2023)`,
  };
}

/** A runtime id inside a container image tag or URI (`nodejs12.x-v1`, `public.ecr.aws/lambda/python:3.12`). */
export function runtimeInImage(text: string): string | undefined {
  const direct =
    /(nodejs\d+\.x|python\d\.\d+|java\d+|dotnet\d+|ruby\d\.\d+|provided\.al2023|provided\.al2|go1\.x)/.exec(
      text,
    );
  if (direct) return direct[1];
  const base = /lambda\/(nodejs|python|java|dotnet|ruby|provided):([\w.]+)/.exec(text);
  if (!base) return undefined;
  const [, lang, tag] = base;
  if (lang === 'nodejs') return `nodejs${tag.split('.')[0]}.x`;
  if (lang === 'provided') return `provided.${tag.split('.')[0]}`;
  return `${lang}${tag}`;
}
