// bench:core (`npm run bench:core`, bundled by run.mjs): the tensor core against raw tfjs on the same backend, in Node on the tfjs cpu
// backend (the conformance platform). Prints ours/raw ratios from one run.
//   A @ B at N=256 and N=1024 (core matmul vs tf.matMul), and a chain of 20 elementwise ops on a
//   lesson-sized tensor (60 values) with autograd off and on (targets: ≤ 1.05 and ≤ 2).
import * as tf from '@tensorflow/tfjs-core';
import * as c from '../../src/core/index.js';

const now = () => performance.now();

/**
 * Best (minimum) ms of each body over `runs` rounds after one warm-up: the two bodies alternate
 * within a round, and the minimum discards rounds slowed by other processes on a shared machine.
 */
async function timePair(
  runs: number,
  ours: () => Promise<void>,
  raw: () => Promise<void>,
): Promise<[number, number]> {
  await raw();
  await ours();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = now();
    await raw();
    b.push(now() - t0);
    t0 = now();
    await ours();
    a.push(now() - t0);
  }
  return [Math.min(...a), Math.min(...b)];
}

async function matmul(n: number, runs: number): Promise<[number, number]> {
  const a = tf.randomUniform([n, n]);
  const b = tf.randomUniform([n, n]);
  const av = await a.data();
  const bv = await b.data();
  const ca = c.fromValues(av, [n, n], 'float32', 'cpu');
  const cb = c.fromValues(bv, [n, n], 'float32', 'cpu');
  const [ours, raw] = await timePair(
    runs,
    async () => {
      const r = c.matmul(ca, cb);
      await r.read();
      r.dispose();
    },
    async () => {
      const r = tf.matMul(a, b);
      await r.data();
      r.dispose();
    },
  );
  tf.dispose([a, b]);
  ca.dispose();
  cb.dispose();
  return [ours, raw];
}

const CHAIN = 20;
const ITER = 300;

function rawChain(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let y = x;
    for (let i = 0; i < CHAIN / 4; i++) {
      y = tf.add(y, 1);
      y = tf.mul(y, 0.5);
      y = tf.sin(y);
      y = tf.sub(2, y);
    }
    return y;
  });
}
function coreChain(x: c.Tensor): c.Tensor {
  let y = x;
  for (let i = 0; i < CHAIN / 4; i++) {
    y = c.add(y, 1);
    y = c.mul(y, c.pyFloat(0.5));
    y = c.sin(y);
    y = c.rsub(y, 2);
  }
  return y;
}

async function chain(withGrad: boolean): Promise<[number, number]> {
  const values = Array.from({ length: 60 }, (_, i) => -3 + i * 0.1);
  const x = tf.tensor1d(values);
  const cx = c.fromValues(values, [60], 'float32', 'cpu');
  c.setRequiresGrad(cx, withGrad);
  const [ours, raw] = await timePair(
    9,
    async () => {
      const scope = new c.TensorScope();
      const previous = c.setTensorScope(scope);
      try {
        for (let i = 0; i < ITER; i++) coreChain(cx);
        await coreChain(cx).read();
      } finally {
        c.setTensorScope(previous);
        scope.dispose();
      }
    },
    async () => {
      for (let i = 0; i < ITER; i++) rawChain(x).dispose();
      const last = rawChain(x);
      await last.data();
      last.dispose();
    },
  );
  x.dispose();
  cx.dispose();
  return [ours, raw];
}

await c.initDevices();
const backend = c.deviceBackends().cpu;
console.log(`bench:core: Node, tfjs ${backend} backend, best of timed runs after a warm-up`);
const rows: [string, number, number, number][] = [];
for (const [n, runs] of [
  [256, 9],
  [1024, 3],
] as const) {
  const [ours, raw] = await matmul(n, runs);
  rows.push([`A @ B, N=${n}`, ours, raw, 1.05]);
}
for (const withGrad of [false, true]) {
  const [ours, raw] = await chain(withGrad);
  rows.push([
    `20 elementwise ops ×${ITER + 1}, 60 values, autograd ${withGrad ? 'on' : 'off'}`,
    ours,
    raw,
    2,
  ]);
}
console.log(
  'case'.padEnd(50),
  'ours ms'.padStart(10),
  'raw ms'.padStart(10),
  'ours/raw'.padStart(9),
  'target'.padStart(7),
);
for (const [name, ours, raw, target] of rows) {
  const ratio = ours / raw;
  console.log(
    name.padEnd(50),
    ours.toFixed(2).padStart(10),
    raw.toFixed(2).padStart(10),
    ratio.toFixed(3).padStart(9),
    `≤ ${target}`.padStart(7),
    ratio <= target ? 'ok' : 'OVER',
  );
}
