// Names of the depthwise kernel's compute-roof classes, shared by the op's kernelClass rule and
// the profiler's class of a dispatch, so a node and its dispatch always name the same roof.
// The kernel size and the strides set the unrolled taps and the loads per multiply-add.

export function depthwiseClass(KH: number, KW: number, SH: number, SW: number): string {
  const k = KH === KW ? `${KH}` : `${KH}x${KW}`;
  const s = SH === 1 && SW === 1 ? '' : SH === SW ? `s${SH}` : `s${SH}x${SW}`;
  return `dwconv:k${k}${s}`;
}

/** The inverse of depthwiseClass, or null for another class. */
export function parseDepthwiseClass(cls: string): { KH: number; KW: number; SH: number; SW: number } | null {
  const m = /^dwconv:k(\d+)(?:x(\d+))?(?:s(\d+)(?:x(\d+))?)?$/.exec(cls);
  if (!m) return null;
  const KH = Number(m[1]);
  const SH = Number(m[3] ?? 1);
  return { KH, KW: Number(m[2] ?? KH), SH, SW: Number(m[4] ?? SH) };
}
