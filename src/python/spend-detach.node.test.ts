// The first detached ArrayBuffer of a process makes V8 throw away optimised code that reads typed
// arrays; spendFirstDetach spends it before anything is optimised. Checked in child processes with
// V8's own optimisation status (--allow-natives-syntax): a function optimised after the spend stays
// optimised when a wasm memory grows (which detaches its buffer); without the spend it does not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const moduleUrl = new URL('./spend-detach.ts', import.meta.url).href;

/** Whether `read`, optimised by TurboFan, is still optimised after a wasm memory grows. */
function optimisedAfterGrow(spend: boolean): boolean {
  const child = `
    const { spendFirstDetach } = await import(${JSON.stringify(moduleUrl)});
    if (${spend}) spendFirstDetach();
    function read(a) { return a[0] + a[1]; }
    const values = new Float32Array(4);
    eval('%PrepareFunctionForOptimization(read)');
    read(values); read(values);
    eval('%OptimizeFunctionOnNextCall(read)');
    read(values);
    const optimised = () => (eval('%GetOptimizationStatus(read)') & 16) !== 0;
    if (!optimised()) throw new Error('read was not optimised');
    new WebAssembly.Memory({ initial: 1 }).grow(1);
    console.log(optimised() ? 'kept' : 'dropped');
  `;
  const r = spawnSync(
    process.execPath,
    ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', child],
    { encoding: 'utf8', cwd: fileURLToPath(new URL('../..', import.meta.url)) },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim() === 'kept';
}

describe('spendFirstDetach', () => {
  it('keeps optimised typed-array code through a later detach (a wasm memory growing)', () => {
    assert.equal(optimisedAfterGrow(false), false, 'without it, V8 drops the code (the premise)');
    assert.equal(optimisedAfterGrow(true), true);
  });
});
