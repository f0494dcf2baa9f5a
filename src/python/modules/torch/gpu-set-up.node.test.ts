// An op that reaches the GPU before it is set up (a device name the kernel could not see in the
// cell's code, 'cu' + 'da') raises core's GpuSettingUp; the binding waits for the set-up and runs
// the op again, so the cell goes on instead of failing with "run this cell again". Node has no
// GPU: the op here raises it itself, as core's backendFor('cuda') does in a browser.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runPy } from '../../../../test/python/run.js';
import { GpuSettingUp } from '../../../core/index.js';
import { type ModuleFactory, newModule, toNumber } from '../../objects.js';
import { PythonSession } from '../../index.js';
import { bindTorchFunction } from './op.js';

describe('an op that reaches the GPU while it is being set up', () => {
  it('runs again once the set-up is done, and once only', async () => {
    let calls = 0;
    let setUps = 0;
    const fake: ModuleFactory = () =>
      newModule('_gpu', {
        twice: bindTorchFunction(
          'twice',
          {
            params: 'x',
            doc: '',
            impl: (a) => {
              calls++;
              if (calls === 1) {
                setUps++;
                throw new GpuSettingUp(new Promise((done) => setTimeout(done, 20)));
              }
              return 2 * toNumber(a.x);
            },
          },
          (r) => r as number,
        ),
      });
    const r = await runPy(
      'import _gpu\nprint(_gpu.twice(21))\nprint(_gpu.twice(5))',
      {},
      new PythonSession({ modules: { _gpu: fake } }),
    );
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.equal(r.stdout, '42\n10\n');
    assert.equal(calls, 3);
    assert.equal(setUps, 1);
  });

  it('runs it again once only: a set-up that did not help is the Python error', async () => {
    let calls = 0;
    const fake: ModuleFactory = () =>
      newModule('_gpu', {
        stuck: bindTorchFunction(
          'stuck',
          {
            params: '',
            doc: '',
            impl: () => {
              calls++;
              throw new GpuSettingUp(Promise.resolve());
            },
          },
          (r) => r as number,
        ),
      });
    const r = await runPy('import _gpu\n_gpu.stuck()', {}, new PythonSession({ modules: { _gpu: fake } }));
    assert.equal(calls, 2);
    assert.equal(r.error?.type, 'RuntimeError');
    assert.equal(r.error?.message, 'the GPU is still being set up: run this cell again');
    assert.equal(r.error?.line, 2);
  });
});
