// Layers from the PyTorch module scope in ONNX node names. torch.onnx.export names a node
// after the modules it ran in, one path component per nesting level, ending with the op type:
// '/layer1/layer1.0/conv1/Conv' ran in layer1 > layer1.0 > conv1. A layer is the module at a
// chosen depth, named by its qualified path ('layer1.0', 'layer1.0.conv1').

/** A fixed module depth, or 'auto': the top-level module, or its indexed child when it is a container. */
export type GroupDepth = number | 'auto';

/** Module path components of a scoped node name (the trailing op-type component dropped). */
export function modulePath(nodeName: string): string[] {
  if (!nodeName.startsWith('/')) return [];
  const parts = nodeName.split('/').filter(Boolean);
  return parts.slice(0, -1);
}

/**
 * Qualified module name of the first `depth` components. A container's children carry their
 * parent's local name ('downsample' > 'downsample.0'); other children only their own ('conv1').
 */
function qualified(parts: string[], depth: number): string {
  let name = parts[0];
  let last = parts[0];
  for (const p of parts.slice(1, depth)) {
    name = p.startsWith(`${last}.`) ? name.slice(0, name.length - last.length) + p : `${name}.${p}`;
    last = p;
  }
  return name;
}

/**
 * The layer of a node from its scoped name, or undefined when the name carries no module scope
 * (the caller then inherits the layer of the node's input). 'auto' takes the top-level module,
 * and its indexed child when the top-level module is a container (layer1 -> layer1.0,
 * features -> features.3), which is what a reader calls a block in torchvision models.
 */
export function layerOf(nodeName: string, depth: GroupDepth): string | undefined {
  const parts = modulePath(nodeName);
  if (!parts.length) return undefined;
  if (depth === 'auto') return parts.length > 1 && parts[1].startsWith(`${parts[0]}.`) ? parts[1] : parts[0];
  if (!Number.isInteger(depth) || depth < 1) throw new Error(`group depth must be a positive integer or 'auto', got ${depth}`);
  return qualified(parts, Math.min(depth, parts.length));
}
