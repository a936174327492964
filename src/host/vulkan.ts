// What Dawn needs from the machine before it can give a Vulkan adapter in plain Node: the Vulkan
// loader (libvulkan.so.1) and a driver manifest (ICD). Dawn opens the loader when the first
// adapter is requested, looking beside dawn.node first and then where the dynamic linker looks;
// the dynamic linker reads LD_LIBRARY_PATH once, when the process starts, so a loader found
// elsewhere takes a new process. The ICD is read from VK_ICD_FILENAMES when the loader starts,
// which a running process can still set.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Env = Record<string, string | undefined>;

export const LOADER = 'libvulkan.so.1';

/** Where the dynamic linker finds libraries on common Linux distributions when no cache lists them. */
export const SYSTEM_LIB_DIRS: readonly string[] = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib64', '/usr/lib64', '/lib', '/usr/lib', '/usr/local/lib'];

/** Browsers that ship their own loader beside themselves (Debian's chromium, Google Chrome). */
export const BROWSER_LOADERS: readonly string[] = ['/usr/lib/chromium/libvulkan.so.1', '/usr/lib/chromium-browser/libvulkan.so.1', '/opt/google/chrome/libvulkan.so.1'];

/** SwiftShader's Vulkan ICD, a CPU device, as the same browsers ship it. */
export const SWIFTSHADER_ICDS: readonly string[] = ['/usr/lib/chromium/vk_swiftshader_icd.json', '/usr/lib/chromium-browser/vk_swiftshader_icd.json', '/opt/google/chrome/vk_swiftshader_icd.json'];

/** Where the Vulkan loader (and NVIDIA's container toolkit) keep driver manifests. */
export const ICD_DIRS: readonly string[] = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d', '/usr/local/nvidia/share/vulkan/icd.d'];

/** Set in a process started only to give it a loader, so it never starts another. */
export const RESTARTED = 'WGPU_PROFILER_VULKAN_RESTARTED';

export class VulkanSetupError extends Error {
  override name = 'VulkanSetupError';
}

export interface Probe {
  exists(path: string): boolean;
  /** The dynamic linker's cache, as `ldconfig -p` prints it ('' when unavailable). */
  ldconfig(): string;
}

export const machine: Probe = {
  exists: existsSync,
  ldconfig() {
    for (const bin of ['/sbin/ldconfig', '/usr/sbin/ldconfig']) {
      try {
        if (existsSync(bin)) return execFileSync(bin, ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        // An unreadable cache just means the directory search decides.
      }
    }
    return '';
  },
};

const dirsOf = (list: string | undefined): string[] => (list ?? '').split(':').filter(Boolean);

/** The loader Dawn would open as things stand, or null. */
export function loaderInReach(env: Env, dawnDir: string | null, probe: Probe = machine): string | null {
  const dirs = [...(dawnDir ? [dawnDir] : []), ...dirsOf(env.LD_LIBRARY_PATH)];
  const direct = dirs.map((d) => join(d, LOADER)).find((p) => probe.exists(p));
  if (direct) return direct;
  const cached = probe.ldconfig().match(/libvulkan\.so\.1 \([^)]*\) => (\S+)/);
  if (cached) return cached[1];
  return SYSTEM_LIB_DIRS.map((d) => join(d, LOADER)).find((p) => probe.exists(p)) ?? null;
}

export interface VulkanPlan {
  /** Variables to set in this process before Dawn starts. */
  set: Record<string, string>;
  /** When set, this process cannot reach a loader: run again with these variables added. */
  restart: Record<string, string> | null;
  /** What was chosen, for the log. */
  notes: string[];
}

function icdChoice(env: Env, probe: Probe): { set: Record<string, string>; note: string } {
  if (env.VK_ICD_FILENAMES || env.VK_DRIVER_FILES) return { set: {}, note: `Vulkan driver: ${env.VK_ICD_FILENAMES ?? env.VK_DRIVER_FILES} (from the environment)` };
  if (env.WEBGPU_ADAPTER === 'default') return { set: {}, note: `Vulkan driver: the machine's (the loader searches ${ICD_DIRS.slice(0, 2).join(', ')}, ...)` };
  const swiftshader = SWIFTSHADER_ICDS.find((p) => probe.exists(p));
  if (!swiftshader)
    throw new VulkanSetupError(
      `SwiftShader's Vulkan driver was not found (looked at ${SWIFTSHADER_ICDS.join(', ')}). Install Debian's chromium (apt-get install chromium), ` +
        "point VK_ICD_FILENAMES at a Vulkan driver's ICD JSON, or set WEBGPU_ADAPTER=default to use this machine's GPU driver.",
    );
  return { set: { VK_ICD_FILENAMES: swiftshader }, note: `Vulkan driver: SwiftShader (${swiftshader}; WEBGPU_ADAPTER=default uses the machine's GPU)` };
}

/**
 * The environment Dawn needs here, as the browser host does it: SwiftShader unless
 * WEBGPU_ADAPTER=default or a driver is named, and a loader from the system, else from a
 * browser's folder (in a restarted process), else a clear error naming what to install.
 */
export function planVulkan(env: Env, dawnDir: string | null, probe: Probe = machine): VulkanPlan {
  const icd = icdChoice(env, probe);
  const loader = loaderInReach(env, dawnDir, probe);
  if (loader) return { set: icd.set, restart: null, notes: [icd.note, `Vulkan loader: ${loader}`] };
  const borrowed = BROWSER_LOADERS.find((p) => probe.exists(p));
  if (!borrowed || env[RESTARTED])
    throw new VulkanSetupError(
      `no Vulkan loader (${LOADER}): not beside dawn.node, on LD_LIBRARY_PATH, in the linker cache or in ${SYSTEM_LIB_DIRS.join(', ')}` +
        `${borrowed ? `, and ${borrowed} did not load` : ` or in a browser's folder (${BROWSER_LOADERS.join(', ')})`}. ` +
        "Install Debian's libvulkan1 (apt-get install libvulkan1), or set LD_LIBRARY_PATH to a folder that holds libvulkan.so.1.",
    );
  const libPath = [dirname(borrowed), ...dirsOf(env.LD_LIBRARY_PATH)].join(':');
  return { set: icd.set, restart: { ...icd.set, LD_LIBRARY_PATH: libPath, [RESTARTED]: '1' }, notes: [icd.note, `Vulkan loader: ${borrowed} (no system loader; restarting with LD_LIBRARY_PATH=${libPath})`] };
}

/** The driver manifests in the usual places, for messages that say what the machine has. */
export function icdFiles(probe: Pick<Probe, 'exists'> = machine, list: (dir: string) => string[] = readdirSync): string[] {
  return ICD_DIRS.filter((d) => probe.exists(d)).flatMap((d) => {
    try {
      return list(d)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(d, f));
    } catch {
      return [];
    }
  });
}
