// Per kernel class over many results files: total FLOPs, bytes and measured time of the nodes that
// ran on it, so the achieved GFLOP/s and GB/s (and their share of the device's FMA roof) read per
// class; where the run timed the candidates (--tune full), also the kernel's default variant over
// the same nodes, so the gain of the chosen variants reads beside it.

interface CandidateLike {
  name: string;
  ms?: number | null;
}

interface NodeLike {
  op: string;
  gpuTimeMs?: { median: number };
  roofline?: { flops: number; bytes: number } | null;
  rooflineDetail?: { computeRoof?: string } | null;
  variant?: { kernel?: string; chosen?: string | null; candidates?: CandidateLike[] } | null;
}

interface ClassTotal {
  flops: number;
  bytes: number;
  ms: number;
  nodes: number;
  /** Node-alone times of the default and the chosen variant, over nodes where both were timed. */
  timed: { nodes: number; defaultMs: number; chosenMs: number };
}

export type ClassTotals = Map<string, ClassTotal>;

const classOf = (n: NodeLike): string => n.variant?.kernel ?? (n.rooflineDetail?.computeRoof?.startsWith('kernel:') ? n.rooflineDetail.computeRoof.slice(7) : n.op);

function addTimedVariants(t: ClassTotal, n: NodeLike): void {
  const cands = n.variant?.candidates ?? [];
  const first = cands[0];
  const chosen = cands.find((c) => c.name === n.variant?.chosen);
  if (!first?.ms || !chosen?.ms) return;
  t.timed.nodes++;
  t.timed.defaultMs += first.ms;
  t.timed.chosenMs += chosen.ms;
}

export function addClassTotals(into: ClassTotals, nodes: NodeLike[]): void {
  for (const n of nodes) {
    if (!n.gpuTimeMs || !n.roofline) continue;
    const k = classOf(n);
    const t = into.get(k) ?? { flops: 0, bytes: 0, ms: 0, nodes: 0, timed: { nodes: 0, defaultMs: 0, chosenMs: 0 } };
    t.flops += n.roofline.flops;
    t.bytes += n.roofline.bytes;
    t.ms += n.gpuTimeMs.median;
    t.nodes++;
    addTimedVariants(t, n);
    into.set(k, t);
  }
}

/** `fmaGflops`: the device's FMA roof from the same runs (median over them), for the % column. */
export function classTable(totals: ClassTotals, fmaGflops: number | null): string {
  const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms);
  const lines = [
    '| kernel class | nodes | GPU ms | GFLOP | GFLOP/s | % of FMA roof | GB/s | default variant / chosen (node-alone ms, nodes timed) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [k, t] of rows) {
    const gflops = t.flops / t.ms / 1e6;
    const roof = fmaGflops ? `${((gflops / fmaGflops) * 100).toFixed(1)}%` : '-';
    const gain = t.timed.nodes ? `${(t.timed.defaultMs / t.timed.chosenMs).toFixed(2)}x (${t.timed.defaultMs.toFixed(1)} / ${t.timed.chosenMs.toFixed(1)}, ${t.timed.nodes})` : '-';
    lines.push(`| ${k} | ${t.nodes} | ${t.ms.toFixed(1)} | ${(t.flops / 1e9).toFixed(3)} | ${gflops.toFixed(2)} | ${roof} | ${(t.bytes / t.ms / 1e6).toFixed(2)} | ${gain} |`);
  }
  return lines.join('\n');
}
