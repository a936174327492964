// Axes that moved from an attribute to an input over the opsets (Squeeze/Unsqueeze at 13,
// ReduceMean at 18): one reader for both forms.
import type { ImportContext } from './context.js';

/**
 * Axes of the current node: the `axes` attribute before `inputFrom`, input 1 from then on.
 * Returns undefined when they are absent and optional.
 */
export function axesInput(ctx: ImportContext, inputFrom: number, required: boolean): number[] | undefined {
  let axes: number[] | undefined;
  if (ctx.opset < inputFrom) axes = ctx.optInts('axes');
  else if (ctx.has(1)) axes = Array.from(ctx.constant(1, 'axes').data);
  if (axes === undefined && required) ctx.fail(`needs axes (${ctx.opset < inputFrom ? 'attribute' : 'input 1'} at opset ${ctx.opset})`);
  return axes;
}
