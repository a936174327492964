// The Node host's device limits and its answers to refused allocations:
//   tsx test/host/node-faults.ts   (with the Vulkan environment planVulkan gives)
// prints { limits, refusals } as JSON on stdout.
import { createDawnGpu, noAdapterHelp } from '../../src/host/dawn';
import { acquireDevice } from '../../src/runtime/device';

const { gpu } = await createDawnGpu();
const handle = await acquireDevice({ gpu, noAdapterHelp: noAdapterHelp() });
// After Dawn's globals are installed: the allocator reads GPUBufferUsage as it runs.
const { refusedAllocations } = await import('../gpu/cases/allocation-refusals');
const refusals = await refusedAllocations(handle.device);
process.stdout.write(JSON.stringify({ limits: handle.limits, refusals }));
handle.device.destroy();
