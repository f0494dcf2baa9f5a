// Generated Python programs and mutations of conformance cells for the fuzzing suites (Node and
// browser), and the invariant every run must keep. No DOM and no Node API here.
import fc from 'fast-check';
import type { RunOutcome } from '../../src/python/index.js';

/** True when the hardening suites run in their long mode (by hand: TORCHLET_LONG=1). */
export function isLongMode(): boolean {
  const g = globalThis as {
    __TORCHLET_LONG__?: boolean;
    process?: { env?: Record<string, string | undefined> };
  };
  return g.__TORCHLET_LONG__ === true || g.process?.env?.TORCHLET_LONG === '1';
}

/** A count from the environment (Node), else the mode's default. */
export function envCount(name: string, fallback: number): number {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> } };
  const v = Number(g.process?.env?.[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

// ---- a small grammar of the lesson's Python --------------------------------------------------------
const names = ['x', 'y', 't', 'a', 's', 'l', 'd', 'f', 'g', 'i'];
const variable = fc.constantFrom(...names);
const smallInt = fc.integer({ min: -5, max: 9 }).map(String);
const oddInt = fc.constantFrom('0', '-1', '2**31', '2**63', '10**20', '-(2**64)', '10**9', '3');
const floatLit = fc.constantFrom(
  '0.0',
  '-0.0',
  '1.5',
  '-2.25',
  '1e-05',
  '1e300',
  '0.1',
  "float('inf')",
  "float('nan')",
  '3.0',
);
const stringLit = fc.constantFrom(
  "'abc'",
  "''",
  "'<b>x</b>'",
  "'a\\nb'",
  "'{0}'",
  "'%s'",
  "'é☃'",
  '"quote\'s"',
  "'12'",
  "'1.5'",
);
const atom = fc.oneof(
  { weight: 3, arbitrary: smallInt },
  { weight: 1, arbitrary: oddInt },
  { weight: 2, arbitrary: floatLit },
  { weight: 2, arbitrary: stringLit },
  { weight: 1, arbitrary: fc.constantFrom('True', 'False', 'None') },
  { weight: 4, arbitrary: variable },
);
const binop = fc.constantFrom(
  '+',
  '-',
  '*',
  '/',
  '//',
  '%',
  '**',
  '==',
  '<',
  '>=',
  'and',
  'or',
  'is',
  'in',
  '@',
  '&',
  '|',
  '<<',
);
const unop = fc.constantFrom('-', 'not ', '~', '+');
const builtin = fc.constantFrom(
  'len',
  'abs',
  'str',
  'repr',
  'int',
  'float',
  'bool',
  'list',
  'tuple',
  'sorted',
  'sum',
  'min',
  'max',
  'type',
  'round',
  'set',
  'reversed',
  'enumerate',
  'iter',
  'next',
  'hash',
  'dir',
  'isinstance',
);
const shapeArgs = fc
  .array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 })
  .map((a) => a.join(', '));
const tensorMaker = fc.oneof(
  shapeArgs.map((s) => `torch.zeros(${s})`),
  shapeArgs.map((s) => `torch.ones(${s}, requires_grad=True)`),
  shapeArgs.map((s) => `torch.randn(${s})`),
  fc.integer({ min: 0, max: 6 }).map((n) => `torch.arange(${n})`),
  fc.integer({ min: 0, max: 6 }).map((n) => `torch.linspace(-1, 1, ${n})`),
  fc.constantFrom(
    'torch.tensor([1, 2, 3])',
    'torch.tensor([[1.0, 2.0], [3.0, 4.0]])',
    'torch.tensor(2.0, requires_grad=True)',
    'torch.tensor([True, False])',
    'torch.eye(3)',
    "torch.ones(2, 2, device='cuda')",
    'torch.tensor([])',
  ),
  shapeArgs.map((s) => `np.zeros((${s},))`),
  fc.constantFrom(
    'np.array([1, 2, 3])',
    'np.arange(6).reshape(2, 3)',
    'np.linspace(0, 1, 5)',
    'np.random.randn(2, 2)',
    'np.eye(2)',
  ),
);
const method = fc.constantFrom(
  '.sum()',
  '.mean()',
  '.T',
  '.shape',
  '.dtype',
  '.reshape(-1)',
  '.reshape(2, -1)',
  '.item()',
  '.tolist()',
  '.numpy()',
  '.float()',
  '.long()',
  '.backward()',
  '.grad',
  '.grad.zero_()',
  '.detach()',
  '.requires_grad_()',
  '.view(-1)',
  '.unsqueeze(0)',
  '.max()',
  '.argmax()',
  '.abs()',
  '.exp()',
  '.sqrt()',
  '.to("cuda")',
  '.cpu()',
  '.clone()',
  '[0]',
  '[:, 0]',
  '[1:]',
  '[-1]',
  '.size()',
  '.upper()',
  '.split()',
  '.append(1)',
  '.pop()',
  '.keys()',
  '.format(1)',
  '.__class__',
  '.__len__()',
  '.real',
  '.add_(1)',
  '.zero_()',
  '.numel()',
  '.dim()',
  '.std()',
);
const torchFn = fc.constantFrom(
  'torch.sum',
  'torch.exp',
  'torch.sin',
  'torch.relu',
  'torch.sigmoid',
  'torch.matmul',
  'torch.cat',
  'torch.stack',
  'torch.mean',
  'torch.from_numpy',
  'np.sum',
  'np.sqrt',
  'np.dot',
  'np.array',
  'math.sqrt',
  'math.log',
  'torch.max',
  'torch.tensor',
  'torch.multinomial',
  'torch.bincount',
  'torch.roll',
  'random.seed',
  'random.choice',
  'random.sample',
  'random.shuffle',
  'random.randint',
  'random.uniform',
  'random.gauss',
  'random.choices',
  'collections.Counter',
  'collections.deque',
  'collections.defaultdict',
  'collections.OrderedDict',
  'collections.namedtuple',
  'itertools.islice',
  'itertools.chain',
  'itertools.product',
  'itertools.accumulate',
  'itertools.groupby',
  'itertools.zip_longest',
  'functools.reduce',
  'functools.partial',
  'functools.lru_cache',
  'copy.copy',
  'copy.deepcopy',
  'torch.einsum',
  'torch.bernoulli',
  'json.dumps',
  'json.loads',
  'statistics.mean',
  'statistics.stdev',
  'operator.itemgetter',
  'heapq.heappush',
  'bisect.bisect',
);

export const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: atom },
    { weight: 3, arbitrary: tensorMaker },
    {
      weight: 2,
      arbitrary: fc.tuple(tie('expr'), binop, tie('expr')).map(([l, o, r]) => `(${l} ${o} ${r})`),
    },
    { weight: 1, arbitrary: fc.tuple(unop, tie('expr')).map(([o, e]) => `(${o}${e})`) },
    { weight: 2, arbitrary: fc.tuple(builtin, tie('expr')).map(([b, e]) => `${b}(${e})`) },
    { weight: 2, arbitrary: fc.tuple(tie('expr'), method).map(([e, m]) => `(${e})${m}`) },
    {
      weight: 1,
      arbitrary: fc.tuple(torchFn, tie('expr'), tie('expr')).map(([f, a, b]) => `${f}(${a}, ${b})`),
    },
    { weight: 1, arbitrary: fc.tuple(torchFn, tie('expr')).map(([f, a]) => `${f}(${a})`) },
    { weight: 1, arbitrary: fc.array(tie('expr'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([k, v]) => `{${k}: ${v}}`) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([e, i]) => `${e}[${i}]`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(tie('expr'), tie('expr'), tie('expr'))
        .map(([a, c, b]) => `(${a} if ${c} else ${b})`),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(variable, tie('expr')).map(([v, e]) => `[${v} for ${v} in range(3) if ${e}]`),
    },
    { weight: 1, arbitrary: fc.tuple(variable, tie('expr')).map(([v, e]) => `(lambda ${v}: ${e})(1)`) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), stringLit).map(([e, s]) => `f"{${e}!r:>5}" + ${s}`) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `'%s %r' % (${a}, ${b})`) },
  ),
})).expr;

const indent = (body: string) =>
  body
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

export const statement: fc.Arbitrary<string> = fc.letrec<{ stmt: string }>((tie) => ({
  stmt: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: fc.tuple(variable, expression).map(([v, e]) => `${v} = ${e}`) },
    { weight: 3, arbitrary: expression.map((e) => `print(${e})`) },
    { weight: 2, arbitrary: expression },
    {
      weight: 1,
      arbitrary: fc
        .tuple(variable, fc.constantFrom('+=', '-=', '*=', '/=', '@=', '**='), expression)
        .map(([v, o, e]) => `${v} ${o} ${e}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(expression, tie('stmt'), tie('stmt'))
        .map(([c, a, b]) => `if ${c}:\n${indent(a)}\nelse:\n${indent(b)}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(variable, fc.integer({ min: 0, max: 5 }), tie('stmt'))
        .map(([v, n, b]) => `for ${v} in range(${n}):\n${indent(b)}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          tie('stmt'),
          fc.constantFrom('Exception', 'TypeError', 'ValueError', 'ZeroDivisionError', 'IndexError'),
        )
        .map(([b, e]) => `try:\n${indent(b)}\nexcept ${e} as err:\n    print(type(err).__name__, err)`),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(variable, expression)
        .map(([v, e]) => `def f(${v}, *args, **kw):\n    return ${e}\nprint(f(1), f(2, 3, k=4))`),
    },
    { weight: 1, arbitrary: tie('stmt').map((b) => `with torch.no_grad():\n${indent(b)}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(variable, expression)
        .map(([v, e]) => `${v} = 0\nwhile ${v} < 3:\n    ${v} += 1\n    print(${e})`),
    },
    { weight: 1, arbitrary: expression.map((e) => `assert ${e}, 'failed'`) },
    { weight: 1, arbitrary: variable.map((v) => `del ${v}`) },
    {
      weight: 1,
      arbitrary: expression.map((e) => `plt.plot([1, 2], [3, 4], label=${e})\nplt.title(${e})\nplt.legend()`),
    },
    { weight: 1, arbitrary: expression.map((e) => `raise ValueError(${e})`) },
  ),
})).stmt;

/** The imports a body needs (importing all four in every cell would spend the time on imports). */
function prelude(body: string): string {
  const imports = [
    [/\btorch\./, 'import torch'],
    [/\bnp\./, 'import numpy as np'],
    [/\bmath\./, 'import math'],
    [/\bplt\./, 'import matplotlib.pyplot as plt'],
    [/\brandom\./, 'import random'],
    [/\bcollections\./, 'import collections'],
    [/\bitertools\./, 'import itertools'],
    [/\bfunctools\./, 'import functools'],
    [/\bcopy\./, 'import copy'],
    [/\bjson\./, 'import json'],
    [/\bstatistics\./, 'import statistics'],
    [/\boperator\./, 'import operator'],
    [/\bheapq\./, 'import heapq'],
    [/\bbisect\./, 'import bisect'],
  ] as const;
  const lines: string[] = imports.flatMap(([used, line]) => (used.test(body) ? [line] : []));
  // Every name bound first, so that most programs get past a NameError into the interesting part.
  lines.push("x, y, s, l, d, i, f, g = 3, 1.5, 'ab', [1, 2, 3], {'k': 1}, 0, len, abs");
  lines.push(lines.includes('import torch') ? 't = torch.arange(6.0).reshape(2, 3)' : 't = (1, 2)');
  lines.push(lines.includes('import numpy as np') ? 'a = np.arange(4.0)' : 'a = [0.5]');
  return lines.join('\n') + '\n';
}

/** A whole cell: the imports it uses, then 1 to 6 statements. */
export const program: fc.Arbitrary<string> = fc
  .array(statement, { minLength: 1, maxLength: 6 })
  .map((stmts) => {
    const body = stmts.join('\n');
    return prelude(body) + body;
  });

// ---- mutations of real cells ------------------------------------------------------------------
const TOKEN =
  /[A-Za-z_]\w*|\d+\.\d*(?:e[-+]?\d+)?|\d+(?:e[-+]?\d+)?|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\*\*|\/\/|==|!=|<=|>=|\n[ \t]*|[ \t]+|./gs;
const interestingNumbers = [
  '0',
  '-1',
  '1',
  '2',
  '3',
  '0.5',
  '-0.0',
  '1e308',
  '1e-320',
  '2**63',
  '10**10',
  '100000',
  '7',
  '255',
  '1024',
];

export interface Mutation {
  kind: 'delete' | 'duplicate' | 'swap' | 'number' | 'insert';
  at: number;
  pick: number;
}
export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'duplicate', 'swap', 'number', 'insert'),
  at: fc.nat(),
  pick: fc.nat(),
});
const insertable = [
  '(',
  ')',
  '[',
  ']',
  ':',
  ',',
  '.',
  '*',
  '-',
  'None',
  'lambda',
  'if',
  '\n',
  '    ',
  '"',
  "'",
  '\\',
  '#',
  'yield',
  'return',
  '@',
  '=',
  'not',
  '{',
];

export function tokenize(code: string): string[] {
  return code.match(TOKEN) ?? [];
}

/** Applies token mutations (delete, duplicate, swap neighbours, change a number, insert a token). */
export function mutate(code: string, mutations: readonly Mutation[]): string {
  const tokens = tokenize(code);
  for (const m of mutations) {
    if (tokens.length === 0) break;
    const i = m.at % tokens.length;
    switch (m.kind) {
      case 'delete':
        tokens.splice(i, 1);
        break;
      case 'duplicate':
        tokens.splice(i, 0, tokens[i]);
        break;
      case 'swap':
        if (i + 1 < tokens.length) [tokens[i], tokens[i + 1]] = [tokens[i + 1], tokens[i]];
        break;
      case 'number': {
        const numbers = tokens.flatMap((t, k) => (/^\d/.test(t) ? [k] : []));
        if (numbers.length)
          tokens[numbers[m.pick % numbers.length]] = interestingNumbers[m.at % interestingNumbers.length];
        break;
      }
      case 'insert':
        tokens.splice(i, 0, insertable[m.pick % insertable.length]);
        break;
    }
  }
  return tokens.join('');
}

export interface Cell {
  id: string;
  code: string;
}

/** A conformance cell and 1 to 4 mutations of it. */
export function mutatedCell(cells: readonly Cell[]): fc.Arbitrary<{ id: string; code: string }> {
  return fc
    .tuple(fc.nat({ max: cells.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
    .map(([k, ms]) => ({ id: cells[k].id, code: mutate(cells[k].code, ms) }));
}

// ---- the invariant ------------------------------------------------------------------------------
/** Python's exception names a run may end with (CPython's builtins the interpreter defines). */
export const PYTHON_EXCEPTIONS = new Set([
  'BaseException',
  'Exception',
  'ArithmeticError',
  'AssertionError',
  'AttributeError',
  'EOFError',
  'FloatingPointError',
  'GeneratorExit',
  'ImportError',
  'ModuleNotFoundError',
  'IndexError',
  'KeyError',
  'KeyboardInterrupt',
  'LookupError',
  'MemoryError',
  'NameError',
  'NotImplementedError',
  'OSError',
  'OverflowError',
  'RecursionError',
  'ReferenceError',
  'RuntimeError',
  'StopIteration',
  'SyntaxError',
  'IndentationError',
  'TabError',
  'SystemError',
  'TypeError',
  'UnboundLocalError',
  'UnicodeError',
  'ValueError',
  'ZeroDivisionError',
  'TimeoutError',
  'StopAsyncIteration',
  'UnicodeDecodeError',
  'UnicodeEncodeError',
  // numpy's own: LinAlgError, AxisError (a ValueError), UFuncTypeError (a TypeError, e.g. `x /= 2` on ints).
  'LinAlgError',
  'AxisError',
  'UFuncTypeError',
  // the standard modules' own: json's (a ValueError), dataclasses' (an AttributeError)
  'JSONDecodeError',
  'FrozenInstanceError',
  'StatisticsError',
  'Warning',
  'UserWarning',
]);

/** Messages that are a JS engine's words, not Python's: an internal error that leaked through. */
const JS_WORDS =
  /is not a function|Cannot read propert|Cannot set propert|undefined|(?<!object|') is not iterable|Invalid (typed )?array length|Maximum call stack|is not a constructor|Cannot convert .* to a BigInt|Cannot mix BigInt|\[object |Cannot access .* before initialization|of null|Unexpected token|Invalid string length|\bNaN\b(?! )|Do not know how to serialize|Illegal invocation/;

/** What is wrong with an outcome, or null when it keeps the invariant. */
export function outcomeProblem(outcome: unknown): string | null {
  if (!outcome || typeof outcome !== 'object') return `run resolved to ${String(outcome)}`;
  const o = outcome as RunOutcome;
  if (o.ok) {
    if (o.error) return 'ok with an error';
    if (o.echo !== null && typeof o.echo !== 'string') return `echo is ${typeof o.echo}`;
    return null;
  }
  const e = o.error;
  if (!e) return 'failed without an error';
  if (!PYTHON_EXCEPTIONS.has(e.type)) return `error type ${e.type} is not a Python exception`;
  if (e.type === 'SystemError') return `internal error: ${e.message}`;
  if (typeof e.message !== 'string' || typeof e.traceback !== 'string')
    return 'error without message/traceback';
  if (JS_WORDS.test(e.message)) return `JS error text in ${e.type}: ${e.message}`;
  if (!e.traceback.endsWith(e.message ? `${e.type}: ${e.message}` : e.type))
    return `traceback does not end with the error: ${e.traceback.slice(-200)}`;
  return null;
}

/** Parses conformance JSONL text into cells. */
export function parseCells(jsonl: string): Cell[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const c = JSON.parse(l) as Cell;
      return { id: c.id, code: c.code };
    });
}

/** A line of the reliability table. */
export interface Figure {
  suite: string;
  mode: 'short' | 'long';
  inputs: number;
  failures: number;
  ms: number;
  note?: string;
}

/** Suites report their figures on one console line that `npm run reliability` collects. */
export function reportFigure(f: Figure): void {
  console.log(`RELIABILITY ${JSON.stringify(f)}`);
}
