#!/usr/bin/env node
/**
 * `lamsim` as installed (`bin.lamsim` = dist/bundle/main.js, this file bundled): runs the command
 * line's bundle `cli.js` beside it with its code cache (./bundleLoader.ts). From the sources, run
 * src/cli/main.ts instead.
 */
import { join } from 'node:path';
import { loadBundle } from './bundleLoader.ts';

loadBundle(join(import.meta.dirname, 'cli.js'));
