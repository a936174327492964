// One error class for everything that can go wrong reading or writing an ONNX model, so
// callers (CLI, tests, pages) can tell a bad model apart from a bug in the runtime.

export interface OnnxNodeRef {
  name: string;
  opType: string;
}

export class OnnxImportError extends Error {
  /** The node being converted when the problem was found, if any. */
  readonly node?: OnnxNodeRef;

  constructor(message: string, node?: OnnxNodeRef) {
    super(node ? `ONNX node '${node.name}' (${node.opType}): ${message}` : message);
    this.name = 'OnnxImportError';
    this.node = node && { name: node.name, opType: node.opType };
  }
}

export class OnnxExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnnxExportError';
  }
}
