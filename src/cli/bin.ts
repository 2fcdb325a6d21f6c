#!/usr/bin/env node
/**
 * `lamsim` as installed (`bin.lamsim` = dist/bundle/main.cjs, this file bundled as CommonJS, so
 * Node starts it without its ES module loader: src/build/bundleCli.ts): runs the command line's
 * bundle `cli.js` beside it with its code cache (./bundleLoader.ts). From the sources, run
 * src/cli/main.ts instead.
 */
import { join } from 'node:path';
import { loadBundle } from './bundleLoader.ts';

loadBundle(join(import.meta.dirname, 'cli.js'));
