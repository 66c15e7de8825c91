import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { BUTTON_VARIANTS } from "./button";

/** Tailwind's palette as the build uses it: `--color-red-600: oklch(57.7% 0.245 27.325);`. */
const THEME = readFileSync(createRequire(import.meta.url).resolve("tailwindcss/theme.css"), "utf8");

/** Linear sRGB of a palette colour (Björn Ottosson's OKLab matrices), clipped to the sRGB gamut as the screen shows it. */
function linearRgb(color: string): [number, number, number] {
  if (color === "white") return [1, 1, 1];
  const match = new RegExp(`--color-${color}:\\s*oklch\\(([\\d.]+)% ([\\d.]+) ([\\d.]+|none)\\)`).exec(THEME);
  if (!match) throw new Error(`no colour ${color} in tailwindcss/theme.css`);
  // A grey has no hue ("none").
  const hue = match[3] === "none" ? 0 : (Number(match[3]) * Math.PI) / 180;
  const [lightness, chroma] = [Number(match[1]) / 100, Number(match[2])];
  const [a, b] = [chroma * Math.cos(hue), chroma * Math.sin(hue)];
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const clip = (value: number) => Math.min(1, Math.max(0, value));
  return [
    clip(4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
    clip(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
    clip(-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s),
  ];
}

/** WCAG 2 contrast ratio of two palette colours. */
function contrast(first: string, second: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = linearRgb(color);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [lighter, darker] = [luminance(first), luminance(second)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}

describe("button variants", () => {
  it("computes the ratios axe reports", () => {
    // axe measured white on red-500 (#fb2c36) at 3.8:1.
    expect(contrast("white", "red-500")).toBeCloseTo(3.8, 1);
  });

  // Button labels are 14 px, normal text for WCAG: 4.5:1 against every background the button shows
  // while it can be used, hovered included (the pointer rests on a button just clicked). Disabled
  // buttons are exempt, as WCAG exempts inactive controls. Without a background of its own a button
  // sits on a white card.
  for (const [variant, classes] of Object.entries(BUTTON_VARIANTS)) {
    it(`${variant}: the label stays readable, also when hovered`, () => {
      const names = classes.split(/\s+/);
      const text = names.find((name) => name.startsWith("text-"))!.slice("text-".length);
      const resting = names.find((name) => name.startsWith("bg-"))?.slice("bg-".length) ?? "white";
      const hovered = names.find((name) => name.startsWith("hover:bg-"))?.slice("hover:bg-".length) ?? resting;
      expect(contrast(text, resting), `${variant}: text-${text} on bg-${resting}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text, hovered), `${variant}: text-${text} on hover:bg-${hovered}`).toBeGreaterThanOrEqual(4.5);
    });
  }
});
