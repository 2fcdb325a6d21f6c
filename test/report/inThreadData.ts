/**
 * The content of a bundle file made with the in-thread renderer (src/io/renderChartPng.ts), which
 * never gives a promise (only chart threads do): throws if one comes, so a test that means the
 * in-thread path cannot pass on the other one.
 */
import { type BundleFile, bundleFileData } from '../../src/report/bundle.ts';

export function inThreadData(file: BundleFile): string | Uint8Array {
  const data = bundleFileData(file);
  if (data instanceof Promise) throw new Error(`${file.name}: drawn on another thread, not in this one`);
  return data;
}
