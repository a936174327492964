// Page side of the GEMM ceiling microbenchmark: the inner loop of the packed pointwise conv
// (CO output channels x PX pixel vec4s, CO*PX vec4 multiply-adds per input channel) in three
// forms, timed with timestamp queries:
//   regs  - operands rotate in registers (swizzles), no loads: the FMA issue ceiling of the tile;
//   loads - the same FMAs with the conv's loads (CO/4 weight vec4s + PX pixel vec4s per step);
//   loadsOnly - the loads with one add each: what the loads alone cost;
// and, in the same page, the device's FMA roof (the profiler's bench_fma) to put them against.
import { getDevice } from '../device';
import { measureFma } from '../../../src/profiler/ceilings/compute';
import { DEFAULT_CEILING_OPTIONS } from '../../../src/profiler/ceilings/index';
import { PassTimer } from '../../../src/profiler/ceilings/timer';

export interface CeilingRow {
  form: string;
  co: number;
  px: number;
  ms: number;
  gflops: number;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const COMP = ['x', 'y', 'z', 'w'];

function shader(form: string, co: number, px: number, steps: number): string {
  const accs = range(co).flatMap((c) => range(px).map((m) => `  var a${c}_${m} = vec4<f32>(f32(i) * 1e-9);`));
  const rot = form === 'regs';
  const loads = [
    ...range(co / 4).map((k) => (rot ? `    wv${k} = wv${k}.yzwx;` : `    let wv${k} = w[(ci * ${co / 4}u + ${k}u) & 1023u];`)),
    ...range(px).map((m) => (rot ? `    x${m} = x${m}.wxyz;` : `    let x${m} = x[((ci << 8u) + (i & 255u) * ${px}u + ${m}u) & 65535u];`)),
  ];
  const body =
    form === 'loadsOnly'
      ? [...range(co / 4).map((k) => `    a0_0 += wv${k};`), ...range(px).map((m) => `    a0_0 += x${m};`)]
      : range(co / 4).flatMap((k) => range(4).flatMap((j) => range(px).map((m) => `    a${4 * k + j}_${m} = fma(vec4<f32>(wv${k}.${COMP[j]}), x${m}, a${4 * k + j}_${m});`)));
  // regs reads w and x once (outside the loop) so that every form binds the same buffers.
  const inits = rot ? [...range(co / 4).map((k) => `  var wv${k} = w[${k}u] + vec4<f32>(1.0, 0.5, 0.25, ${k}.0 + f32(i & 7u));`), ...range(px).map((m) => `  var x${m} = x[i & 255u] + vec4<f32>(0.5, ${m}.0, 0.125, f32(i & 3u));`)] : [];
  const sum = range(co).flatMap((c) => range(px).map((m) => `a${c}_${m}`)).join(' + ');
  return `
@group(0) @binding(0) var<storage, read_write> w: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> x: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> y: array<vec4<f32>>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
${accs.join('\n')}
${inits.join('\n')}
  for (var ci = 0u; ci < ${steps}u; ci++) {
${loads.join('\n')}
${body.join('\n')}
  }
  y[i] = ${sum};
}`;
}

export async function gemmCeiling(tiles: [number, number][], invocations = 4096, steps = 128, reps = 5): Promise<CeilingRow[]> {
  const { device } = await getDevice();
  const buf = (n: number) => device.createBuffer({ size: n * 16, usage: GPUBufferUsage.STORAGE });
  const w = buf(1024);
  const x = buf(65536);
  const y = buf(invocations);
  const qs = device.createQuerySet({ type: 'timestamp', count: 2 });
  const res = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const rows: CeilingRow[] = [];
  const forms = ['regs', 'loads', 'loadsOnly'];
  const pipes = new Map<string, GPUComputePipeline>();
  for (const [co, px] of tiles) {
    for (const form of forms) {
      const module = device.createShaderModule({ code: shader(form, co, px, steps) });
      pipes.set(`${form}${co}x${px}`, await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' } }));
    }
  }
  const times = new Map<string, number[]>();
  // Reps of one pipeline run back to back, the first (warm-up) dropped.
  for (const [key, pipe] of pipes) {
    for (let r = 0; r < reps + 1; r++) {
      const bg = device.createBindGroup({ layout: pipe.getBindGroupLayout(0), entries: [w, x, y].map((b, i) => ({ binding: i, resource: { buffer: b } })) });
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass({ timestampWrites: { querySet: qs, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } });
      pass.setPipeline(pipe);
      pass.setBindGroup(0, bg);
      pass.dispatchWorkgroups(invocations / 64);
      pass.end();
      enc.resolveQuerySet(qs, 0, 2, res, 0);
      enc.copyBufferToBuffer(res, 0, read, 0, 16);
      device.queue.submit([enc.finish()]);
      await read.mapAsync(GPUMapMode.READ);
      const t = new BigUint64Array(read.getMappedRange().slice(0));
      read.unmap();
      if (r > 0) (times.get(key) ?? times.set(key, []).get(key)!).push(Number(t[1] - t[0]) / 1e6);
    }
  }
  for (const [co, px] of tiles) {
    for (const form of forms) {
      const ms = Math.min(...times.get(`${form}${co}x${px}`)!);
      const flops = form === 'loadsOnly' ? 0 : invocations * steps * co * px * 8;
      rows.push({ form, co, px, ms, gflops: flops / ms / 1e6 });
    }
  }
  const timer = new PassTimer(device, 16);
  const roof = await measureFma(device, timer, 'f32', { ...DEFAULT_CEILING_OPTIONS, repeats: 5 });
  rows.push({ form: 'roof (bench_fma)', co: 0, px: 0, ms: roof.flopsPerDispatch / roof.gflops / 1e6, gflops: roof.gflops });
  [w, x, y, res, read].forEach((b) => b.destroy());
  qs.destroy();
  return rows;
}
