// Notes that need the configuration asked about or the graph that runs: where the
// seed's model of memory parts from the tensors that actually exist and live.
import type { Graph } from '../graph/ir.js';
import type { BlockComparison } from './compare.js';
import type { InPlaceReport } from './inplace.js';
import type { Liveness } from './liveness.js';
import { decoderConfigs, type NetworkShape } from './network.js';
import { SEED_MEASURED_PEAK_MB } from './seed-claims.js';
import { arithmeticIntensity, encoderConfigs, featureMapTable, prcmFlops, SEED_PRCM_BASIS, FLOAT32_BYTES, MiB, type CacheSizes } from './seed.js';
import { mb, seedConsistencyNotes, type Note } from './notes-seed.js';

export type { Note, NoteKind } from './notes-seed.js';

export interface NoteContext {
  shape: NetworkShape;
  caches: CacheSizes;
  graph: Graph;
  optimized: boolean;
  liveness: Liveness;
  comparisons: BlockComparison[];
  inPlace: InPlaceReport;
  /** Predicted peaks for the seed's measured configurations, when the network is known. */
  measured: { batch: number; size: number; predictedBytes: number }[];
}

/** Most feature maps of `layer` live together at any of its nodes. */
function maxBlockMaps(layer: string, live: Liveness, shapes: Map<string, number[]>): number {
  const own = new Set(live.lifetimes.filter((t) => t.layer === layer && (shapes.get(t.name) ?? []).slice(2).some((d) => d > 1)).map((t) => t.name));
  return Math.max(0, ...live.perNode.filter((n) => n.layer === layer).map((n) => n.liveTensors.filter((t) => own.has(t)).length));
}

function fourMapsNote(ctx: NoteContext): Note {
  const shapes = new Map([...ctx.graph.tensors.values()].map((t) => [t.name, t.shape]));
  const values: Note['values'] = {};
  let most = 0;
  const rows = ctx.comparisons.filter((c) => c.seedCovered && c.liveness).map((c) => {
    const maps = maxBlockMaps(c.layer, ctx.liveness, shapes);
    most = Math.max(most, maps);
    Object.assign(values, {
      [`${c.layer}.seedBytes`]: c.seedBytes,
      [`${c.layer}.livenessBytes`]: c.liveness!.liveBytes,
      [`${c.layer}.carriedBytes`]: c.liveness!.carriedBytes,
      [`${c.layer}.maxBlockMapsLive`]: maps,
    });
    return `${c.layer} ${mb(c.seedBytes)} vs ${mb(c.liveness!.liveBytes)} at ${c.liveness!.node}`;
  });
  const over = ctx.comparisons.filter((c) => c.seedCovered && c.liveness && c.seedBytes > c.liveness.liveBytes).map((c) => c.layer);
  const under = ctx.comparisons.filter((c) => c.seedCovered && c.liveness && c.seedBytes < c.liveness.liveBytes).map((c) => c.layer);
  return {
    id: 'four-maps-live',
    kind: 'error',
    title: 'The seed adds four feature maps of a block as if all were live at once',
    detail:
      `§2 sums input + pw output + fused output + output. In the graph that runs (${ctx.optimized ? 'after the pass pipeline' : 'as built'}) at most ${most} of a block's own maps are live at any node: each map dies once its consumer has read it. ` +
      `What the seed leaves out instead is the skips held for the decoder and the weights of the whole network (${mb(ctx.liveness.weightBytes)}). Seed vs liveness maximum per block: ${rows.join('; ')}. ` +
      `So the seed overstates ${over.join(', ') || 'no block'} (extra maps counted) and understates ${under.join(', ') || 'no block'} (skips and weights missing).`,
    values,
  };
}

function prcmBasisNote(shape: NetworkShape): Note {
  const values: Note['values'] = { numBasis: shape.numBasis, seedBasis: SEED_PRCM_BASIS };
  const rows = encoderConfigs(shape.size, shape.cList, shape.inputChannels).map((b) => {
    const seed = prcmFlops(b.outChannels, b.resolution);
    const real = prcmFlops(b.outChannels, b.resolution, shape.numBasis);
    values[`${b.layer}.seedFlops`] = seed;
    values[`${b.layer}.flops`] = real;
    return `${b.layer} ${seed} vs ${real}`;
  });
  const same = shape.numBasis === SEED_PRCM_BASIS;
  return {
    id: 'prcm-basis',
    kind: 'error',
    title: 'PRCM FLOPs use a literal 8 instead of num_basis',
    detail: same
      ? `§5 writes out_ch * 8 * 2 + 8 * out_ch * 2 for the two small matmuls; at num_basis ${shape.numBasis} this coincides with the real count.`
      : `§5 writes out_ch * 8 * 2 + 8 * out_ch * 2 for the two small matmuls, so at num_basis ${shape.numBasis} its PRCM FLOPs ${shape.numBasis > SEED_PRCM_BASIS ? 'undercount' : 'overcount'} by 4 * out_ch * ${Math.abs(shape.numBasis - SEED_PRCM_BASIS)} per block (seed vs actual): ${rows.join('; ')}.`,
    values,
  };
}

function featureMapNote(ctx: NoteContext): Note {
  const { shape, graph, liveness } = ctx;
  const table = featureMapTable(shape.size, shape.batch, shape.cList);
  const largest = liveness.lifetimes.reduce((a, t) => (t.bytes > a.bytes ? t : a), liveness.lifetimes[0]);
  const allBytes = liveness.lifetimes.reduce((a, t) => a + t.bytes, 0);
  const out = graph.outputs.map((o) => liveness.lifetimes.find((t) => t.name === o)).filter((t) => t !== undefined);
  const outBytes = out.reduce((a, t) => a + t.bytes, 0);
  const blockRes = decoderConfigs(shape.size, shape.cList).map((b) => b.resolution);
  return {
    id: 'feature-map-table',
    kind: 'omission',
    title: 'The §1 table and its decoder list leave out the largest tensors',
    detail:
      `It lists 11 maps: encoder outputs after pooling and, for the decoder, reversed(c_list[:-1]) at reversed(resolutions[:-1]) — the block outputs after the skip add. ` +
      `The decoder blocks themselves compute at ${blockRes.join(', ')} (listed: ${table.decoder.map((r) => r.resolution).join(', ')}) and upsample afterwards, so their own maps are missing. ` +
      `Also missing: the pre-pool encoder maps (the largest tensor is ${largest.name}, ${mb(largest.bytes)}, bigger than any row), the network input, and the final 1x1 conv and ${shape.size}x${shape.size} output (${mb(outBytes)}). ` +
      `Its "Total Activation Memory" ${mb(table.totalBytes)} is neither the sum of all ${liveness.lifetimes.length} non-weight tensors (${mb(allBytes)}) nor the live peak (${mb(liveness.peakActivationBytes)} of activations).`,
    values: {
      tableBytes: table.totalBytes,
      encoderBytes: table.encoderBytes,
      decoderBytes: table.decoderBytes,
      decoderBlockResolutions: blockRes.join(','),
      largestTensor: largest.name,
      largestTensorBytes: largest.bytes,
      allActivationBytes: allBytes,
      peakActivationBytes: liveness.peakActivationBytes,
    },
  };
}

function batchNote(shape: NetworkShape): Note {
  const b = encoderConfigs(shape.size, shape.cList, shape.inputChannels)[1];
  // At batch 1 there is nothing to amortise, so show the effect at batch 8.
  const batch = shape.batch > 1 ? shape.batch : 8;
  const hw = b.resolution * b.resolution;
  const flops = batch * b.inChannels * b.outChannels * hw * 2;
  const bytes = (batch * b.inChannels * hw + b.inChannels * b.outChannels + batch * b.outChannels * hw) * FLOAT32_BYTES;
  const seedAi = arithmeticIntensity(b.inChannels, b.outChannels, b.resolution, shape.kernelSize).pw_conv.ai;
  return {
    id: 'batch-ignored',
    kind: 'omission',
    title: 'Batch size is dropped from §2’s printed tables and absent from §5',
    detail:
      `§2's formula takes batch_size but its print helper never passes it, so every printed working set is for batch 1; §5 has no batch term, so weights read once per batch are never amortised. ` +
      `At batch ${batch}, ${b.layer}'s pw conv has intensity ${(flops / bytes).toFixed(3)} against the seed's ${seedAi.toFixed(3)}.`,
    values: { batch, layer: b.layer, pwFlops: flops, pwBytes: bytes, pwIntensity: flops / bytes, seedPwIntensity: seedAi },
  };
}

function prcmTrafficNote(ctx: NoteContext): Note {
  const b = encoderConfigs(ctx.shape.size, ctx.shape.cList, ctx.shape.inputChannels)[0];
  const map = ctx.shape.batch * b.outChannels * b.resolution * b.resolution * FLOAT32_BYTES;
  return {
    id: 'prcm-traffic',
    kind: 'error',
    title: 'PRCM memory traffic counts one read where it needs two',
    detail:
      `§5 counts one read and one write of x (${2 * map} bytes for ${b.layer}), but the channel mean must finish before the scale can start, so a stand-alone PRCM reads x twice and writes once (${3 * map} bytes). ` +
      (ctx.optimized
        ? 'In the optimized graph the scale is applied by the next kernel as it reads x, which removes the separate write and second read.'
        : 'Folding the scale into the next kernel (the pass pipeline does) would remove the separate write and second read.'),
    values: { layer: b.layer, seedBytes: 2 * map, standaloneBytes: 3 * map, mapBytes: map },
  };
}

function measuredNote(ctx: NoteContext): Note | null {
  if (!ctx.measured.length) return null;
  const values: Note['values'] = {};
  const rows = SEED_MEASURED_PEAK_MB.map((m) => {
    const p = ctx.measured.find((x) => x.batch === m.batch && x.size === m.size);
    if (!p) return '';
    const ratio = (m.peakMB * MiB) / p.predictedBytes;
    values[`b${m.batch}@${m.size}.predictedBytes`] = p.predictedBytes;
    values[`b${m.batch}@${m.size}.measuredMB`] = m.peakMB;
    values[`b${m.batch}@${m.size}.ratio`] = Number(ratio.toFixed(3));
    return `b${m.batch}@${m.size} ${m.peakMB} vs ${mb(p.predictedBytes, 2)} (x${ratio.toFixed(2)})`;
  }).filter(Boolean);
  return {
    id: 'measured-peak',
    kind: 'omission',
    title: 'The seed never reconciles its measured peaks with its model',
    detail:
      `Its PyTorch measurement (max_memory_allocated) against the liveness prediction for the default network: ${rows.join('; ')}. ` +
      'b1@512 and b4@256 measure alike, as the model expects (same pixels x batch). The remaining factor of about 2 is not explained here: the measurement also holds what this model leaves out, such as allocator rounding, convolution workspace and any intermediate PyTorch materialises that the fused graph does not have.',
    values,
  };
}

function inPlaceNote(ctx: NoteContext): Note {
  const p = ctx.inPlace;
  const peakNode = ctx.liveness.perNode[ctx.liveness.peakIndex];
  const nodes = new Set(p.candidates.map((c) => c.node)).size;
  return {
    id: 'in-place',
    kind: 'model',
    title: 'In-place reuse and the peak',
    detail:
      `${nodes} nodes could write over a dying input of the same shape (${p.candidates.length} candidate inputs). Using one per node, the peak goes from ${ctx.liveness.peakBytes} to ${p.peakWithAllBytes} bytes (${p.peakDropWithAllBytes} less). ` +
      (p.peakDropWithAllBytes === 0 && peakNode
        ? `The peak sits at ${peakNode.node} (${peakNode.op}), which has no in-place candidate, so aliasing elsewhere does not lower it.`
        : ''),
    values: { nodes, candidates: p.candidates.length, peakBytes: ctx.liveness.peakBytes, peakWithAllBytes: p.peakWithAllBytes, peakNode: peakNode?.node ?? '' },
  };
}

export function buildNotes(ctx: NoteContext): Note[] {
  const notes = [
    fourMapsNote(ctx),
    ...seedConsistencyNotes(ctx.caches),
    prcmBasisNote(ctx.shape),
    featureMapNote(ctx),
    batchNote(ctx.shape),
    prcmTrafficNote(ctx),
    measuredNote(ctx),
    inPlaceNote(ctx),
  ];
  return notes.filter((n): n is Note => n !== null);
}
