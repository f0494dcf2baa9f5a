// The page's kernel Worker: one per page, started by client.ts. It answers protocol messages with
// a Kernel, then says `ready` once its modules have loaded (the client holds requests until then).
// The interpreter is a static import: the browser fetches its chunks with the kernel's, in one
// parallel wave (rollup hoists them into worker.js), not after the first run asks for it.
import { PythonSession } from '../python/index.js';
import { Kernel, type PythonSessionLike } from './kernel.js';
import type { KernelEvent, KernelReady, KernelRequest } from './protocol.js';

// tsconfig's lib is DOM, whose `self` is a Window: name the Worker side of it.
const scope = self as unknown as {
  postMessage(message: KernelEvent | KernelReady): void;
  onmessage: ((event: MessageEvent<KernelRequest>) => void) | null;
};

const kernel = new Kernel((event) => scope.postMessage(event), {
  inWorker: true,
  createSession: () => new PythonSession() as PythonSessionLike,
});
scope.onmessage = (event) => kernel.handle(event.data);
scope.postMessage({ type: 'ready' });
