// Graph + weights -> ONNX ModelProto bytes, written as torch.onnx.export writes the modules
// our op kinds stand for, so onnxruntime runs the same network with the same weights.
import type { Graph } from '../graph/ir.js';
import { getOp, hasOp, OP_DEFS } from '../ops/registry.js';
import { activationAttrs } from '../ops/unary/epilogue.js';
import { OnnxExportError } from './errors.js';
import { NodeWriter, type ExportContext } from './node-writer.js';
import { floats, OnnxWriter } from './writer.js';
import { layerOf } from './layer-names.js';

export interface ExportOptions {
  /** 13 (default, what the fixture uses) to 18; 18 moves ReduceMean axes to an input. */
  opset?: number;
  producer?: string;
  graphName?: string;
  /**
   * Write batch and spatial dims of the graph inputs and outputs as named (dynamic) dims, as
   * torch.onnx.export's dynamic_axes does; channels stay fixed. The importer then needs their
   * values (dims / inputShapes), and onnxruntime accepts any size the graph allows.
   */
  dynamic?: boolean;
}

function ioShape(name: string, shape: number[], dynamic: boolean | undefined): (number | string)[] {
  if (!dynamic) return shape;
  return shape.map((d, i) => (i === 0 ? 'batch' : i === 1 ? d : `${name}_dim${i}`));
}

/**
 * The module path a node's ONNX nodes are named under: '/encoder1/pw' for builder node
 * 'encoder1.pw' in layer 'encoder1'. Imported names lose a trailing op-type component
 * ('/encoder1/pw_conv/Conv' -> '/encoder1/pw_conv') and gain the layer when they lack it
 * ('/MaxPool' in encoder1 -> '/encoder1'), so a re-import assigns the same layers.
 */
function scopeOf(name: string, layer: string, oneLayer: boolean): string {
  // With one layer every scope would share its first component, which the importer reads as a
  // wrapper module around the network; the layer alone reads back as itself.
  if (oneLayer) return `/${layer}`;
  if (!name.startsWith('/')) {
    const local = name.startsWith(`${layer}.`) ? name.slice(layer.length + 1) : name;
    return `/${layer}/${local.replace(/[./]/g, '/')}`;
  }
  const parts = name.split('/').filter(Boolean);
  if (parts.length && /^[A-Z][A-Za-z]*(_\d+)?$/.test(parts[parts.length - 1])) parts.pop();
  // The exporter appends an op-type component to this scope; the importer must read the layer back.
  if (!parts.length || layerOf(`/${parts.join('/')}/Op`, 'auto') !== layer) parts.unshift(layer);
  return `/${parts.join('/')}`;
}

function transposed(data: Float32Array, [r, c]: number[]): Float32Array {
  const out = new Float32Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = data[i * c + j];
  return out;
}

export function exportOnnx(g: Graph, opts: ExportOptions = {}): Uint8Array {
  const opset = opts.opset ?? 13;
  if (opset < 13 || opset > 18) throw new OnnxExportError(`export supports opsets 13..18, not ${opset}`);
  const w = new OnnxWriter({ opset, producer: opts.producer, graphName: opts.graphName });
  const weightData = (name: string) => {
    const t = g.tensors.get(name);
    if (!t?.data) throw new OnnxExportError(`weight '${name}' has no data`);
    return t;
  };
  const x: ExportContext = {
    w,
    g,
    opset,
    weight: (name) => w.initializer(name, floats(weightData(name).data!, weightData(name).shape)),
    weightT: (name) => {
      const t = weightData(name);
      if (t.shape.length !== 2) throw new OnnxExportError(`weight '${name}' of shape [${t.shape}] is not a matrix`);
      return w.initializer(`${name}.T`, floats(transposed(t.data!, t.shape), [t.shape[1], t.shape[0]]));
    },
    activation(nw, kind, input) {
      // A fused activation is written as its own node, the way its op module exports it.
      const node = { ...nw.node, op: kind, inputs: [input], attrs: activationAttrs(nw.node.attrs) };
      getOp(kind).onnx.export(new NodeWriter(x, node, nw.scope));
    },
  };
  for (const name of g.inputs) w.input(name, ioShape(name, g.tensors.get(name)!.shape, opts.dynamic));
  const oneLayer = new Set(g.nodes.map((n) => n.layer)).size === 1;
  for (const node of g.nodes) {
    if (!hasOp(node.op)) throw new OnnxExportError(`node '${node.name}': op '${node.op}' has no ONNX form; exportable ops: ${OP_DEFS.map((d) => d.kind).sort().join(', ')}`);
    if (node.outputs.length !== 1) throw new OnnxExportError(`node '${node.name}': only single-output nodes can be exported`);
    getOp(node.op).onnx.export(new NodeWriter(x, node, scopeOf(node.name, node.layer, oneLayer)));
  }
  for (const name of g.outputs) w.output(name, ioShape(name, g.tensors.get(name)!.shape, opts.dynamic));
  return w.bytes();
}
