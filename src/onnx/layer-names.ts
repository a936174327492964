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

function autoName(parts: string[]): string {
  return parts.length > 1 && parts[1].startsWith(`${parts[0]}.`) ? parts[1] : parts[0];
}

/**
 * The layer of a node from its scoped name, or undefined when the name carries no module scope
 * (the caller then inherits the layer of the node's input). 'auto' takes the top-level module,
 * and its indexed child when the top-level module is a container (layer1 -> layer1.0,
 * features -> features.3), which is what a reader calls a block in torchvision models.
 */
export function layerOf(nodeName: string, depth: GroupDepth): string | undefined {
  return layerFromPath(modulePath(nodeName), depth);
}

function layerFromPath(parts: string[], depth: GroupDepth): string | undefined {
  if (!parts.length) return undefined;
  if (depth === 'auto') return autoName(parts);
  if (!Number.isInteger(depth) || depth < 1) throw new Error(`group depth must be a positive integer or 'auto', got ${depth}`);
  return qualified(parts, Math.min(depth, parts.length));
}

/** Leading module components every scoped node shares: a wrapper (`model`, `m`) around the network. */
function wrapperDepth(paths: string[][]): number {
  if (!paths.length) return 0;
  let k = 0;
  // A container whose children are indexed (layer1 > layer1.0) is a level of the network, not a wrapper.
  const container = (c: string) => paths.some((p) => p[k + 1]?.startsWith(`${c}.`));
  while (paths.every((p) => p.length > k && p[k] === paths[0][k]) && paths.some((p) => p.length > k + 1) && !container(paths[0][k])) k++;
  return k;
}

/**
 * Layers of a whole model: as layerOf, below any wrapper module that every scoped node shares
 * (torchvision segmentation models and user wrappers put the network in one, which would
 * otherwise make a single layer). Nodes of the wrapper itself take the wrapper's name.
 */
export function layerNamer(nodeNames: readonly string[], depth: GroupDepth): (nodeName: string) => string | undefined {
  const k = wrapperDepth(nodeNames.map(modulePath).filter((p) => p.length));
  return (name) => {
    const parts = modulePath(name);
    if (!parts.length) return undefined;
    return parts.length > k ? layerFromPath(parts.slice(k), depth) : parts[parts.length - 1];
  };
}
