/**
 * Reads a PNG the strict way for tests: signature, chunk CRCs, IHDR first and IEND last, IDAT
 * inflating to exactly the size IHDR implies; then decodes it (with @napi-rs/canvas) to count
 * the pixels that are not background.
 */
import { crc32, inflateSync } from 'node:zlib';
import { createCanvas, loadImage } from 'canvas';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  readonly colorType: number;
  readonly chunks: readonly string[];
}

/** Parses and checks a PNG; throws with a reason when it is not a valid one. */
export function readPng(bytes: Uint8Array): PngInfo {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!SIGNATURE.every((b, i) => buf[i] === b)) throw new Error('not a PNG signature');
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = -1;
  let offset = 8;
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    const crc = buf.readUInt32BE(offset + 8 + length);
    if (crc32(buf.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    chunks.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colorType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  if (chunks[0] !== 'IHDR') throw new Error('IHDR is not first');
  if (chunks.at(-1) !== 'IEND') throw new Error('IEND is not last');
  if (offset !== buf.length) throw new Error('trailing bytes after IEND');
  const channels = CHANNELS[colorType];
  if (bitDepth !== 8 || channels === undefined)
    throw new Error(`unexpected format: depth ${bitDepth}, type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (1 + width * channels)) throw new Error('image data does not match IHDR');
  return { width, height, colorType, chunks };
}

/** Share of pixels that are neither white nor transparent, and of those with a saturated colour. */
export async function inkOf(bytes: Uint8Array): Promise<{ ink: number; colour: number }> {
  const image = await loadImage(Buffer.from(bytes));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let ink = 0;
  let colour = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
    if (a > 0 && (r < 250 || g < 250 || b < 250)) ink++;
    if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) colour++;
  }
  const n = data.length / 4;
  return { ink: ink / n, colour: colour / n };
}
