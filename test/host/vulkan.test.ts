// Choosing the Vulkan loader and driver for the Node host, on machines described by fake probes.
import { describe, expect, it } from 'vitest';
import { loaderInReach, planVulkan, RESTARTED, VulkanSetupError, type Probe } from '../../src/host/vulkan.js';

const machine = (files: string[], ldconfig = ''): Probe => ({ exists: (p) => files.includes(p), ldconfig: () => ldconfig });
const CHROMIUM = ['/usr/lib/chromium/libvulkan.so.1', '/usr/lib/chromium/vk_swiftshader_icd.json'];
const DAWN = '/repo/node_modules/webgpu/dist/linux-x64';

describe('the Vulkan set-up of the Node host', () => {
  it('finds a loader beside dawn.node, on LD_LIBRARY_PATH, in the linker cache or in the system folders', () => {
    expect(loaderInReach({}, DAWN, machine([`${DAWN}/libvulkan.so.1`]))).toBe(`${DAWN}/libvulkan.so.1`);
    expect(loaderInReach({ LD_LIBRARY_PATH: '/a:/b' }, DAWN, machine(['/b/libvulkan.so.1']))).toBe('/b/libvulkan.so.1');
    const cache = '\tlibvulkan.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libvulkan.so.1\n';
    expect(loaderInReach({}, DAWN, machine([], cache))).toBe('/usr/lib/x86_64-linux-gnu/libvulkan.so.1');
    expect(loaderInReach({}, DAWN, machine(['/usr/lib64/libvulkan.so.1']))).toBe('/usr/lib64/libvulkan.so.1');
    expect(loaderInReach({}, DAWN, machine(CHROMIUM))).toBeNull();
  });

  it('pins SwiftShader by default, as the browser host does, and leaves the driver alone when told', () => {
    const files = [...CHROMIUM, '/usr/lib/x86_64-linux-gnu/libvulkan.so.1'];
    expect(planVulkan({}, DAWN, machine(files))).toMatchObject({ set: { VK_ICD_FILENAMES: '/usr/lib/chromium/vk_swiftshader_icd.json' }, restart: null });
    expect(planVulkan({ WEBGPU_ADAPTER: 'default' }, DAWN, machine(files)).set).toEqual({});
    expect(planVulkan({ VK_ICD_FILENAMES: '/x/nvidia_icd.json' }, DAWN, machine(files)).set).toEqual({});
  });

  it("restarts with a browser's loader on LD_LIBRARY_PATH when the system has none, once", () => {
    const plan = planVulkan({ LD_LIBRARY_PATH: '/opt/lib' }, DAWN, machine(CHROMIUM));
    expect(plan.restart).toEqual({ VK_ICD_FILENAMES: '/usr/lib/chromium/vk_swiftshader_icd.json', LD_LIBRARY_PATH: '/usr/lib/chromium:/opt/lib', [RESTARTED]: '1' });
    expect(() => planVulkan({ [RESTARTED]: '1' }, DAWN, machine(CHROMIUM))).toThrow(/did not load/);
  });

  it('names what to install when a piece is missing', () => {
    expect(() => planVulkan({}, DAWN, machine(['/usr/lib64/libvulkan.so.1']))).toThrow(VulkanSetupError);
    expect(() => planVulkan({}, DAWN, machine(['/usr/lib64/libvulkan.so.1']))).toThrow(/SwiftShader.*apt-get install chromium.*WEBGPU_ADAPTER=default/);
    expect(() => planVulkan({ WEBGPU_ADAPTER: 'default' }, DAWN, machine([]))).toThrow(/no Vulkan loader \(libvulkan\.so\.1\).*apt-get install libvulkan1/);
  });
});
