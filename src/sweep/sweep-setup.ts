// What a sweep runs, from its options and an optional staged ONNX file: the bench model and,
// with compare 'ort', the peer cache (onnxruntime-web on the same bytes: the user's file, or
// the built-in network exported with its weights, so both sides run identical numbers).
import { jeongwonnet, type JeongWonNetConfig } from '../graph/jeongwonnet.js';
import { whatIfVariants } from '../analysis/whatif.js';
import { exportOnnx } from '../onnx/index.js';
import { BUILTIN_INFO, JEONGWONNET, type BenchModel } from './model.js';
import { onnxBenchForms, onnxPoints, type OrtWasmOutput, type StagedModel } from './onnx-model.js';
import type { SweepPoint } from '../results/compose.js';
import { PeerCache } from './peers.js';
import { ortPeerRunner } from './peers-ort.js';
import type { SweepOptions, VariantId } from '../results/types.js';
import { variantModel } from './whatif-run.js';

export interface SweepSetup {
  model: BenchModel;
  peers: PeerCache | null;
}

/** The built-in network, or the what-if variant the options name, as the sweep's model and its builder overrides. */
function builtinModel(variant: VariantId | null | undefined): { model: BenchModel; config: Partial<JeongWonNetConfig> } {
  if (!variant || variant === 'baseline') return { model: JEONGWONNET, config: {} };
  const v = whatIfVariants().find((x) => x.id === variant);
  if (!v) throw new Error(`no what-if variant '${variant}'`);
  const model = variantModel(v);
  return { model: { ...model, info: { ...BUILTIN_INFO, name: model.name } }, config: v.config };
}

export function sweepSetup(opts: SweepOptions, staged?: StagedModel | null): SweepSetup {
  const builtin = builtinModel(opts.variant);
  const model = staged ? () => staged.bytes : (at: SweepPoint) => exportOnnx(jeongwonnet({ ...builtin.config, batch: at.batch, size: at.size ?? undefined }));
  const peers = opts.compare === 'ort' ? new PeerCache(ortPeerRunner({ model, reps: opts.reps, warmup: opts.warmup })) : null;
  if (!staged) return { model: builtin.model, peers };
  // Without an --expect file, ORT's wasm output is the reference: an independent implementation.
  const wasm: OrtWasmOutput | undefined = peers
    ? async (feeds, at) => {
        if (!peers.has(at)) return null;
        const r = await peers.get(feeds, at);
        if (!r.wasm.output) throw new Error(r.wasm.error ?? 'no output');
        return r.wasm.output;
      }
    : undefined;
  return { model: onnxBenchForms(staged, opts.form, onnxPoints(staged.bytes, opts)[0], wasm), peers };
}
