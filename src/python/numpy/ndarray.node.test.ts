// The ndarray engine against values and text recorded from numpy 1.24 / 2.x (legacy printing).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NDArray, NumpyError } from './ndarray.js';
import * as ops from './ops.js';
import { arrayRepr, arrayStr, scalarRepr } from './format.js';
import { RandomState } from './random.js';
import { promoteTypes, resultType } from './dtype.js';
import { Generator, SeedSequence } from './pcg64.js';

const f64 = (shape: number[], v: number[]) => NDArray.from('float64', shape, v);
const i64 = (shape: number[], v: number[]) => NDArray.from('int64', shape, v);
const int = (x: number) => ({ scalar: x, dtype: 'int64' as const });
const flt = (x: number) => ({ scalar: x, dtype: 'float64' as const });

describe('numpy legacy RandomState', () => {
  it('seed(0) normal draws what numpy draws', () => {
    const rs = new RandomState(0);
    const out = new Float64Array(5);
    rs.fillNormal(out, 0, 1);
    assert.deepEqual(
      Array.from(out),
      [1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675],
    );
  });

  it('rand, randint and uniform follow the same stream', () => {
    const rs = new RandomState(1);
    const r = new Float64Array(3);
    rs.fillRandom(r);
    assert.deepEqual(Array.from(r), [0.417022004702574, 0.7203244934421581, 0.00011437481734488664]);
    rs.seed(1);
    const k = new Float64Array(8);
    rs.fillInt(k, 0, 10);
    assert.deepEqual(Array.from(k), [5, 8, 9, 5, 0, 0, 1, 7]);
  });

  it('the cached second gaussian survives between calls and reseeding clears it', () => {
    const rs = new RandomState(42);
    const a = rs.gaussian();
    const b = rs.gaussian();
    assert.equal(a, 0.4967141530112327);
    assert.equal(b, -0.13826430117118466);
    rs.seed(42);
    assert.equal(rs.gaussian(), a);
  });

  it('rejects seeds numpy rejects', () => {
    assert.throws(() => new RandomState(-1), NumpyError);
    assert.throws(() => new RandomState(2 ** 32), NumpyError);
  });

  it('draws four million gaussians without per-element objects', () => {
    const rs = new RandomState(0);
    const out = new Float64Array(2000 * 2000);
    rs.fillNormal(out, 0, 1);
    const mean = out.reduce((s, x) => s + x, 0) / out.length;
    assert.ok(Math.abs(mean) < 0.01);
  });
});

describe('numpy printing', () => {
  it('prints the lesson arange as numpy does', () => {
    const xs = ops.arange(-3, 3, 0.1, 'float64');
    assert.equal(xs.size, 60);
    assert.equal(xs.getFlat(59), 2.9000000000000057);
    assert.equal(arrayStr(xs.get([{ kind: 'slice', start: null, stop: 3, step: null }])), '[-3.  -2.9 -2.8]');
    assert.equal(
      arrayRepr(xs.get([{ kind: 'slice', start: null, stop: 3, step: null }])),
      'array([-3. , -2.9, -2.8])',
    );
    const ys = ops.binary(
      'add',
      ops.binary('subtract', int(3), xs),
      ops.binary('power', ops.binary('true_divide', xs, int(2)), int(2)),
    );
    assert.equal(
      arrayStr(ys.get([{ kind: 'slice', start: null, stop: 3, step: null }])),
      '[8.25   8.0025 7.76  ]',
    );
    assert.equal(
      arrayRepr(ys.get([{ kind: 'slice', start: null, stop: 4, step: null }])),
      'array([8.25  , 8.0025, 7.76  , 7.5225])',
    );
    assert.equal(ops.min(ys).item(), 2);
  });

  it('switches to scientific notation and wraps at 75 columns', () => {
    assert.equal(
      arrayRepr(f64([3], [0.001953125, 1e-7, 3])),
      'array([1.953125e-03, 1.000000e-07, 3.000000e+00])',
    );
    assert.equal(arrayRepr(f64([2], [1e-5, 1])), 'array([1.e-05, 1.e+00])');
    assert.equal(arrayRepr(f64([2], [0.001953125, 1])), 'array([0.00195312, 1.        ])');
    assert.equal(
      arrayRepr(ops.binary('multiply', ops.arange(0, 1, 0.1, 'float64'), flt(1e8))),
      'array([       0.        , 10000000.        , 20000000.        ,\n' +
        '       30000000.        , 40000000.        , 50000000.        ,\n' +
        '       60000000.00000001, 70000000.        , 80000000.        ,\n' +
        '       90000000.        ])',
    );
  });

  it('summarises past 1000 elements', () => {
    assert.equal(
      arrayStr(ops.arange(0, 2000, 1, 'float64')),
      '[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]',
    );
  });

  it('prints ints, bools, float32 and empty arrays with their dtype where numpy does', () => {
    assert.equal(
      arrayRepr(ops.arange(0, 12, 1, 'int64').reshape([3, 4])),
      'array([[ 0,  1,  2,  3],\n       [ 4,  5,  6,  7],\n       [ 8,  9, 10, 11]])',
    );
    assert.equal(arrayRepr(NDArray.from('int32', [2], [1, 2])), 'array([1, 2], dtype=int32)');
    assert.equal(arrayRepr(NDArray.from('bool', [2], [1, 1])), 'array([ True,  True])');
    assert.equal(
      arrayRepr(NDArray.from('float32', [2], [1 / 3, 2 / 3])),
      'array([0.33333334, 0.6666667 ], dtype=float32)',
    );
    assert.equal(arrayRepr(NDArray.from('float32', [2], [1, 2])), 'array([1., 2.], dtype=float32)');
    assert.equal(arrayRepr(NDArray.empty('float64', [0])), 'array([], dtype=float64)');
    assert.equal(arrayRepr(NDArray.empty('float64', [0, 3])), 'array([], shape=(0, 3), dtype=float64)');
    assert.equal(arrayRepr(NDArray.scalar('float64', 3)), 'array(3.)');
    assert.equal(arrayStr(NDArray.scalar('float64', 3)), '3.0');
    assert.equal(arrayRepr(f64([3], [NaN, -Infinity, 1.5])), 'array([ nan, -inf,  1.5])');
  });

  it("float32 scientific output keeps the value's true digits, ties round to even", () => {
    assert.equal(
      arrayStr(NDArray.from('float32', [2], [-0.008352387696504593, -0.012610087171196938])),
      '[-0.00835239 -0.01261009]',
    );
    assert.equal(
      arrayStr(NDArray.from('float32', [3], [-0.0083523877, -0.012610087, 3e-5])),
      '[-8.3523877e-03 -1.2610087e-02  2.9999999e-05]',
    );
    assert.equal(arrayStr(NDArray.from('float32', [1], [-189553.125])), '[-189553.12]');
  });

  it('scalar repr: float64 and float32 print their shortest digits as Python floats', () => {
    assert.equal(scalarRepr('float64', 2.9000000000000057), '2.9000000000000057');
    assert.equal(scalarRepr('float64', 1e-5), '1e-05');
    assert.equal(scalarRepr('float64', 1e16), '1e+16');
    assert.equal(scalarRepr('float64', 2), '2.0');
    assert.equal(scalarRepr('float32', Math.fround(0.1)), '0.1');
    assert.equal(scalarRepr('float32', Math.fround(-1e-5)), '-1e-05');
  });
});

describe('numpy arithmetic', () => {
  it('promotes like numpy 1.24', () => {
    assert.equal(promoteTypes('int64', 'float32'), 'float64');
    assert.equal(promoteTypes('int16', 'float32'), 'float32');
    assert.equal(promoteTypes('uint8', 'int8'), 'int16');
    assert.equal(
      resultType([
        { dtype: 'float32', scalar: false },
        { dtype: 'float64', scalar: true },
      ]),
      'float32',
    );
    assert.equal(
      resultType([
        { dtype: 'int64', scalar: false },
        { dtype: 'float64', scalar: true },
      ]),
      'float64',
    );
    assert.equal(ops.binary('true_divide', i64([2], [1, 2]), int(2)).dtype, 'float64');
    assert.equal(ops.binary('add', NDArray.from('int32', [1], [1]), int(1)).dtype, 'int32');
    assert.equal(ops.binary('add', NDArray.from('bool', [1], [1]), int(1)).dtype, 'int64');
  });

  it('casts by value for Python ints next to smaller int arrays (numpy 1.24)', () => {
    const i8 = NDArray.from('int8', [1], [100]);
    assert.equal(ops.binary('add', i8, int(1)).dtype, 'int8');
    assert.deepEqual(ops.binary('multiply', i8, int(2)).toNumbers(), [-56]);
    assert.equal(ops.binary('add', i8, int(200)).dtype, 'int16');
    assert.equal(ops.binary('add', i8, int(-200)).dtype, 'int16');
    assert.equal(ops.binary('add', NDArray.from('uint8', [1], [1]), int(-1)).dtype, 'int16');
    assert.equal(ops.binary('add', NDArray.from('int32', [1], [1]), int(2 ** 31)).dtype, 'int64');
    assert.equal(ops.binary('add', NDArray.from('float32', [1], [1]), flt(1e300)).dtype, 'float64');
  });

  it("broadcasts and reports numpy's mismatch error", () => {
    const r = ops.binary('add', f64([2, 1], [1, 2]), f64([3], [10, 20, 30]));
    assert.deepEqual(r.shape, [2, 3]);
    assert.deepEqual(r.toNumbers(), [11, 21, 31, 12, 22, 32]);
    assert.throws(() => ops.binary('add', f64([3], [1, 2, 3]), f64([2], [1, 2])), {
      message: 'operands could not be broadcast together with shapes (3,) (2,) ',
    });
  });

  it('floor division and modulo follow Python signs', () => {
    assert.deepEqual(ops.binary('floor_divide', f64([2], [-7, 7]), flt(2)).toNumbers(), [-4, 3]);
    assert.deepEqual(ops.binary('remainder', i64([2], [-7, 7]), int(3)).toNumbers(), [2, 1]);
    assert.throws(() => ops.binary('power', i64([1], [2]), int(-1)), {
      message: 'Integers to negative integer powers are not allowed.',
    });
  });

  it('sums pairwise like numpy and reduces along axes', () => {
    assert.equal(ops.sum(ops.arange(-3, 3, 0.1, 'float64')).item(), -2.9999999999998446);
    const m = ops.arange(0, 6, 1, 'int64').reshape([2, 3]);
    assert.deepEqual(ops.sum(m, 0).toNumbers(), [3, 5, 7]);
    assert.deepEqual(ops.sum(m, 1, true).shape, [2, 1]);
    assert.deepEqual(ops.mean(m, 1).toNumbers(), [1, 4]);
    assert.equal(ops.mean(m).dtype, 'float64');
    assert.deepEqual(ops.argmax(m, 1).toNumbers(), [2, 2]);
    assert.equal(ops.argmin(f64([3], [2, NaN, 1])).item(), 1);
    assert.deepEqual(ops.cumsum(m, 1).toNumbers(), [0, 1, 3, 3, 7, 12]);
    assert.equal(ops.std(f64([4], [1, 2, 3, 4])).item(), 1.118033988749895);
    assert.equal(ops.variance(f64([4], [1, 2, 3, 4]), null, 1).item(), 1.6666666666666667);
    assert.throws(() => ops.max(NDArray.empty('float64', [0])), {
      message: 'zero-size array to reduction operation maximum which has no identity',
    });
  });

  it("multiplies matrices with numpy's shape errors", () => {
    const a = f64([2, 3], [1, 2, 3, 4, 5, 6]);
    const b = f64([3, 2], [1, 0, 0, 1, 1, 1]);
    assert.deepEqual(ops.matmul(a, b).toNumbers(), [4, 5, 10, 11]);
    assert.deepEqual(ops.matmul(a, f64([3], [1, 1, 1])).shape, [2]);
    assert.equal(ops.dot(f64([3], [1, 2, 3]), f64([3], [4, 5, 6])).item(), 32);
    assert.throws(() => ops.matmul(a, a), {
      message:
        'matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)',
    });
    assert.throws(() => ops.dot(a, a), {
      message: 'shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)',
    });
  });
});

describe('numpy indexing', () => {
  const m = () => ops.arange(0, 12, 1, 'int64').reshape([3, 4]);

  it('slices are views that share memory', () => {
    const a = m();
    const row = a.get([{ kind: 'int', index: 1 }]);
    assert.deepEqual(row.toNumbers(), [4, 5, 6, 7]);
    row.set([{ kind: 'int', index: 0 }], NDArray.scalar('int64', 100));
    assert.equal(a.getFlat(4), 100);
    const stepped = a.get([
      { kind: 'slice', start: null, stop: null, step: -1 },
      { kind: 'slice', start: 1, stop: null, step: 2 },
    ]);
    assert.deepEqual(stepped.toNumbers(), [9, 11, 5, 7, 1, 3]);
    assert.deepEqual(
      a
        .transpose()
        .get([{ kind: 'int', index: -1 }])
        .toNumbers(),
      [3, 7, 11],
    );
  });

  it('boolean masks and integer arrays select copies; assignment broadcasts', () => {
    const a = m();
    const mask = ops.binary('greater', a, int(8));
    assert.deepEqual(a.get([{ kind: 'array', array: mask }]).toNumbers(), [9, 10, 11]);
    a.set([{ kind: 'array', array: mask }], NDArray.scalar('int64', 0));
    assert.equal(ops.sum(a).item(), 36);
    const picked = a.get([
      { kind: 'array', array: i64([2], [2, 0]) },
      { kind: 'int', index: 1 },
    ]);
    assert.deepEqual(picked.toNumbers(), [0, 1]);
    const f = f64([3], [1, 2, 3]);
    f.set([{ kind: 'slice', start: 1, stop: null, step: null }], NDArray.scalar('float64', 7.5));
    assert.deepEqual(f.toNumbers(), [1, 7.5, 7.5]);
  });

  it("raises numpy's index errors", () => {
    assert.throws(() => m().get([{ kind: 'int', index: 3 }]), {
      message: 'index 3 is out of bounds for axis 0 with size 3',
    });
    assert.throws(
      () =>
        f64([2], [1, 2]).get([
          { kind: 'int', index: 0 },
          { kind: 'int', index: 0 },
        ]),
      {
        message: 'too many indices for array: array is 1-dimensional, but 2 were indexed',
      },
    );
    assert.throws(() => m().reshape([5, 2]), { message: 'cannot reshape array of size 12 into shape (5,2)' });
    assert.deepEqual(m().reshape([-1, 6]).shape, [2, 6]);
  });
});

describe('numpy constructors', () => {
  it('linspace and eye', () => {
    assert.equal(arrayRepr(ops.linspace(0, 1, 5, true, 'float64')), 'array([0.  , 0.25, 0.5 , 0.75, 1.  ])');
    assert.deepEqual(ops.eye(2, 3, 1, 'float64').toNumbers(), [0, 1, 0, 0, 0, 1]);
    assert.throws(() => NDArray.empty('float64', [100000, 100000]), { name: 'MemoryError' });
  });
});

describe('numpy Generator (default_rng)', () => {
  it('seeds PCG64 through SeedSequence as numpy does', () => {
    assert.deepEqual(Array.from(new SeedSequence(42n).pool), [1662858758, 128880814, 1875164712, 753753205]);
    assert.deepEqual(
      new SeedSequence(42n).generateState64(4).map((x) => x.toString(16)),
      ['9f1e2e6dcd540ab7', 'd57873dc79fb94b6', '7d282a1b64d420b7', '336579714692d5ff'],
    );
  });

  it("draws numpy's uniform doubles and Lemire integers exactly", () => {
    const g = new Generator(42n);
    assert.deepEqual(
      [g.random(), g.random(), g.random()],
      [0.7739560485559633, 0.4388784397520523, 0.8585979199113825],
    );
    const h = new Generator(42n);
    assert.deepEqual(
      Array.from({ length: 8 }, () => h.integer(0, 10)),
      [0, 7, 6, 4, 4, 8, 0, 6],
    );
  });

  it('draws ziggurat normals that agree with numpy to 1e-13', () => {
    const g = new Generator(42n);
    const want = [0.30471707975443135, -1.0399841062404955, 0.7504511958064572];
    for (const w of want) assert.ok(Math.abs(g.standardNormal() - w) < 1e-13 * Math.abs(w));
  });
});
