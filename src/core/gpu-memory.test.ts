// The GPU memory tfjs keeps for reuse stays bounded on the real webgl and webgpu backends: the
// pool of freed buffers/textures during a loop of changing sizes and after a run's end, and
// webgl's compiled programs. Without the bounds (gpu-memory.ts) the pool held every size ever
// freed (here ~200 MB) and webgl kept a program per shape (here 300+).
import * as tf from '@tensorflow/tfjs-core';
import { expect } from '@open-wc/testing';
import { forEachBackend } from '../../test/backends.js';
import { FREE_POOL_LIMIT_BYTES, PROGRAM_CACHE_LIMIT, gpuMemory, releaseFreeGpuMemory } from './gpu-memory.js';

const MB = 1024 * 1024;

function pooled(backend: string): number {
  const { allocated, reserved } = gpuMemory(backend);
  return reserved - allocated;
}

describe('GPU memory kept by tfjs is bounded', function () {
  this.timeout(120000);

  forEachBackend(
    (backend) => {
      it('the pool of freed memory stays under its limit in a loop of changing sizes, and empties', async () => {
        releaseFreeGpuMemory();
        let largest = 0;
        let freed = 0;
        // 50 sizes, 8 to 8,000 KB each: a pool that kept them all would hold ~200 MB.
        for (let rows = 20; rows <= 1000; rows += 20) {
          const a = tf.fill([rows, 1000], 1);
          const b = tf.add(a, 1);
          expect((await b.data())[rows * 1000 - 1]).to.equal(2);
          tf.dispose([a, b]);
          freed += 2 * rows * 1000 * 4;
          largest = Math.max(largest, pooled(backend));
        }
        expect(freed).to.be.greaterThan(3 * FREE_POOL_LIMIT_BYTES);
        // At most the limit plus what one release adds (two 4 MB tensors and a read's staging copy).
        expect(largest / MB, 'MB pooled at most').to.be.at.most(FREE_POOL_LIMIT_BYTES / MB + 16);
        releaseFreeGpuMemory();
        expect(pooled(backend)).to.equal(0);
        // Live tensors are untouched, and the backend still computes after the pool is emptied.
        const kept = tf.fill([300, 300], 3);
        releaseFreeGpuMemory();
        expect(gpuMemory(backend).allocated).to.be.at.least(300 * 300 * 4);
        const sum = tf.sum(kept);
        expect((await sum.data())[0]).to.equal(270000);
        tf.dispose([kept, sum]);
      });
    },
    ['webgl', 'webgpu'],
  );

  forEachBackend(() => {
    it(`keeps at most ${PROGRAM_CACHE_LIMIT} compiled webgl programs, and recompiles an evicted one`, async () => {
      const cache = (tf.engine().registry.webgl as unknown as { binaryCache: Record<string, unknown> })
        .binaryCache;
      // webgl compiles a program per input shape: 300 shapes of one op.
      for (let rows = 1; rows <= 300; rows++) {
        const a = tf.fill([rows, 3], rows);
        const b = tf.mul(a, 2);
        expect((await b.data())[0]).to.equal(2 * rows);
        tf.dispose([a, b]);
      }
      expect(Object.keys(cache).length).to.be.at.most(PROGRAM_CACHE_LIMIT);
      // The first shapes' programs were evicted: they compile again and compute right.
      const a = tf.fill([1, 3], 7);
      const b = tf.mul(a, 2);
      expect([...(await b.data())]).to.deep.equal([14, 14, 14]);
      tf.dispose([a, b]);
    });
  }, ['webgl']);
});
