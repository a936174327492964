// Compute pipelines, created once per (kernel, specialization) and cached by the typed key.
import { keyString, type PipelineKey } from './kernel.js';

export class PipelineCache {
  private readonly cache = new Map<string, Promise<GPUComputePipeline>>();
  private made = 0;
  constructor(private readonly device: GPUDevice) {}

  get size(): number {
    return this.cache.size;
  }

  /** Pipelines this cache asked the device for, ever (a soak checks that none are made again). */
  get created(): number {
    return this.made;
  }

  get(key: PipelineKey, shader: string, usedBy: string): Promise<GPUComputePipeline> {
    const id = keyString(key);
    let p = this.cache.get(id);
    if (!p) {
      p = this.create(id, shader, usedBy);
      this.cache.set(id, p);
    }
    return p;
  }

  private async create(id: string, code: string, usedBy: string): Promise<GPUComputePipeline> {
    this.made++;
    const module = this.device.createShaderModule({ label: id, code });
    try {
      return await this.device.createComputePipelineAsync({ label: id, layout: 'auto', compute: { module, entryPoint: 'main' } });
    } catch (e) {
      const info = await module.getCompilationInfo();
      const lines = info.messages.filter((m) => m.type === 'error').map((m) => `  line ${m.lineNum}:${m.linePos} ${m.message}`);
      throw new Error(`pipeline ${id} (first used by node '${usedBy}') failed: ${(e as Error).message}${lines.length ? '\n' + lines.join('\n') : ''}`);
    }
  }
}
