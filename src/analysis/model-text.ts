// Plain-text rendering of a ModelAnalysis: the model, then either the seed's full report (the
// graph is JeongWonNet's layout) or the liveness sections with the per-block formula where a
// layer is a DWBlock.
import type { Analysis } from './model.js';
import type { ModelAnalysis } from './model-analysis.js';
import { comparison, inPlace, liveness, renderText } from './text.js';

const dims = (s: readonly number[]) => s.join('x');

function header(m: ModelAnalysis): string {
  const { name, inputShape, outputShape, params } = m.model;
  const blocks = m.dwBlocks.map((b) => b.layer);
  const what = m.recognized
    ? `recognized as JeongWonNet_DWBlock_Swap (c_list [${m.recognized.cList.join(', ')}], k ${m.recognized.kernelSize}, num_basis ${m.recognized.numBasis})`
    : `not JeongWonNet_DWBlock_Swap's layout, so the seed's whole-network tables (1-5, 9) do not apply; DWBlocks found: ${blocks.join(', ') || 'none'}`;
  return `Model ${name}: input ${dims(inputShape)}, output ${dims(outputShape)}, ${params.toLocaleString('en-US')} parameters; ${what}.`;
}

export function renderModelText(m: ModelAnalysis): string {
  if (m.seed) {
    const full: Analysis = { ...m.seed, graph: m.graph, params: m.model.params, liveness: m.liveness, seedVsLiveness: m.seedVsLiveness };
    return `${header(m)}\n${renderText(full)}`;
  }
  const sections = [header(m), liveness(m)];
  if (m.seedVsLiveness.length) sections.push(comparison(m));
  sections.push(inPlace(m));
  return `${sections.join('\n')}\n`;
}
