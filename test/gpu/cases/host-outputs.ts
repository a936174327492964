// The cross-host outputs (test/host/engine-outputs.ts) on the page's device, with its adapter.
import { getDevice } from '../device';
import type { AdapterInfoRecord } from '../../../src/runtime/device';
import { engineOutputs, type EngineOutputs, type FixtureInput } from '../../host/engine-outputs';

export async function pageOutputs(fixture: FixtureInput): Promise<EngineOutputs & { adapter: AdapterInfoRecord }> {
  const handle = await getDevice();
  return { ...(await engineOutputs(handle.device, fixture)), adapter: handle.adapterInfo };
}
