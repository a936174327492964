// Pad geometry shared by the pad shape rule, its CPU reference and its kernel. Negative pads
// crop first (as onnxruntime does), then the remaining positive pads are filled by the mode
// from the cropped source, so edge/reflect/wrap see the cropped data's borders.

export const PAD_MODES = ['constant', 'edge', 'reflect', 'wrap'] as const;
export type PadModeName = (typeof PAD_MODES)[number];

export interface PadGeometry {
  /** Per dim: first source element kept (the crop of a negative begin pad). */
  cropStart: number[];
  /** Per dim: source elements kept after cropping. */
  inDim: number[];
  /** Per dim: elements added before the kept source. */
  begin: number[];
  out: number[];
}

/** pads as ONNX orders them: all begins, then all ends. */
export function padGeometry(shape: readonly number[], pads: readonly number[]): PadGeometry {
  const r = shape.length;
  const cropStart = shape.map((_, d) => Math.max(-pads[d], 0));
  const inDim = shape.map((n, d) => n - cropStart[d] - Math.max(-pads[d + r], 0));
  const begin = shape.map((_, d) => Math.max(pads[d], 0));
  const out = shape.map((_, d) => inDim[d] + begin[d] + Math.max(pads[d + r], 0));
  return { cropStart, inDim, begin, out };
}

/** Source coordinate (in the kept source) of padded coordinate s = c - begin, or -1 for the constant. */
export function padSource(mode: PadModeName, s: number, n: number): number {
  switch (mode) {
    case 'constant':
      return s >= 0 && s < n ? s : -1;
    case 'edge':
      return Math.min(Math.max(s, 0), n - 1);
    case 'wrap':
      return ((s % n) + n) % n;
    case 'reflect': {
      // numpy's reflect: mirrored about the first and last elements, repeating every 2n - 2.
      if (n === 1) return 0;
      const m = 2 * n - 2;
      const t = ((s % m) + m) % m;
      return t < n ? t : m - t;
    }
  }
}
