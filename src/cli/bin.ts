#!/usr/bin/env node
/**
 * `lamsim` as installed (`bin.lamsim` = dist/bundle/main.cjs, this file bundled as CommonJS, so
 * Node starts it without its ES module loader: src/build/bundleCli.ts): runs the command line
 * from the bundles beside it with their code caches (./start.ts, ./bundleLoader.ts). From the
 * sources, run src/cli/main.ts instead.
 */
import { startCli } from './start.ts';

startCli(import.meta.dirname, process.argv.slice(2));
