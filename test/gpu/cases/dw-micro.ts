// Microbenchmarks for the depthwise kernel's cost model on this device: the same invocation
// count as a dwconv dispatch, each invocation doing only one kind of work, so the time per
// operation of each kind (vec4 FMA on registers, per-lane vec4 input gather, per-lane scalar
// weight gather) can be read off and summed into a floor for any tile.
import { getDevice } from '../device';
import { PassTimer } from '../../../src/profiler/ceilings/timer';

export type MicroKind = 'fma' | 'xload' | 'wload' | 'empty';

export interface MicroResult {
  kind: MicroKind;
  count: number;
  invocations: number;
  /** Sorted pass times in ms. */
  ms: number[];
}

function shader(kind: MicroKind, count: number): string {
  const body: string[] = [];
  if (kind === 'fma') {
    body.push('  let a = x[i % 1024u]; var s0 = a; var s1 = a.yzwx; var s2 = a.zwxy; var s3 = a.wxyz;');
    for (let k = 0; k < count; k++) body.push(`  s${k % 4} = fma(s${k % 4}, a, vec4<f32>(${(k % 7) + 1}.0));`);
    body.push('  y[i] = s0 + s1 + s2 + s3;');
  } else if (kind === 'xload') {
    // Lanes read neighbouring vec4s of one row as the dwconv window does (stride 2 vec4s).
    body.push('  var s = vec4<f32>(0.0); let base = (i / 64u) * 64u * 2u + (i % 64u) * 2u;');
    for (let k = 0; k < count; k++) body.push(`  s += x[(base + ${(k % 6) + 128 * Math.floor(k / 6)}u) % u.n4];`);
    body.push('  y[i] = s;');
  } else if (kind === 'wload') {
    // Every lane of a workgroup reads the same weights (one channel), at a dynamic base.
    body.push('  var s = 0.0; let wb = (i / 4096u) * 64u;');
    for (let k = 0; k < count; k++) body.push(`  s += w[wb + ${k % 64}u];`);
    body.push('  y[i] = vec4<f32>(s);');
  } else {
    body.push('  y[i] = x[i % 1024u];');
  }
  return `struct U { n4: u32, total: u32 }
@group(0) @binding(0) var<storage, read_write> x: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> w: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<vec4<f32>>;
@group(0) @binding(3) var<uniform> u: U;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= u.total) { return; }
  // Keeps every binding in the 'auto' layout.
  if (u.n4 == 0u) { y[0] = x[0] + vec4<f32>(w[0]); }
${body.join('\n')}
}`;
}

/** Times each (kind, count) over `invocations` invocations, `repeats` passes each, interleaved over `rounds`. */
export async function dwMicro(cases: Array<[MicroKind, number]>, invocations: number, repeats: number, rounds: number): Promise<MicroResult[]> {
  const { device } = await getDevice();
  const n4 = 1 << 20;
  const x = device.createBuffer({ size: 16 * n4, usage: GPUBufferUsage.STORAGE });
  const w = device.createBuffer({ size: 4 * 65536, usage: GPUBufferUsage.STORAGE });
  const y = device.createBuffer({ size: 16 * invocations, usage: GPUBufferUsage.STORAGE });
  const u = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(u, 0, new Uint32Array([n4, invocations, 0, 0]));
  const timer = new PassTimer(device, repeats + 1);
  const groups = Math.ceil(invocations / 64);
  const [gx, gy] = groups > 65535 ? [65535, Math.ceil(groups / 65535)] : [groups, 1];
  const runs = cases.map(([kind, count]) => {
    const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module: device.createShaderModule({ code: shader(kind, count) }), entryPoint: 'main' } });
    const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [x, w, y, u].map((buffer, binding) => ({ binding, resource: { buffer } })) });
    return { kind, count, pipeline, bind, ms: [] as number[] };
  });
  try {
    for (let r = 0; r < rounds; r++) {
      for (const run of runs) {
        const ns = await timer.time((pass) => {
          pass.setPipeline(run.pipeline);
          pass.setBindGroup(0, run.bind);
          pass.dispatchWorkgroups(gx, gy);
        }, repeats);
        run.ms.push(...ns.map((t) => t / 1e6));
      }
    }
    return runs.map((r) => ({ kind: r.kind, count: r.count, invocations, ms: r.ms.sort((a, b) => a - b) }));
  } finally {
    timer.destroy();
    for (const b of [x, w, y, u]) b.destroy();
  }
}
