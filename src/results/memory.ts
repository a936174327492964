// Physical memory of one configuration set against the prediction: which buffers existed at
// the physical peak, what they hold, and why they exceed the predicted live bytes.
import { attributeAll, bytesByCategory, type AttributedBuffer } from '../profiler/attribution.js';
import type { EngineMeasurement } from '../profiler/measure.js';
import type { MemoryResult, Mode } from './types.js';

const MB = (b: number): string => `${(b / 2 ** 20).toFixed(2)} MB`;

export interface PhysicalPeak {
  bytes: number;
  buffers: { label: string; bytes: number }[];
}

function explain(mode: Mode, activationExcess: number, parts: { what: string; bytes: number }[]): string {
  const excess = `its activation buffers exceed the live activations at the peak by ${MB(activationExcess)}`;
  const lead =
    mode === 'arena'
      ? `The arena places tensors at planned offsets in a few buffers; ${excess}, because first-fit ` +
        'packing cannot always reuse the holes left by tensors of other sizes, and every tensor is aligned to 256 bytes.'
      : `The pool gives each tensor a cached buffer of at least its size (256-byte aligned), reused only by later ` +
        `tensors needing between half and all of it, and never returns buffers; ${excess}, because buffers of ` +
        'dead tensors stay cached while being too big or too small for the tensors live at the peak.';
  const rest = parts
    .slice(1)
    .filter((p) => p.bytes !== 0)
    .map((p) => `${p.what} ${MB(p.bytes)}`);
  return rest.length ? `${lead} Outside the activations: ${rest.join(', ')}.` : lead;
}

export function composeMemory(mode: Mode, m: EngineMeasurement, peak: PhysicalPeak, byBuffer: ReadonlyMap<number, string[]>, predictedPeak: number | null): MemoryResult {
  const buffers: AttributedBuffer[] = attributeAll(peak.buffers, byBuffer);
  const cat = bytesByCategory(buffers);
  const liveActivations = (predictedPeak ?? m.memory.logicalPeakBytes) - m.weights.bytes;
  const parts = [
    { what: 'activation buffers beyond the live activations (alignment, packing, caching)', bytes: cat.activations - liveActivations },
    { what: 'weight buffer padding (per-tensor alignment)', bytes: cat.weights - m.weights.bytes },
    { what: 'uniforms', bytes: cat.uniforms },
    { what: 'output readback', bytes: cat.readback },
    { what: 'timestamp query buffers', bytes: cat.query },
    { what: 'other buffers', bytes: cat.other },
  ];
  return {
    weights: m.weights,
    logicalPeakDispatch: m.memory.logicalPeakDispatch,
    liveAtLogicalPeak: m.memory.liveAtLogicalPeak,
    physicalPeakBuffers: buffers,
    physicalByCategory: cat,
    querySetBytes: m.querySetBytes,
    overhead: { bytes: peak.bytes - (predictedPeak ?? m.memory.logicalPeakBytes), parts, explanation: explain(mode, parts[0].bytes, parts) },
    anomalies: m.memory.anomalies,
  };
}
