// A unary kind as a fused epilogue: the WGSL a kernel applies to its result `v` (of the kernel's
// alias type T) before storing it. Kinds whose WGSL reads parameters or calls helper functions
// need the unary program.
import { unaryRow } from './op.js';

export function fusableActivation(act: string): boolean {
  if (act === 'none') return true;
  const row = unaryRow(act);
  return row !== undefined && row.params === undefined && row.helpers === undefined;
}

export function activationExpr(act: string): string {
  if (act === 'none') return 'v';
  if (!fusableActivation(act)) throw new Error(`activation '${act}' cannot be fused into a kernel epilogue`);
  return unaryRow(act)!.wgsl;
}
