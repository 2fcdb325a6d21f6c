/**
 * AWS Lambda runtime identifiers lamsim accepts, and the custom-runtime profiles (`runtimeProfile`)
 * that pick which measured row gives a `provided.*` function its default INIT.
 *
 * Runtime ids: AWS Lambda "Supported runtimes" (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html),
 * those with measurements in lambda-perf (see coldStartTable.ts), checked 2026-11-21.
 */

export const KNOWN_RUNTIMES = [
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'java8.al2',
  'java11',
  'java17',
  'java21',
  'java25',
  'dotnet8',
  'dotnet10',
  'ruby3.2',
  'ruby3.3',
  'ruby3.4',
  'provided.al2',
  'provided.al2023',
] as const;

export type RuntimeId = (typeof KNOWN_RUNTIMES)[number];

export const isCustomRuntime = (runtime: string): boolean => runtime.startsWith('provided.');

/**
 * Custom-runtime profiles: the language/toolchain running on `provided.al2` / `provided.al2023`, and
 * the lambda-perf label measured on each OS (absent where lambda-perf has no such row).
 */
export const RUNTIME_PROFILES = {
  go: { al2: 'go (prov.al2)', al2023: 'go (prov.al2023)' },
  rust: { al2: 'rust (prov.al2)', al2023: 'rust (prov.al2023)' },
  cpp: { al2: 'c++ 11 (prov.al2)', al2023: 'c++ 11 (prov.al2023)' },
  shell: { al2: 'shell (prov.al2)', al2023: 'shell (prov.al2023)' },
  'swift5.8': { al2: 'apple swift 5.8 (prov.al2)' },
  swift: { al2: 'apple swift 6.2 (prov.al2)' },
  bun: { al2: 'bun (prov.al2)' },
  'bun-layer': { al2: 'bun layer(prov.al2)' },
  'dotnet7-aot': { al2: 'dotnet7 aot (prov.al2)' },
  'dotnet8-aot': { al2023: 'dotnet8 aot (prov.al2023)' },
  'dotnet9-aot': { al2023: 'dotnet9 aot (prov.al2023)' },
  'dotnet10-aot': { al2023: 'dotnet10 aot (prov.al2023)' },
  'graalvm-java17': { al2: 'graalvm java17 (prov.al2)' },
  'graalvm-java21': { al2023: 'graalvm java21 (prov.al2023)' },
  'graalvm-java23': { al2023: 'graalvm java23 (prov.al2023)' },
  quarkus: { al2: 'quarkus (prov.al2)' },
  llrt: { al2023: 'llrt (prov.al2023)' },
} as const satisfies Record<string, { al2?: string; al2023?: string }>;

export type RuntimeProfile = keyof typeof RUNTIME_PROFILES;
export const KNOWN_RUNTIME_PROFILES = Object.keys(RUNTIME_PROFILES) as RuntimeProfile[];
export const DEFAULT_RUNTIME_PROFILE: RuntimeProfile = 'go';

/**
 * lambda-perf labels for a runtime: `own` is the exact one (the runtime id for managed runtimes; the
 * profile's label on the function's OS for custom runtimes), absent when never measured; `other` is
 * the same profile measured on the other OS (custom runtimes only).
 */
export function coldStartLabels(runtime: string, profile: RuntimeProfile): { own?: string; other?: string } {
  if (!isCustomRuntime(runtime)) return { own: runtime };
  const labels: { al2?: string; al2023?: string } = RUNTIME_PROFILES[profile];
  if (runtime === 'provided.al2') return { own: labels.al2, other: labels.al2023 };
  return { own: labels.al2023, other: labels.al2 };
}

/** What a function's runtime (and profile) is called in fallback messages. */
export const runtimeLabel = (runtime: string, profile: RuntimeProfile): string =>
  isCustomRuntime(runtime) ? `${runtime} + ${profile}` : runtime;
