// Ours vs onnxruntime-web, side by side with ratios, for the terminal and the HTML report; and
// what each configuration's output was checked against.
import type { ConfigResult, Results } from '../results/types.js';
import { configName, escapeHtml as esc, mb, ms, ratio } from './format.js';
import { referenceName } from './peers.js';
import { textTable } from './summary.js';
import { table } from './tables.js';

const HEADERS = [
  'config',
  'mode',
  'ours ms',
  'ORT WebGPU ms',
  'ORT/ours',
  'ORT WebGPU 1st run ms',
  'ORT wasm ms',
  'ORT/ours',
  'ours peak MB',
  'ORT WebGPU peak MB',
  'ORT/ours',
  'ours vs ORT wasm',
  'ORT WebGPU build',
];

const withPeers = (r: Results): ConfigResult[] => r.configs.filter((c) => c.peers);

function peerRow(c: ConfigResult): string[] {
  const p = c.peers!;
  const w = p.ortWebgpu;
  const k = p.ortWasm.check;
  const wasmCheck = k.maxRelError === undefined ? k.status : `${k.status} ${k.maxRelError.toExponential(1)}`;
  return [
    configName(c),
    c.mode,
    ms(p.ours.timeMs),
    w.error ? 'failed' : ms(w.timeMs),
    ratio(p.ratios.ortWebgpuTimeOverOurs, 2),
    ms(w.firstRunMs),
    p.ortWasm.error ? 'failed' : ms(p.ortWasm.timeMs),
    ratio(p.ratios.ortWasmTimeOverOurs, 2),
    mb(p.ours.peakBytes),
    mb(w.peakBytes),
    ratio(p.ratios.ortWebgpuPeakOverOurs, 2),
    p.ortWasm.error ? 'not run' : wasmCheck,
    w.fallback ? `${w.variant} (${w.fallback.from} failed)` : w.variant,
  ];
}

/** Which WebGPU build ran where the preferred one failed, once per distinct failure. */
function fallbackNote(rows: ConfigResult[]): string {
  const seen = new Map<string, Set<string>>();
  for (const c of rows) {
    const w = c.peers!.ortWebgpu;
    if (!w.fallback) continue;
    const then = w.error ? `; ${w.variant} was tried instead and failed too (${w.error})` : `, so ${w.variant} ran instead`;
    const text = `the ${w.fallback.from} build failed on this model (${w.fallback.error})${then}.`;
    seen.set(text, (seen.get(text) ?? new Set()).add(configName(c)));
  }
  return [...seen].map(([text, where]) => `At ${[...where].join(', ')}, ${text} `).join('');
}

/** How the two sides were measured, which builds ran, and the JSEP cache caveat with this run's numbers. */
function peersNote(r: Results): string {
  const rows = withPeers(r);
  const variants = [...new Set(rows.map((c) => c.peers!.ortWebgpu.variant))];
  const kept = Math.max(0, ...rows.map((c) => c.peers!.ortWebgpu.liveAfterReleaseBytes ?? 0));
  const inherited = Math.max(0, ...rows.map((c) => c.peers!.ortWebgpu.baselineBytes ?? 0));
  const node = r.environment.host === 'node';
  const where = node ? 'process' : 'page';
  return (
    `onnxruntime-web ${variants.join(' and ') || '-'} (WebGPU EP) and wasm EP in the same ${where}${node ? ' (plain Node, on Dawn)' : ''}, on the same adapter and input, ${r.options.reps} timed runs after ${r.options.warmup} warm-up (medians); the wasm EP also runs untimed until two runs in a row agree within 10% (up to 8 runs), since it compiles faster code in the background over its first runs. ` +
    fallbackNote(rows) +
    'Ours: wall time per inference (submit to GPU done) and our physical buffer peak; ORT: session.run plus output readback, and the peak of live buffers on its device, both seen by the same createBuffer/destroy tracking. ' +
    (variants.some((v) => v.startsWith('jsep'))
      ? `The JSEP build keeps its buffer cache after session.release() (${mb(kept)} MB still held after the last one here), so a later session in the same ${where} starts with that cache and its peak includes it` +
        (inherited > 0 ? ` (up to ${mb(inherited)} MB here). ` : '; here every WebGPU session started from an empty cache. ')
      : `This build frees its buffers on session.release() (${mb(kept)} MB left here). `) +
    (node
      ? "ORT's first WebGPU run compiles every pipeline it uses, which takes minutes on SwiftShader. "
      : "ORT's first runs in a page also share the CPU with the browser compiling its wasm in the background. ") +
    'The peers run after all our configurations, so that this cannot slow ours.'
  );
}

function checkLine(c: ConfigResult): string {
  const k = c.check;
  const what = k.status === 'not-checked' ? `not checked (${k.reason ?? ''})` : `${k.status} against ${referenceName(k.reference)}`;
  const err = k.maxRelError === undefined ? (k.reason && k.status === 'fail' ? `: ${k.reason}` : '') : `, max|y-ref|/max|ref| ${k.maxRelError.toExponential(2)}, max|y-ref| ${k.maxAbsError?.toExponential(2)}`;
  return `  ${configName(c)} ${c.mode}: ${what}${err}`;
}

/** The check of every configuration and, when compared, the peers table; '' when neither says more than the summary. */
export function comparisonText(r: Results): string {
  const checks = `Check (${r.model.name}; tolerance ${r.configs[0]?.check.tolerance ?? 1e-3}):\n${r.configs.map(checkLine).join('\n')}`;
  const rows = withPeers(r);
  if (!rows.length) return checks;
  return `${checks}\n\nOurs vs onnxruntime-web (ratios ORT/ours: above 1, ours is faster or holds less):\n${textTable(HEADERS, rows.map(peerRow))}\n${peersNote(r)}`;
}

export function peersHtml(r: Results): string {
  const rows = withPeers(r);
  if (!rows.length) return '';
  return [
    '<h2>Ours vs onnxruntime-web</h2>',
    `<p class="muted">${esc(peersNote(r))} Ratios are ORT/ours: above 1, ours is faster or holds less.</p>`,
    table(HEADERS, rows.map(peerRow), 2),
  ].join('\n');
}

export function modelHtml(r: Results): string {
  const m = r.model;
  return `<p>Model: ${esc(m.name)}${m.source === 'onnx' ? ' (ONNX file: imported, then the same pass pipeline as the built-in network)' : ' (built-in)'}.</p>`;
}
