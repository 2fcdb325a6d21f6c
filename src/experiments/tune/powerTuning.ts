/**
 * AWS Lambda Power Tuning's output shape and its visualization link
 * (lambda/analyzer.js `findOptimalConfiguration`, lambda/utils.js `buildVisualizationURL`), so
 * Power Tuning users can compare a lamsim sweep with a real one and share it the same way.
 *
 * The link is `BASE#SIZES;DURATIONS;COSTS`: the points sorted by memory, sizes as Int16, mean
 * durations (ms) and costs per invocation (USD) as Float32, each array's bytes (little-endian,
 * as Node writes typed arrays on every platform it runs on) in standard base64. Pure.
 */
import { err, ok, type Result } from '../../result.ts';

export const POWER_TUNING_VISUALIZATION_URL = 'https://lambda-power-tuning.show/';

/** One tested memory size as Power Tuning reports it. */
export interface PowerStat {
  /** Memory, MB. */
  readonly power: number;
  /** Average cost per invocation, USD. */
  readonly cost: number;
  /** Average duration, ms. */
  readonly duration: number;
}

/** Power Tuning's state machine output (with `includeOutputResults`' `stats`). */
export interface PowerTuningOutput {
  readonly power: number;
  readonly cost: number;
  readonly duration: number;
  readonly stateMachine: {
    /** Step Functions cost of the tuning run: 0, nothing ran in AWS. */
    readonly executionCost: number;
    /** Lambda cost of the tuning invocations: 0, nothing ran in AWS. */
    readonly lambdaCost: number;
    readonly visualization: string;
  };
  readonly stats: readonly {
    readonly value: number;
    readonly averagePrice: number;
    readonly averageDuration: number;
  }[];
}

function toBase64(bytes: ArrayBuffer): string {
  return Buffer.from(bytes).toString('base64');
}

function encode(values: readonly number[], kind: 'int16' | 'float32'): string {
  const size = kind === 'int16' ? 2 : 4;
  const view = new DataView(new ArrayBuffer(values.length * size));
  values.forEach((v, i) => {
    if (kind === 'int16') view.setInt16(i * size, v, true);
    else view.setFloat32(i * size, v, true);
  });
  return toBase64(view.buffer);
}

function decode(text: string, kind: 'int16' | 'float32'): number[] | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  const size = kind === 'int16' ? 2 : 4;
  if (bytes.length % size !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    out.push(kind === 'int16' ? view.getInt16(i, true) : view.getFloat32(i, true));
  }
  return out;
}

/** Power Tuning's visualization link for these points (sorted by memory, as it does). */
export function buildVisualizationUrl(
  stats: readonly PowerStat[],
  baseUrl: string = POWER_TUNING_VISUALIZATION_URL,
): string {
  const sorted = [...stats].sort((a, b) => a.power - b.power);
  const hash = [
    encode(
      sorted.map((p) => p.power),
      'int16',
    ),
    encode(
      sorted.map((p) => p.duration),
      'float32',
    ),
    encode(
      sorted.map((p) => p.cost),
      'float32',
    ),
  ].join(';');
  return `${baseUrl}#${hash}`;
}

/** The points encoded in a visualization link (durations and costs at Float32 precision). */
export function decodeVisualizationUrl(url: string): Result<PowerStat[], string> {
  const hash = url.slice(url.indexOf('#') + 1);
  if (!url.includes('#')) return err('not a Power Tuning visualization link: no #SIZES;DURATIONS;COSTS part');
  const parts = hash.split(';');
  if (parts.length !== 3) return err(`expected 3 ';'-separated arrays after '#', found ${parts.length}`);
  const sizes = decode(parts[0], 'int16');
  const durations = decode(parts[1], 'float32');
  const costs = decode(parts[2], 'float32');
  if (!sizes || !durations || !costs)
    return err('the link does not hold base64 arrays of sizes, durations and costs');
  if (sizes.length !== durations.length || sizes.length !== costs.length) {
    return err(
      `the link's arrays differ in length (${sizes.length} sizes, ${durations.length} durations, ${costs.length} costs)`,
    );
  }
  return ok(sizes.map((power, i) => ({ power, duration: durations[i], cost: costs[i] })));
}

/** The output Power Tuning would give for these points with `best` as its recommendation. */
export function powerTuningOutput(
  stats: readonly PowerStat[],
  best: PowerStat,
  baseUrl: string = POWER_TUNING_VISUALIZATION_URL,
): PowerTuningOutput {
  return {
    power: best.power,
    cost: best.cost,
    duration: best.duration,
    stateMachine: { executionCost: 0, lambdaCost: 0, visualization: buildVisualizationUrl(stats, baseUrl) },
    stats: [...stats]
      .sort((a, b) => a.power - b.power)
      .map((p) => ({ value: p.power, averagePrice: p.cost, averageDuration: p.duration })),
  };
}
