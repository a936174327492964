// Greedy placement of point labels in a scatter chart: each label goes to the first free spot
// near its point (right, then stepping up and down, then left), so dense clusters of kernels
// stay legible. Works in pixels; the chart maps its data to pixels and back.

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelInput {
  /** Point position, pixels. */
  px: number;
  py: number;
  /** Label size, pixels. */
  w: number;
  h: number;
}

export interface PlacedLabel {
  /** Left end and vertical centre of the label, pixels. */
  x: number;
  y: number;
  /** False when no free spot was found (the label then overlaps others). */
  free: boolean;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function candidates(p: LabelInput, gap: number, steps: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (const side of [1, -1]) {
    const x = side > 0 ? p.px + gap : p.px - gap - p.w;
    out.push({ x, y: p.py });
    for (let k = 1; k <= steps; k++) out.push({ x, y: p.py - k * p.h }, { x, y: p.py + k * p.h });
  }
  return out;
}

/** Labels in input order; `bounds` keeps them inside the plot area, `points` are avoided too. */
export function placeLabels(items: readonly LabelInput[], bounds: Box, opts: { gap?: number; steps?: number; marker?: number } = {}): PlacedLabel[] {
  const gap = opts.gap ?? 5;
  const steps = opts.steps ?? 8;
  const m = opts.marker ?? 7;
  const taken: Box[] = items.map((p) => ({ x: p.px - m / 2, y: p.py - m / 2, w: m, h: m }));
  const inside = (b: Box) => b.x >= bounds.x && b.y >= bounds.y && b.x + b.w <= bounds.x + bounds.w && b.y + b.h <= bounds.y + bounds.h;
  return items.map((p) => {
    for (const c of candidates(p, gap, steps)) {
      const box = { x: c.x, y: c.y - p.h / 2, w: p.w, h: p.h };
      if (!inside(box) || taken.some((t) => overlaps(t, box))) continue;
      taken.push(box);
      return { x: c.x, y: c.y, free: true };
    }
    return { x: p.px + gap, y: p.py, free: false };
  });
}
