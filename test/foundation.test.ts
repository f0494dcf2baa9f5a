import * as tf from '@tensorflow/tfjs-core';
import { expect } from '@open-wc/testing';
import { forEachBackend } from './backends.js';

describe('tfjs backends in this browser', () => {
  forEachBackend((backend) => {
    it('multiplies two matrices to known values', async () => {
      expect(tf.getBackend()).to.equal(backend);
      const a = tf.tensor2d([
        [1, 2],
        [3, 4],
      ]);
      const b = tf.tensor2d([
        [5, 6],
        [7, 8],
      ]);
      const c = tf.matMul(a, b);
      expect(Array.from(await c.data())).to.deep.equal([19, 22, 43, 50]);
      tf.dispose([a, b, c]);
    });

    it('multiplies a 64×64 matrix by the identity', async () => {
      const a = tf.randomUniform([64, 64]);
      const c = tf.matMul(a, tf.eye(64));
      const [want, got] = await Promise.all([a.data(), c.data()]);
      for (let i = 0; i < want.length; i++) expect(got[i]).to.be.closeTo(want[i], 1e-5);
      tf.dispose([a, c]);
    });
  });
});
