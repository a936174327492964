// Finds the seed's DWBlock (optional 1x1 pointwise conv, kxk depthwise conv, PRCM) in any
// graph, layer by layer, so its per-block formula is applied only where the block really is
// one; and recognizes the whole JeongWonNet_DWBlock_Swap layout, for the seed's full tables.
import type { Graph, Node } from '../graph/ir.js';
import { attrInts, attrNumber } from '../graph/ir.js';
import { decoderConfigs, validateShape, type NetworkShape } from './network.js';
import { encoderConfigs, type BlockConfig } from './seed.js';

export interface DwBlockPattern extends BlockConfig {
  kernelSize: number;
  numBasis: number;
  batch: number;
}

const shapeOf = (g: Graph, name: string | undefined): number[] => (name ? (g.tensors.get(name)?.shape ?? []) : []);
const unitStrides = (n: Node): boolean => attrInts(n.attrs, 'strides', [1, 1]).every((s) => s === 1);

/** A kxk depthwise conv over a square map: weight [C,1,k,k], group C, stride 1. */
function isDepthwise(g: Graph, n: Node): boolean {
  if (n.op !== 'conv2d') return false;
  const w = shapeOf(g, n.inputs[1]);
  const x = shapeOf(g, n.inputs[0]);
  const c = w[0];
  return w.length === 4 && w[1] === 1 && w[2] === w[3] && w[2] > 1 && attrNumber(n.attrs, 'group', 1) === c && x[1] === c && x[2] === x[3] && unitStrides(n);
}

function isPointwise(g: Graph, n: Node): boolean {
  const w = shapeOf(g, n.inputs[1]);
  return n.op === 'conv2d' && w.length === 4 && w[2] === 1 && w[3] === 1 && attrNumber(n.attrs, 'group', 1) === 1 && unitStrides(n);
}

/** PRCM as one node or split into context + gate: its basis input is [B, C]. */
function prcmBasis(g: Graph, nodes: Node[], channels: number): number | null {
  const p = nodes.filter((n) => n.op === 'prcm' || n.op === 'prcm_gate');
  if (p.length !== 1) return null;
  const basis = shapeOf(g, p[0].inputs[1]);
  return basis.length === 2 && basis[1] === channels ? basis[0] : null;
}

function blockOf(g: Graph, layer: string, nodes: Node[]): DwBlockPattern | null {
  const dws = nodes.filter((n) => isDepthwise(g, n));
  if (dws.length !== 1) return null;
  const dw = dws[0];
  const [batch, channels, resolution] = shapeOf(g, dw.inputs[0]);
  const numBasis = prcmBasis(g, nodes, channels);
  if (numBasis === null) return null;
  const pw = nodes.find((n) => n.outputs[0] === dw.inputs[0] && isPointwise(g, n));
  const otherConvs = nodes.filter((n) => n.op === 'conv2d' && n !== dw && n !== pw);
  if (otherConvs.length) return null;
  const inChannels = pw ? shapeOf(g, pw.inputs[0])[1] : channels;
  return { layer, inChannels, outChannels: channels, resolution, kernelSize: shapeOf(g, dw.inputs[1])[2], numBasis, batch };
}

/** Every layer whose nodes form exactly one DWBlock, in execution order. */
export function recognizeDwBlocks(g: Graph): DwBlockPattern[] {
  const layers = new Map<string, Node[]>();
  for (const n of g.nodes) layers.set(n.layer, [...(layers.get(n.layer) ?? []), n]);
  return [...layers].flatMap(([layer, nodes]) => blockOf(g, layer, nodes) ?? []);
}

const sameBlock = (a: BlockConfig, b: BlockConfig | undefined): boolean =>
  !!b && a.layer === b.layer && a.inChannels === b.inChannels && a.outChannels === b.outChannels && a.resolution === b.resolution;

/**
 * The network shape when the graph has JeongWonNet_DWBlock_Swap's eleven DWBlocks with the
 * channels and resolutions the seed's configs imply (one kernel size and basis throughout).
 */
export function recognizeJeongWonNet(g: Graph): NetworkShape | null {
  const blocks = recognizeDwBlocks(g);
  const byLayer = new Map(blocks.map((b) => [b.layer, b]));
  const enc = [1, 2, 3, 4, 5, 6].map((i) => byLayer.get(`encoder${i}`));
  if (enc.some((b) => !b)) return null;
  const first = enc[0]!;
  const input = shapeOf(g, g.inputs[0]);
  const output = shapeOf(g, g.outputs[0]);
  if (g.inputs.length !== 1 || input.length !== 4 || input[2] !== input[3] || input[2] !== first.resolution || output.length !== 4) return null;
  const shape: NetworkShape = {
    size: input[2],
    batch: input[0],
    cList: enc.map((b) => b!.outChannels),
    kernelSize: first.kernelSize,
    numBasis: first.numBasis,
    inputChannels: input[1],
    numClasses: output[1],
  };
  const expected = [...encoderConfigs(shape.size, shape.cList, shape.inputChannels), ...decoderConfigs(shape.size, shape.cList)];
  const uniform = blocks.every((b) => b.kernelSize === shape.kernelSize && b.numBasis === shape.numBasis && b.batch === shape.batch);
  if (!uniform || blocks.length !== expected.length || !expected.every((e) => sameBlock(e, byLayer.get(e.layer)))) return null;
  try {
    validateShape(shape);
  } catch {
    return null;
  }
  return shape;
}
