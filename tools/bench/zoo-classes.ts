// Per kernel class over many results files: total FLOPs, bytes and measured time of the nodes that
// ran on it, so the achieved GFLOP/s and GB/s (and their share of the device's roofs) read per class.

interface NodeLike {
  op: string;
  gpuTimeMs?: { median: number };
  roofline?: { flops: number; bytes: number } | null;
  rooflineDetail?: { computeRoof?: string } | null;
  tuning?: { kernel?: string } | null;
}

export type ClassTotals = Map<string, { flops: number; bytes: number; ms: number; nodes: number }>;

const classOf = (n: NodeLike): string => n.tuning?.kernel ?? (n.rooflineDetail?.computeRoof?.startsWith('kernel:') ? n.rooflineDetail.computeRoof.slice(7) : n.op);

export function addClassTotals(into: ClassTotals, nodes: NodeLike[]): void {
  for (const n of nodes) {
    if (!n.gpuTimeMs || !n.roofline) continue;
    const k = classOf(n);
    const t = into.get(k) ?? { flops: 0, bytes: 0, ms: 0, nodes: 0 };
    t.flops += n.roofline.flops;
    t.bytes += n.roofline.bytes;
    t.ms += n.gpuTimeMs.median;
    t.nodes++;
    into.set(k, t);
  }
}

export function classTable(totals: ClassTotals): string {
  const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms);
  const lines = ['| kernel class | nodes | GPU ms | GFLOP | GFLOP/s | GB/s |', '|---|---|---|---|---|---|'];
  for (const [k, t] of rows) {
    lines.push(`| ${k} | ${t.nodes} | ${t.ms.toFixed(1)} | ${(t.flops / 1e9).toFixed(3)} | ${(t.flops / t.ms / 1e6).toFixed(2)} | ${(t.bytes / t.ms / 1e6).toFixed(2)} |`);
  }
  return lines.join('\n');
}
