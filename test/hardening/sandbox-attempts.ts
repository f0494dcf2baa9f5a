// Attempts to reach JavaScript from Python. Each one must end in a Python exception (never in a
// value, never in a JS error): shared by the Node and browser sandbox suites.

/** Set up by every attempt: objects of each kind the interpreter exposes. */
export const SANDBOX_SETUP = `import torch
import numpy as np
import math
import time
import matplotlib.pyplot as plt
import collections
class C:
    def m(self):
        return 1
def fn(a=1):
    return a
def gen():
    yield 1
objects = [1, 1.5, 10**30, True, None, 'text', [], {}, (), {1}, range(3), print, len, fn, lambda: 0, C, C(), C().m,
           gen(), iter([]), type, object, Exception('e'), torch, torch.zeros(2), torch.zeros(2).add, torch.float32, torch.device('cpu'),
           torch.Size([2]), torch.nn.functional, torch.no_grad(), np, np.zeros(2), np.zeros(2).sum, np.float64, math, math.sqrt,
           time, plt, plt.plot, torch.tensor(1.0, requires_grad=True) * 2, collections, collections.deque([1]),
           collections.deque([1]).append, iter(collections.deque([1])), collections.Counter('ab'), collections.defaultdict(list),
           collections.OrderedDict(a=1), collections.namedtuple('P', 'x'), collections.namedtuple('P', 'x')(1), torch.Generator()]
`;

/** Names a JS object has and a Python object must not. */
export const JS_NAMES = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  '__lookupGetter__',
  'call',
  'apply',
  'bind',
  'then',
  'toJSON',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
];

/** Each expression/statement below is an escape attempt that must raise. */
export const ESCAPE_ATTEMPTS: string[] = [
  // constructors and prototypes by attribute syntax, getattr and format strings
  '(1).constructor',
  "getattr(1, 'constructor')('return globalThis')()",
  "getattr(print, 'constructor')('return this')()",
  "(lambda: 0).constructor('globalThis.__canary.touched = 1')()",
  "getattr(getattr(fn, '__proto__'), 'constructor')",
  "getattr(torch.zeros(2), '__proto__')",
  "getattr(np.zeros(2), 'constructor')",
  "getattr(torch, 'constructor')",
  'torch.zeros(2).data.constructor',
  'torch.zeros(2).grad_fn.constructor',
  '(torch.tensor(1.0, requires_grad=True) * 2).grad_fn.__proto__',
  "'{0.constructor}'.format(print)",
  "'{0.__proto__.constructor}'.format(fn)",
  "'{0.__class__.constructor}'.format(1)",
  "'{0.__class__.__init__.__globals__}'.format(C())",
  "'{0.__globals__}'.format(fn)",
  "f'{fn.__globals__}'",
  "'{0[__proto__]}'.format({})",
  "'%(constructor)s' % {}",
  "format(1, '{0.constructor}')",
  // dunder walks to builtins and globals
  '().__class__.__bases__[0].__subclasses__()',
  '().__class__.__base__.__subclasses__()',
  '(1).__class__.__mro__[-1].__subclasses__()',
  'type.__subclasses__(object)',
  'object.__subclasses__()',
  'fn.__globals__',
  "fn.__globals__['__builtins__']",
  'fn.__code__',
  'fn.__closure__',
  '(lambda: 0).__globals__',
  'C.m.__globals__',
  'C().m.__func__.__globals__',
  'C.__init__.__globals__',
  '[].__class__.__init__.__globals__',
  'print.__self__',
  'len.__module__.__class__.__init__.__globals__',
  'gen().gi_frame.f_globals',
  'gen().gi_code',
  'Exception().__traceback__.tb_frame.f_globals',
  'torch.zeros(2).add.__func__',
  'torch.__dict__',
  'torch.__builtins__',
  'torch.__loader__',
  'np.__dict__',
  'math.__spec__',
  'plt.plot.__globals__',
  'np.zeros(2).sum.__self__.__class__.__init__.__globals__',
  'torch.nn.functional.relu.__code__',
  'type(print).__call__.__globals__',
  '(1).__getattribute__("__proto__")',
  'object.__getattribute__(1, "constructor")',
  // globals() is a copy of the cell's own names: nothing of the host is reachable from it
  "globals()['__builtins__']",
  'globals().__class__.__init__.__globals__',
  // names that do not exist here
  '__builtins__',
  '__import__("os")',
  'locals()',
  'compile("1", "<x>", "eval")',
  'breakpoint()',
  'eval("1 + 1")',
  'exec("x = 1")',
  "open('/etc/passwd')",
  'input()',
  'globalThis',
  'window',
  'self',
  'document',
  '__canary',
  'Function',
  'process',
  'require("fs")',
  // imports of modules that would reach the host
  'import os',
  'import sys\nsys.modules',
  'import sys\nsys._getframe(0).f_globals',
  'import sys\nsys.settrace',
  'import js',
  'from js import window',
  'import pyodide',
  'from pyodide.code import run_js',
  'import subprocess',
  'import builtins',
  'import importlib',
  'import ctypes',
  'import torch._C',
  'from torch import constructor',
  'from math import __proto__',
  'import numpy.__proto__',
  // odd names through getattr/setattr/hasattr on our objects
  'getattr(1, 1)',
  'getattr(1, None)',
  "getattr(fn, '')",
  "getattr(fn, '__class__.__name__')",
  "getattr(print, 'toString')()",
  "getattr(torch.zeros(2), 'valueOf')()",
  "getattr(np.zeros(2), '__lookupGetter__')",
  "setattr(1, 'constructor', 1)",
  "setattr(print, '__proto__', None)",
  "setattr(torch.Tensor, 'constructor', 1)",
  "delattr(print, '__class__')",
  "type(1)('constructor')",
  "type('X', (object,), {'__proto__': 1})",
  'super(C, C()).constructor',
  'vars(1)',
  'dir(torch.zeros(2)).constructor',
];

/**
 * Python that tries every JS name on every object by attribute syntax, getattr, hasattr and a format
 * string, and collects each one that did not raise AttributeError (or answered True to hasattr).
 */
export function crossProductProgram(): string {
  return `names = ${JSON.stringify(JS_NAMES)}
reached = []
tried = 0
for i, o in enumerate(objects):
    for n in names:
        tried += 4
        try:
            getattr(o, n)
            reached.append((i, n, 'getattr'))
        except AttributeError:
            pass
        try:
            ('{0.' + n + '}').format(o)
            reached.append((i, n, 'format'))
        except AttributeError:
            pass
        if hasattr(o, n):
            reached.append((i, n, 'hasattr'))
try:
    objects[0].constructor
    reached.append((0, 'constructor', 'syntax'))
except AttributeError:
    pass
try:
    objects[12].__proto__
    reached.append((12, '__proto__', 'syntax'))
except AttributeError:
    pass
print(tried, reached)
`;
}
