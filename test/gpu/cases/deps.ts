// Loads the page-side npm dependencies the way product pages will.

export async function loadDeps(): Promise<{ ort: string; plot: string }> {
  const ort = await import('onnxruntime-web');
  const Plot = await import('@observablehq/plot');
  return { ort: typeof ort.InferenceSession.create, plot: typeof Plot.plot };
}

/** Runs an ONNX model on the wasm EP; proves the .wasm files are reachable. */
export async function runOnnxWasm(modelUrl: string, inputUrl: string, shape: number[]): Promise<Float32Array> {
  const ort = await import('onnxruntime-web');
  const session = await ort.InferenceSession.create(modelUrl, { executionProviders: ['wasm'] });
  const input = new Float32Array(await (await fetch(inputUrl)).arrayBuffer());
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, shape) };
  const out = await session.run(feeds);
  const data = out[session.outputNames[0]].data as Float32Array;
  await session.release();
  return data;
}
