// A stand-in kernel Worker for client tests: code 'spin' busy-waits without ever reading its
// messages (as a long tfjs op would), anything else prints the code back and finishes.
import type { KernelEvent, KernelReady, KernelRequest } from '../protocol.js';

const scope = self as unknown as {
  postMessage(message: KernelEvent | KernelReady): void;
  onmessage: ((event: MessageEvent<KernelRequest>) => void) | null;
};

scope.onmessage = ({ data: msg }) => {
  if (msg.type === 'run') {
    if (msg.code === 'spin') for (;;) performance.now();
    scope.postMessage({ type: 'stdout', id: msg.id, text: `${msg.session}: ${msg.code}\n` });
    scope.postMessage({
      type: 'done',
      id: msg.id,
      ok: true,
      duration: 1,
      device: msg.device ?? 'cpu',
      backend: 'scripted',
    });
  } else if (msg.type === 'info') {
    scope.postMessage({ type: 'info', id: msg.id, backends: { cpu: 'scripted', cuda: null }, worker: true });
  } else if (msg.type === 'reset' || msg.type === 'configure') {
    scope.postMessage({ type: 'ack', id: msg.id });
  }
};
scope.postMessage({ type: 'ready' });
