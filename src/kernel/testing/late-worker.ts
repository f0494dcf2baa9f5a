// A page's own kernel Worker that loads the kernel after a top-level await (as a wrapper that
// patches the Worker's globals might): messages sent before its `ready` must not be lost.
await new Promise((resolve) => setTimeout(resolve, 50));
await import('./scripted-worker.js');
export {};
