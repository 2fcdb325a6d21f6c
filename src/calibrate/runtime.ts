/**
 * The runtime id of a function from the runtime version Lambda logs in `INIT_START` (text) or
 * `platform.initStart` (JSON), or for SnapStart in `RESTORE_START` / `platform.restoreStart`: `nodejs:20.v13` -> `nodejs20.x`, `python:3.12.v16` -> `python3.12`,
 * `java:21.v20` -> `java21`, `dotnet:8.v30` -> `dotnet8`, `ruby:3.3.v9` -> `ruby3.3`,
 * `provided:al2023.v60` -> `provided.al2023`. Undefined when the id is not one lamsim knows. Pure.
 */
import { KNOWN_RUNTIMES } from '../scenario/index.ts';

export function runtimeOfVersion(version: string): string | undefined {
  const m = /^([a-z]+):([0-9a-z.]+?)(?:\.v\d+)?$/i.exec(version.trim());
  if (!m) return undefined;
  const [, family, release] = m;
  const candidates: Record<string, string> = {
    nodejs: `nodejs${release.split('.')[0]}.x`,
    python: `python${release}`,
    java: release === '8.al2' || release === '8' ? 'java8.al2' : `java${release}`,
    dotnet: `dotnet${release.split('.')[0]}`,
    ruby: `ruby${release}`,
    provided: `provided.${release}`,
  };
  const id = candidates[family.toLowerCase()];
  return id !== undefined && (KNOWN_RUNTIMES as readonly string[]).includes(id) ? id : undefined;
}
