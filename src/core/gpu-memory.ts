// Bounds the GPU memory tfjs keeps for reuse. The webgpu backend pools every freed buffer by its
// (size, usage), the webgl backend every freed texture by its shape and every compiled shader
// program by the shapes it was compiled for, and none of them ever gives one back: cells that run
// tensors of changing sizes on "cuda" made the browser's GPU process grow run after run (108 MB to
// 3.3 GB in a battery of cuda cells). Here the pool is emptied when a run ends (as
// torch.cuda.empty_cache() does) and whenever it holds more than FREE_POOL_LIMIT_BYTES, and the
// webgl programs are kept for the PROGRAM_CACHE_LIMIT most recently used shapes. These reach into
// the backends' managers: tfjs offers no public call that frees only what is unused.
import * as tf from '@tensorflow/tfjs-core';

/** The most freed GPU memory the pool may keep between two ops (reuse within a loop still works). */
export const FREE_POOL_LIMIT_BYTES = 64 * 1024 * 1024;

/** Compiled webgl programs kept (each costs the GPU process ~150 KB on SwiftShader). */
export const PROGRAM_CACHE_LIMIT = 256;

interface WebGpuBufferManager {
  freeBuffers: Map<string, { size: number; destroy(): void }[]>;
  usedBuffers: Map<string, unknown[]>;
  numFreeBuffers: number;
  numBytesUsed: number;
  numBytesAllocated: number;
  releaseBuffer(buffer: unknown, reuse?: boolean): void;
}

interface WebGlTextureManager {
  freeTextures: Record<string, { texture: unknown }[]> | null;
  usedTextures: Record<string, unknown[]> | null;
  numFreeTextures: number;
  _numBytesAllocated: number;
  _numBytesFree: number;
  gpgpu: { deleteMatrixTexture(texture: unknown): void };
  releaseTexture(...args: unknown[]): void;
}

interface WebGlBinary {
  webGLProgram: unknown;
}

interface PooledBackend {
  bufferManager?: WebGpuBufferManager;
  textureManager?: WebGlTextureManager | { dispose(): void };
  binaryCache?: Record<string, WebGlBinary>;
  gpgpu?: { deleteProgram(program: unknown): void };
  getAndSaveBinary?(key: string, getBinary: () => WebGlBinary): WebGlBinary;
}

function webgpuPool(backend: PooledBackend | undefined): WebGpuBufferManager | undefined {
  const manager = backend?.bufferManager;
  return manager && manager.freeBuffers instanceof Map ? manager : undefined;
}

function webglPool(backend: PooledBackend | undefined): WebGlTextureManager | undefined {
  const manager = backend?.textureManager as WebGlTextureManager | undefined;
  return manager && typeof manager._numBytesFree === 'number' && manager.gpgpu ? manager : undefined;
}

function registered(name: 'webgpu' | 'webgl'): PooledBackend | undefined {
  return tf.engine().registry[name] as PooledBackend | undefined;
}

/** Bytes the pool holds: freed by tensors, kept for reuse. */
function freeBytes(backend: PooledBackend | undefined): number {
  const gpu = webgpuPool(backend);
  if (gpu) return gpu.numBytesAllocated - gpu.numBytesUsed;
  const gl = webglPool(backend);
  return gl?.freeTextures ? gl._numBytesFree : 0;
}

function emptyPool(backend: PooledBackend | undefined): void {
  const gpu = webgpuPool(backend);
  if (gpu) {
    // A pooled buffer is in no pending command: tfjs pools one only after the commands that use it
    // were submitted. The lists of sizes no longer in use go too (one per size ever seen).
    for (const [key, buffers] of gpu.freeBuffers) {
      for (const buffer of buffers) {
        buffer.destroy();
        gpu.numBytesAllocated -= buffer.size;
      }
      buffers.length = 0;
      if (!gpu.usedBuffers.get(key)?.length) {
        gpu.freeBuffers.delete(key);
        gpu.usedBuffers.delete(key);
      }
    }
    // releaseBuffer looks up the free list of a buffer in use, and releases nothing while there is
    // no free list at all (its after-dispose check): every size in use keeps one.
    for (const [key, buffers] of gpu.usedBuffers) {
      if (buffers.length > 0 && !gpu.freeBuffers.has(key)) gpu.freeBuffers.set(key, []);
    }
    gpu.numFreeBuffers = 0;
  }
  const gl = webglPool(backend);
  if (gl?.freeTextures) {
    for (const [key, textures] of Object.entries(gl.freeTextures)) {
      for (const texture of textures) gl.gpgpu.deleteMatrixTexture(texture.texture);
      textures.length = 0;
      if (!gl.usedTextures?.[key]?.length) {
        delete gl.freeTextures[key];
        delete gl.usedTextures?.[key];
      }
    }
    gl._numBytesAllocated -= gl._numBytesFree;
    gl._numBytesFree = 0;
    gl.numFreeTextures = 0;
  }
}

/** Frees the GPU memory tfjs pools for reuse on every GPU backend (live tensors are untouched). */
export function releaseFreeGpuMemory(): void {
  for (const name of ['webgpu', 'webgl'] as const) {
    const backend = registered(name);
    emptyPool(backend);
    // A backend set up again (e.g. after its device was lost) is a new pool to bound.
    if (backend) boundGpuMemory(name);
  }
}

/** GPU memory of the backend behind "cuda", as torch.cuda reports it (bytes). */
export function gpuMemory(backendName: string | null): { allocated: number; reserved: number } {
  if (backendName !== 'webgpu' && backendName !== 'webgl') return { allocated: 0, reserved: 0 };
  const backend = registered(backendName);
  const gpu = webgpuPool(backend);
  if (gpu) return { allocated: gpu.numBytesUsed, reserved: gpu.numBytesAllocated };
  const gl = webglPool(backend);
  if (gl) return { allocated: gl._numBytesAllocated - gl._numBytesFree, reserved: gl._numBytesAllocated };
  return { allocated: 0, reserved: 0 };
}

const bounded = new WeakSet<object>();

/** Keeps the webgl backend's compiled programs to the most recently used PROGRAM_CACHE_LIMIT. */
function boundProgramCache(backend: PooledBackend): void {
  const original = backend.getAndSaveBinary;
  if (!original || !backend.gpgpu || bounded.has(original)) return;
  const getAndSaveBinary = function (this: PooledBackend, key: string, getBinary: () => WebGlBinary) {
    const cache = this.binaryCache!;
    const hit = cache[key];
    if (hit) {
      // Moved to the end: the keys' order is the order of use.
      delete cache[key];
      cache[key] = hit;
      return hit;
    }
    const binary = original.call(this, key, getBinary);
    const keys = Object.keys(cache);
    for (let i = 0; i < keys.length - PROGRAM_CACHE_LIMIT; i++) {
      this.gpgpu!.deleteProgram(cache[keys[i]].webGLProgram);
      delete cache[keys[i]];
    }
    return binary;
  };
  bounded.add(getAndSaveBinary);
  backend.getAndSaveBinary = getAndSaveBinary;
}

/**
 * Makes a GPU backend empty its pool whenever a release leaves more than FREE_POOL_LIMIT_BYTES in
 * it, so that one long run of changing sizes stays bounded too, and bounds webgl's programs. Call
 * once the backend is set up.
 */
export function boundGpuMemory(name: 'webgpu' | 'webgl'): void {
  const backend = registered(name);
  if (backend) boundProgramCache(backend);
  const manager = webgpuPool(backend) ?? webglPool(backend);
  if (!manager || bounded.has(manager)) return;
  bounded.add(manager);
  const release = (webgpuPool(backend)?.releaseBuffer ?? webglPool(backend)!.releaseTexture) as (
    ...args: unknown[]
  ) => void;
  const bound = function (this: unknown, ...args: unknown[]): void {
    release.apply(this, args);
    if (freeBytes(backend) > FREE_POOL_LIMIT_BYTES) emptyPool(backend);
  };
  if (webgpuPool(backend)) webgpuPool(backend)!.releaseBuffer = bound;
  else webglPool(backend)!.releaseTexture = bound;
}
