// `import sys`: the parts of sys a lesson's cell uses: sys.stdout.write / sys.stderr.write (to the
// cell's output, as a notebook shows both), the recursion limit, version_info, maxsize, exit().
// The version names this interpreter: it is not CPython, and says so.
import {
  builtinExceptions,
  defineFunction,
  defineNativeType,
  type ModuleFactory,
  newException,
  newModule,
  None,
  PyException,
  PyList,
  PyNative,
  pyError,
  type PyValue,
  typeName,
} from '../objects.js';
import { getRecursionCounter } from '../runtime/depth.js';
import { namedtuple } from './collections/namedtuple.js';
import { call, then } from '../runtime.js';

/** The highest recursion limit a cell may set (CPython's own ends where its C stack does). */
const MAX_RECURSION_LIMIT = 50_000;

/** A text stream that writes to the cell's output. */
const streamType = defineNativeType<{ name: string; write: (text: string) => void }>({
  name: 'TextIOWrapper',
  module: '_io',
  methods: {
    write: defineFunction('write', 'self, s, /', (a) => {
      if (typeof a.s !== 'string')
        throw pyError('TypeError', `write() argument must be str, not ${typeName(a.s)}`);
      (a.self as PyNative<{ write: (text: string) => void }>).value.write(a.s);
      return [...a.s].length;
    }),
    flush: defineFunction('flush', 'self, /', () => None),
    isatty: defineFunction('isatty', 'self, /', () => false),
    __repr__: defineFunction('__repr__', 'self', (a) => {
      const name = (a.self as PyNative<{ name: string }>).value.name;
      return `<_io.TextIOWrapper name='<${name}>' mode='w' encoding='utf-8'>`;
    }),
  },
});

export const sysModule: ModuleFactory = (ctx) => {
  const stream = (name: string) =>
    new PyNative(streamType, { name, write: (text: string) => ctx.stdout(text) });
  const versionInfo = then(
    call(
      namedtuple,
      ['version_info', new PyList(['major', 'minor', 'micro', 'releaselevel', 'serial'])],
      null,
    ),
    (cls) => call(cls, [3, 11, 0, 'final', 0], null),
  );
  return then(versionInfo, (info) =>
    newModule('sys', {
      stdout: stream('stdout'),
      stderr: stream('stderr'),
      version: '3.11.0 (torchlet: a Python subset in the browser, not CPython)',
      version_info: info,
      platform: 'browser',
      byteorder: 'little',
      maxsize: 9223372036854775807n,
      argv: new PyList(['']),
      getrecursionlimit: defineFunction(
        'getrecursionlimit',
        '',
        () => getRecursionCounter()?.recursionLimit ?? 1000,
      ),
      setrecursionlimit: defineFunction('setrecursionlimit', 'limit, /', (a) => {
        if (typeof a.limit !== 'number')
          throw pyError('TypeError', `'${typeName(a.limit)}' object cannot be interpreted as an integer`);
        if (a.limit < 1) throw pyError('ValueError', 'recursion limit must be greater or equal than 1');
        const counter = getRecursionCounter();
        if (counter) {
          if (a.limit <= counter.depth)
            throw pyError(
              'RecursionError',
              `cannot set the recursion limit to ${a.limit} at the recursion depth ${counter.depth}: the limit is too low`,
            );
          // Deeper than this, a page's memory, not the limit, would end the recursion.
          counter.recursionLimit = Math.min(a.limit, MAX_RECURSION_LIMIT);
        }
        return None;
      }),
      exit: defineFunction('exit', 'status=None, /', (a): PyValue => {
        const exc = newException(builtinExceptions.SystemExit, a.status === None ? [] : [a.status]);
        exc.dict.set('code', a.status);
        throw new PyException(exc);
      }),
    }),
  );
};
