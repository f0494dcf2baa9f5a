// Times bench/train's workloads in torchlet's interpreter: shared by the Node entry and the page.
import { PythonSession } from '../../src/python/index.js';

export interface Workload {
  name: string;
  code: string;
}

/**
 * Ms of each run of each workload, run again and again in one session per workload (as a student
 * runs a cell again; PyTorch's side keeps its imported modules the same way).
 */
export async function timeWorkloads(
  workloads: readonly Workload[],
  repeats: number,
): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>();
  const sessions = new Map<string, PythonSession>();
  for (const w of workloads) {
    times.set(w.name, []);
    sessions.set(w.name, new PythonSession());
  }
  // rounds alternate the workloads, so a busy moment on a shared machine hits them alike
  for (let round = 0; round < repeats; round++) {
    for (const w of workloads) {
      const session = sessions.get(w.name)!;
      const t0 = performance.now();
      const out = await session.run(w.code, { stdout: () => {}, device: 'cpu' });
      const ms = performance.now() - t0;
      if (!out.ok) throw new Error(`${w.name}: ${out.error?.type}: ${out.error?.message}`);
      times.get(w.name)!.push(ms);
    }
  }
  for (const session of sessions.values()) session.dispose();
  return times;
}
