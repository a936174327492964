// Generic conv2d fallback (any groups / kernel / strides / pads / dilations). See shaders/conv2d.wgsl.
import type { Node } from '../../graph/ir.js';
import { Uniforms, type DispatchSpec, type Kernel, type KernelContext } from '../kernel.js';
import src from '../../../shaders/conv2d.wgsl?raw';
import { activationSupported, convBindings, convGeometry, convTensors, epilogue, fillTemplate } from './conv-common.js';

export interface ConvVariant {
  bias: boolean;
  scale: boolean;
  relu: boolean;
  wg: number;
}

export const CONV_DEFAULTS = { wg: 64 };

export function convShader(v: ConvVariant): string {
  return fillTemplate(src, {
    BINDINGS: convBindings({ bias: v.bias, scale: v.scale }, 'array<f32>', 'array<f32>'),
    WG: v.wg,
    // The prescale is per input channel, so it applies to each channel's partial sum.
    SCALE: v.scale ? ' * s[plane]' : '',
    EPILOGUE: epilogue({ bias: v.bias ? 'b[oc]' : undefined, relu: v.relu }),
  });
}

export function convDispatch(node: Node, ctx: KernelContext, tuning = CONV_DEFAULTS): DispatchSpec {
  const g = convGeometry(node, ctx);
  const v: ConvVariant = { bias: Boolean(g.bias), scale: Boolean(g.scale), relu: g.relu, wg: tuning.wg };
  const OW4 = Math.ceil(g.OW / 4);
  const total = g.N * g.OC * g.OH * OW4;
  const workgroups = Math.ceil(total / v.wg);
  const u = new Uniforms()
    .u32(g.C, g.H, g.W, g.OC, g.OH, g.OW, OW4, g.KH, g.KW, g.strides[0], g.strides[1])
    .i32(g.pads[0], g.pads[1])
    .u32(g.dilations[0], g.dilations[1], g.C / g.group, g.OC / g.group, total, workgroups);
  return {
    key: { kernel: 'conv2d', variant: { ...v } },
    shader: convShader(v),
    tensors: convTensors(g),
    uniforms: u.done(),
    workgroups,
    label: `${node.name} conv2d ${g.KH}x${g.KW}/${g.strides[0]} g${g.group}`,
  };
}

export const conv2dKernel: Kernel = {
  name: 'conv2d',
  ops: ['conv2d'],
  accepts: (node) => activationSupported(node),
  dispatches: (node, ctx) => [convDispatch(node, ctx)],
};
