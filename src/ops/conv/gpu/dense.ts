// The dense conv2d kernel: every conv the depthwise and pointwise fast paths decline (KxK,
// strided, dilated, grouped, padded 1x1, conv1d). Variants: register tiles of output channels
// x output vec4s (tiled.ts), and the one-channel program (direct.ts) as `oc1`.
import type { Node } from '../../../graph/ir.js';
import type { DispatchSpec, Kernel, KernelContext } from '../../../runtime/kernel.js';
import { isPackable } from '../../../runtime/kernel-util.js';
import { convDispatch } from './direct.js';
import { activationSupported, convGeometry } from './geometry.js';
import { tiledDispatch, type TiledTile } from './tiled.js';

/**
 * Output channels x vec4 column groups per invocation, by variant name; the default first.
 * SwiftShader, 11 zoo shapes (superres, unet, resnet, regnet; heavily shared machine, so
 * within ~1.5x of each other is noise): geometric mean of min time over the best per shape
 * oc8x4 1.18, oc4x4 1.22, oc16x2 1.26, oc16x1 1.48, oc8x2 1.49; the one-channel oc1 8.5.
 */
export const DENSE_TILES: Readonly<Record<string, TiledTile>> = {
  oc8x4: { oct: 8, px: 4 },
  oc16x2: { oct: 16, px: 2 },
  oc8x2: { oct: 8, px: 2 },
  oc4x4: { oct: 4, px: 4 },
  oc16x1: { oct: 16, px: 1 },
};

export const LEGACY_VARIANT = 'oc1';

export const DENSE_VARIANTS: readonly string[] = [...Object.keys(DENSE_TILES), LEGACY_VARIANT];

// The tiles read packed weights; a weight fed at run time (a graph input) takes the one-channel program.
function denseVariants(node: Node, ctx: KernelContext): string[] {
  return isPackable(ctx, node.inputs[1]) ? [...DENSE_VARIANTS] : [LEGACY_VARIANT];
}

function denseDispatch(node: Node, ctx: KernelContext, variant = denseVariants(node, ctx)[0]): DispatchSpec {
  if (variant === LEGACY_VARIANT) return convDispatch(node, ctx);
  const tile = DENSE_TILES[variant];
  if (!tile || !isPackable(ctx, node.inputs[1])) throw new Error(`conv2d '${node.name}': no variant '${variant}' (variants: ${denseVariants(node, ctx).join(', ')})`);
  return tiledDispatch(convGeometry(node, ctx), tile, node.name);
}

export const conv2dKernel: Kernel = {
  name: 'conv2d',
  ops: ['conv2d'],
  accepts: (node) => activationSupported(node),
  variants: denseVariants,
  dispatches: (node, ctx, variant) => [denseDispatch(node, ctx, variant)],
};
