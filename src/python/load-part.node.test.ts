// A part of torchlet that cannot be fetched fails the cell with a plain ImportError, not a JS error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PythonSession } from './index.js';
import { loadPart } from './load-part.js';
import { PyException } from './objects.js';

test('a failed load becomes an ImportError naming the part and the reason', async () => {
  const offline = () =>
    Promise.reject(new TypeError('Failed to fetch dynamically imported module: numpy-x.js'));
  await assert.rejects(loadPart('numpy', offline), (err: unknown) => {
    assert.ok(err instanceof PyException, `not a Python exception: ${String(err)}`);
    assert.equal(err.exc.cls.name, 'ImportError');
    return true;
  });
});

test('a session shows it as the cell error, with the ImportError type', async () => {
  const session = new PythonSession({
    modules: {
      broken: () => loadPart('the module broken', () => Promise.reject(new TypeError('Failed to fetch'))),
    },
  });
  const r = await session.run('import broken');
  assert.equal(r.ok, false);
  assert.equal(r.error?.type, 'ImportError');
  assert.equal(
    r.error?.message,
    'could not load the module broken: a file of torchlet did not download (Failed to fetch). Check the connection, then run the cell again.',
  );
  assert.equal(r.error?.line, 1);
});
