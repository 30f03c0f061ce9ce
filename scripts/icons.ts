/**
 * Draws the two Teams app icons from one vector "merge" mark (two accounts flowing into
 * one) and writes them to appPackage/: `npm run icons`.
 *
 * - color.png: 192×192, the mark in white inside Teams' 120×120 safe area on a full-bleed
 *   brand-colour background (the manifest's accentColor).
 * - outline.png: 32×32, the same mark in pure white on a transparent background.
 *
 * Shapes are signed-distance functions sampled 4×4 per pixel, so edges are anti-aliased
 * and the output is the same on every machine. A test checks the committed files against
 * what this script draws.
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng, type RgbaImage } from './png.js';

/** Fluent "communication blue": the colour icon's background and the manifest's accentColor. */
export const BRAND_COLOR = '#0F6CBD';
export const ICON_SIZES = { color: 192, outline: 32 } as const;
/** Teams keeps the colour icon's symbol inside a centred 120×120 square. */
const COLOR_SAFE_AREA = 120;

type Point = readonly [number, number];
type Sdf = (x: number, y: number) => number;

const circle =
  ([cx, cy]: Point, r: number): Sdf =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

/** A line segment with round caps, `halfWidth` either side. */
const capsule =
  ([ax, ay]: Point, [bx, by]: Point, halfWidth: number): Sdf =>
  (x, y) => {
    const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
    const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - dx * h, py - dy * h) - halfWidth;
  };

const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));

/**
 * The mark in unit space (0..1 both ways): two account nodes whose lines join and go on
 * as one into a larger node, the merged account.
 */
function mergeMark(weight: number): Sdf {
  const top: Point = [0.16, 0.18];
  const bottom: Point = [0.16, 0.82];
  const junction: Point = [0.5, 0.5];
  const merged: Point = [0.8, 0.5];
  const line = 0.06 * weight;
  return union(
    capsule(top, junction, line),
    capsule(bottom, junction, line),
    capsule(junction, merged, line),
    circle(top, 0.12 * weight),
    circle(bottom, 0.12 * weight),
    circle(merged, 0.17 * weight),
  );
}

function parseHex(hex: string): readonly [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/**
 * Coverage of the mark per pixel (0..1), with the mark's unit square mapped onto
 * `box` pixels starting at `offset`.
 */
function coverage(size: number, mark: Sdf, offset: number, box: number): Float64Array {
  const samples = 4;
  const out = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const ux = (x + (sx + 0.5) / samples - offset) / box;
          const uy = (y + (sy + 0.5) / samples - offset) / box;
          if (mark(ux, uy) <= 0) hits++;
        }
      }
      out[y * size + x] = hits / (samples * samples);
    }
  }
  return out;
}

export function colorIcon(): RgbaImage {
  const size = ICON_SIZES.color;
  const cover = coverage(size, mergeMark(1), (size - COLOR_SAFE_AREA) / 2, COLOR_SAFE_AREA);
  const [r, g, b] = parseHex(BRAND_COLOR);
  const rgba = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    // White mark blended over the opaque brand colour.
    rgba.set([Math.round(r + (255 - r) * c), Math.round(g + (255 - g) * c), Math.round(b + (255 - b) * c), 255], i * 4);
  });
  return { width: size, height: size, rgba };
}

export function outlineIcon(): RgbaImage {
  const size = ICON_SIZES.outline;
  // A little heavier so the thin strokes survive at 32 px; 2 px clear on every side.
  const cover = coverage(size, mergeMark(1.25), 3, size - 6);
  const rgba = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => rgba.set([255, 255, 255, Math.round(255 * c)], i * 4));
  return { width: size, height: size, rgba };
}

export const APP_PACKAGE_DIR = fileURLToPath(new URL('../appPackage/', import.meta.url));

async function main(): Promise<void> {
  await writeFile(join(APP_PACKAGE_DIR, 'color.png'), encodePng(colorIcon()));
  await writeFile(join(APP_PACKAGE_DIR, 'outline.png'), encodePng(outlineIcon()));
  console.log(
    `wrote appPackage/color.png (${ICON_SIZES.color}×${ICON_SIZES.color}) and appPackage/outline.png (${ICON_SIZES.outline}×${ICON_SIZES.outline})`,
  );
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) await main();
