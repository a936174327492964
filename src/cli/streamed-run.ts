// What the command knows of a run while a host runs it: the configurations reported so far and
// how many are planned. When the host cannot hand back its own results (its page crashed or
// stopped answering, or a second Ctrl-C cut the stop short), these make the document written.
import { incompleteResults } from '../results/incomplete.js';
import type { ConfigResult, HostKind, ModelInfo } from '../results/types.js';
import type { StagedModel } from '../sweep/onnx-model.js';
import { resolveOptions } from '../sweep/options.js';
import type { BenchArgs } from './bench-args.js';
import type { PageProgress } from './bench-drive.js';

const BUILTIN_NAME = 'JeongWonNet_DWBlock_Swap';

export class StreamedRun {
  readonly rows: ConfigResult[] = [];
  private planned = 0;
  private readonly t0 = performance.now();

  constructor(
    private readonly args: BenchArgs,
    private readonly staged: StagedModel | null,
    private readonly host: HostKind,
  ) {}

  addRow(row: ConfigResult): void {
    this.rows.push(row);
  }

  /** The sweep's progress says how many configurations it runs (the what-if variants and ceilings are not rows). */
  progress(p: PageProgress): void {
    if (p.phase !== 'ceilings' && !p.variant) this.planned = Math.max(this.planned, p.configs);
  }

  private model(): ModelInfo {
    if (this.staged) return { name: this.staged.name, source: 'onnx', file: this.staged.name };
    const variant = this.args.sweep.variant;
    return { name: variant && variant !== 'baseline' ? `${BUILTIN_NAME} (${variant})` : BUILTIN_NAME, source: 'builtin', file: null };
  }

  /** Before the sweep reported its plan: every (batch, size) or shape, in every mode. */
  private plannedFromOptions(): number {
    const o = resolveOptions(this.args.sweep);
    return (o.inputShapes?.length ?? o.batches.length * o.sizes.length) * o.modes.length;
  }

  /** results.json of the configurations reported so far, marked incomplete for `reason`. */
  files(reason: string): [name: string, text: string][] {
    const results = incompleteResults({
      options: resolveOptions(this.args.sweep),
      host: this.host,
      model: this.model(),
      rows: this.rows,
      configsPlanned: this.planned || this.plannedFromOptions(),
      reason,
      durationMs: performance.now() - this.t0,
    });
    return [['results.json', JSON.stringify(results, null, 2)]];
  }
}
