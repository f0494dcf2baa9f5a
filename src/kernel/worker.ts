// The page's kernel Worker: one per page, started by client.ts. It answers protocol messages with
// a Kernel, then says `ready` once its modules have loaded (the client holds requests until then).
// The interpreter is a static import: the browser fetches its chunks with the kernel's, in one
// parallel wave (rollup hoists them into worker.js), not after the first run asks for it.
import { PythonSession } from '../python/index.js';
import { type PythonSessionLike, serveKernelInWorker } from './kernel.js';

serveKernelInWorker(() => new PythonSession() as PythonSessionLike);
