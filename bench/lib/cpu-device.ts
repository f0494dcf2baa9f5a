// The cpu device of a Node bench: one pinned backend (`--backend=NAME`), or by default the
// browser's rule (src/core/device.ts: tfjs's JS cpu backend, wasm once a program's tensors are big).
import { loadBackend, useBackend, type BackendName } from '../../src/core/backends.js';
import { deviceBackends, initCpuDevice, setDeviceBackend, setFastCpuBackend } from '../../src/core/device.js';

/**
 * Sets the cpu device up; resolves with a function that names what it ran on when asked (after the
 * run): the pinned backend, `cpu`, or `cpu_then_wasm` when the rule moved it.
 */
export async function setUpCpuDevice(wanted: BackendName | undefined): Promise<() => string> {
  if (wanted) {
    const backend: BackendName = (await loadBackend(wanted)) ? wanted : 'cpu';
    if (backend === 'cpu') await loadBackend('cpu');
    useBackend(backend);
    // Tensors on the "cpu" device run on this backend alone.
    setDeviceBackend('cpu', backend);
    return () => backend;
  }
  setFastCpuBackend('wasm');
  await initCpuDevice();
  return () => (deviceBackends().cpu === 'cpu' ? 'cpu' : `cpu_then_${deviceBackends().cpu}`);
}
