// `import timeit` (CPython's Timer, timeit, repeat, default_timer) and the cells' timing magics
// (%timeit, %%timeit, %time, %%time), printed as IPython prints them. A timed statement runs inside
// CPython's own template, a Python function looping over range(number) between two clock reads,
// so the loop's cost is counted as CPython counts it, and Stop interrupts it like any loop.
import {
  builtinExceptions,
  defineFunction,
  defineNativeType,
  newList,
  newModule,
  newTuple,
  None,
  PyException,
  pyError,
  pyFloat,
  PyFloat,
  type PyNative,
  PyType,
  type PyValue,
  type MaybePromise,
  type ModuleFactory,
  type SessionContext,
  PyDict,
  toIndex,
  typeName,
} from '../objects.js';
import { call, exceptionMessage, isCallable } from '../runtime.js';
import { PyRange } from '../runtime/values.js';
import { formatNumber } from '../format.js';
import { type Magic, parseTimeitOptions, type TimeitOptions } from '../magics.js';

const DEFAULT_NUMBER = 1_000_000;
const DEFAULT_REPEAT = 5;

const nowSeconds = (): number => (globalThis.performance?.now() ?? Date.now()) / 1000;

/** timeit's default timer: time.perf_counter (performance.now, in seconds). */
const defaultTimer = defineFunction('perf_counter', '', () => pyFloat(nowSeconds()));

const then = <T, U>(v: MaybePromise<T>, f: (x: T) => MaybePromise<U>): MaybePromise<U> =>
  v instanceof Promise ? v.then(f) : f(v);

/** CPython's template (Lib/timeit.py): setup once (line 2), then the statement in a loop, timed. */
const TEMPLATE_STATEMENT_LINE = 5;
function template(statement: string, setup: string): string {
  const reindent = (src: string, n: number) => src.replace(/\n/g, `\n${' '.repeat(n)}`);
  return [
    'def inner(_it, _timer, _stmt=None, _setup=None):',
    `    ${reindent(setup, 4)}`,
    '    _t0 = _timer()',
    '    for _i in _it:',
    `        ${reindent(statement, 8)}`,
    '        pass',
    '    _t1 = _timer()',
    '    return _t1 - _t0',
  ].join('\n');
}

interface TimerState {
  inner: PyValue;
  timer: PyValue;
  stmt: PyValue;
  setup: PyValue;
}

/** Seconds taken by `number` runs of the statement. */
function timeRuns(t: TimerState, number: number): MaybePromise<PyValue> {
  // A negative number runs nothing, as CPython's itertools.repeat(None, number) does.
  return call(t.inner, [new PyRange(0, number, 1), t.timer, t.stmt, t.setup]);
}

const seconds = (v: PyValue): number => (v instanceof PyFloat ? v.v : typeof v === 'number' ? v : NaN);

/** Python code or a callable, as Timer takes its stmt and setup. */
function codeOf(v: PyValue, what: 'stmt' | 'setup', call: string): { text: string; fn: PyValue } {
  if (typeof v === 'string') return { text: v, fn: None };
  if (isCallable(v)) return { text: call, fn: v };
  throw pyError('ValueError', `${what} is neither a string nor callable`);
}

/** A SyntaxError in a string given to timeit, raised where timeit was called (its template is ours). */
function asCallerError(e: unknown): unknown {
  if (e instanceof PyException && (e as PyException & { syntax?: boolean }).syntax)
    return pyError('SyntaxError', exceptionMessage(e.exc));
  return e;
}

/** `f()`, its error (thrown, or a rejection when it waited) passed through `map` first. */
function mapErrors<T>(f: () => MaybePromise<T>, map: (e: unknown) => unknown): MaybePromise<T> {
  try {
    const r = f();
    return r instanceof Promise ? r.catch((e: unknown) => Promise.reject(map(e))) : r;
  } catch (e) {
    throw map(e);
  }
}

function newTimer(
  ctx: SessionContext,
  stmt: PyValue,
  setup: PyValue,
  timer: PyValue,
  globals: PyValue,
): MaybePromise<TimerState> {
  const s = codeOf(stmt, 'stmt', '_stmt()');
  const u = codeOf(setup, 'setup', '_setup()');
  if (globals !== None && !(globals instanceof PyDict))
    throw pyError('TypeError', `globals must be a dict, not ${typeName(globals)}`);
  const inner = mapErrors(
    () => ctx.compileFunction(template(s.text, u.text), 'inner', globals as PyDict | null),
    asCallerError,
  );
  return then(inner, (fn) => ({ inner: fn, timer, stmt: s.fn, setup: u.fn }));
}

const timerOf = (self: PyValue): TimerState => (self as PyNative<TimerState>).value;

/** CPython's Timer.autorange: 1, 2, 5, 10, 20, 50, … runs until they take 0.2 s. */
function autorange(t: TimerState, callback: PyValue): MaybePromise<[number, number]> {
  const step = (i: number, j: number): MaybePromise<[number, number]> => {
    const number = i * [1, 2, 5][j];
    return then(timeRuns(t, number), (taken) =>
      then(callback === None ? None : call(callback, [number, taken]), () => {
        if (seconds(taken) >= 0.2) return [number, seconds(taken)] as [number, number];
        return j === 2 ? step(i * 10, 0) : step(i, j + 1);
      }),
    );
  };
  return step(1, 0);
}

/** `repeat` runs of `number` loops each, in seconds; `run` times one (timeRuns, or %timeit's). */
function repeatRuns(
  run: (number: number) => MaybePromise<PyValue>,
  repeat: number,
  number: number,
): MaybePromise<number[]> {
  const runs: number[] = [];
  const next = (): MaybePromise<number[]> => {
    if (runs.length >= repeat) return runs;
    return then(run(number), (taken) => {
      runs.push(seconds(taken));
      return next();
    });
  };
  return next();
}

function makeTimerType(ctx: SessionContext): PyType {
  const timerType: PyType = defineNativeType<TimerState>({
    name: 'Timer',
    module: 'timeit',
    doc: 'Class for timing execution speed of small code snippets.',
    construct: defineFunction('Timer', "stmt='pass', setup='pass', timer=None, globals=None", (a) =>
      then(newTimer(ctx, a.stmt, a.setup, a.timer === None ? defaultTimer : a.timer, a.globals), (t) =>
        timerType.wrap(t),
      ),
    ),
    methods: {
      timeit: defineFunction(
        'timeit',
        `self, number=${DEFAULT_NUMBER}`,
        (a) => timeRuns(timerOf(a.self), toIndex(a.number)),
        'Seconds taken by running the setup once, then the statement `number` times.',
      ),
      repeat: defineFunction(
        'repeat',
        `self, repeat=${DEFAULT_REPEAT}, number=${DEFAULT_NUMBER}`,
        (a) =>
          then(
            repeatRuns((n) => timeRuns(timerOf(a.self), n), toIndex(a.repeat), toIndex(a.number)),
            (runs) => newList(runs.map(pyFloat)),
          ),
        'A list of `repeat` timeit(number) results: the smallest is the least disturbed.',
      ),
      autorange: defineFunction(
        'autorange',
        'self, callback=None',
        (a) => then(autorange(timerOf(a.self), a.callback), ([n, taken]) => newTuple([n, pyFloat(taken)])),
        '(number, seconds) for 1, 2, 5, 10, 20, … runs, the first that takes 0.2 s or more.',
      ),
    },
  });
  return timerType;
}

export function buildTimeit(ctx: SessionContext) {
  const timerType = makeTimerType(ctx);
  const make = (a: Record<string, PyValue>) =>
    newTimer(ctx, a.stmt, a.setup, a.timer === None ? defaultTimer : a.timer, a.globals);
  return newModule(
    'timeit',
    {
      Timer: timerType,
      default_timer: defaultTimer,
      default_number: DEFAULT_NUMBER,
      default_repeat: DEFAULT_REPEAT,
      timeit: defineFunction(
        'timeit',
        `stmt='pass', setup='pass', timer=None, number=${DEFAULT_NUMBER}, globals=None`,
        (a) => then(make(a), (t) => timeRuns(t, toIndex(a.number))),
        'Seconds taken by `number` runs of stmt (code in a string, or a function) after setup.',
      ),
      repeat: defineFunction(
        'repeat',
        `stmt='pass', setup='pass', timer=None, repeat=${DEFAULT_REPEAT}, number=${DEFAULT_NUMBER}, globals=None`,
        (a) =>
          then(make(a), (t) =>
            then(
              repeatRuns((n) => timeRuns(t, n), toIndex(a.repeat), toIndex(a.number)),
              (runs) => newList(runs.map(pyFloat)),
            ),
          ),
        'A list of `repeat` timeit() results for stmt after setup.',
      ),
    },
    'Tool for measuring execution time of small code snippets.',
  );
}

/** `import timeit`. */
export const timeitModule: ModuleFactory = (ctx) => buildTimeit(ctx);

// The magics

/** IPython's _format_time: 3 significant digits in s, ms, µs or ns (minutes and up as 1min 2s). */
export function formatTime(timespan: number, precision = 3): string {
  if (timespan >= 60) {
    const parts: [string, number][] = [
      ['d', 86400],
      ['h', 3600],
      ['min', 60],
      ['s', 1],
    ];
    const out: string[] = [];
    let left = timespan;
    for (const [suffix, length] of parts) {
      const value = Math.trunc(left / length);
      if (value > 0) {
        left %= length;
        out.push(`${value}${suffix}`);
      }
      if (left < 1) break;
    }
    return out.join(' ');
  }
  const units = ['s', 'ms', 'µs', 'ns'];
  const order = timespan > 0 ? Math.min(-Math.floor(Math.floor(Math.log10(timespan)) / 3), 3) : 3;
  return `${formatNumber(timespan * 1000 ** order, true, `.${precision}g`)} ${units[order]}`;
}

/** IPython's TimeitResult: the runs of one %timeit and their mean ± standard deviation per loop. */
export interface TimeitSummary {
  loops: number;
  repeat: number;
  allRuns: number[];
  precision: number;
}

/** IPython's figures of the runs: each run per loop, their mean and population deviation, best, worst. */
function perLoop(r: TimeitSummary) {
  const timings = r.allRuns.map((t) => t / r.loops);
  const mean = timings.reduce((s, t) => s + t, 0) / timings.length;
  const stdev = Math.sqrt(timings.reduce((s, t) => s + (t - mean) ** 2, 0) / timings.length);
  return { timings, mean, stdev, best: Math.min(...timings), worst: Math.max(...timings) };
}

export function summaryText(r: TimeitSummary): string {
  const { mean, stdev } = perLoop(r);
  const plural = (n: number) => (n === 1 ? '' : 's');
  return (
    `${formatTime(mean, r.precision)} ± ${formatTime(stdev, r.precision)} per loop ` +
    `(mean ± std. dev. of ${r.repeat} run${plural(r.repeat)}, ${formatNumber(r.loops, false, ',')} loop${plural(r.loops)} each)`
  );
}

const timeitResultType = defineNativeType<TimeitSummary>({
  name: 'TimeitResult',
  module: 'IPython.core.magics.execution',
  doc: 'What %timeit -o returns: loops, repeat, best, worst, all_runs, average, stdev, timings.',
  methods: {
    __repr__: defineFunction('__repr__', 'self', (a) => `<TimeitResult : ${summaryText(resultOf(a.self))}>`),
    __str__: defineFunction('__str__', 'self', (a) => summaryText(resultOf(a.self))),
  },
  properties: {
    loops: { get: (self) => self.value.loops },
    repeat: { get: (self) => self.value.repeat },
    all_runs: { get: (self) => newList(self.value.allRuns.map(pyFloat)) },
    timings: { get: (self) => newList(perLoop(self.value).timings.map(pyFloat)) },
    best: { get: (self) => pyFloat(perLoop(self.value).best) },
    worst: { get: (self) => pyFloat(perLoop(self.value).worst) },
    average: { get: (self) => pyFloat(perLoop(self.value).mean) },
    stdev: { get: (self) => pyFloat(perLoop(self.value).stdev) },
    compile_time: { get: () => pyFloat(0) },
  },
});
const resultOf = (self: PyValue): TimeitSummary => (self as PyNative<TimeitSummary>).value;

type TimeitMagic = Extract<Magic, { kind: 'timeit' }>;

/**
 * An error of a magic's template, at the cell's line instead: the statement's (a %%timeit body's
 * lines from the cell's second), else the magic's own. `column` is where the statement starts.
 */
function atCellLines(e: unknown, magic: TimeitMagic, column: number): unknown {
  if (!(e instanceof PyException)) return e;
  // The template's own frame is the last one its error went through.
  const own = e.frames[e.frames.length - 1];
  if (!own) return e;
  const inStatement = own.line >= TEMPLATE_STATEMENT_LINE;
  if ((e as PyException & { syntax?: boolean }).syntax)
    own.column = Math.max(1, own.column - (inStatement ? 8 : 4) + (inStatement ? column : 1) - 1);
  own.line = inStatement
    ? (magic.body !== null ? 2 : magic.line) + own.line - TEMPLATE_STATEMENT_LINE
    : magic.line;
  return e;
}

const clocks = new WeakMap<Magic, number>();

/** IPython's error for a magic used wrongly (a bad option, a block after %time). */
const usageError = new PyType('UsageError', { bases: [builtinExceptions.Exception] });
usageError.isException = true;

/** Runs one of a cell's magics (interpreter.ts calls it for `__torchlet_magic__(index, …)`). */
export function runMagic(
  ctx: SessionContext,
  magic: Magic,
  phase: PyValue,
  value: PyValue,
): MaybePromise<PyValue> {
  if (magic.kind === 'misplaced')
    throw pyError(usageError, `%%${magic.name} times a whole cell: it must be the cell's first line`);
  if (magic.kind === 'time') {
    if (phase === 0) {
      clocks.set(magic, nowSeconds());
      return None;
    }
    if (phase === 2)
      throw pyError(
        usageError,
        '%time here times one simple statement or expression: time a loop or block by calling a function that runs it',
      );
    const took = nowSeconds() - (clocks.get(magic) ?? nowSeconds());
    ctx.stdout(`Wall time: ${formatTime(took)}\n`);
    return value === undefined ? None : value;
  }
  const options = parseTimeitOptions(magic.options);
  if (typeof options === 'string') throw pyError(usageError, options);
  const statement = magic.body ?? options.rest;
  const setup = magic.body !== null ? options.rest : '';
  if (!statement.trim()) return None;
  // The statement is the end of its line (a %%timeit body starts at column 1).
  const column = magic.body !== null ? 1 : magic.source.trimEnd().length - options.rest.length + 1;
  const located = (e: unknown) => atCellLines(e, magic, column);
  const compiled = mapErrors(
    () => ctx.compileFunction(template(statement, setup || 'pass'), 'inner', 'session'),
    located,
  );
  return then(compiled, (inner) =>
    timeMagic(ctx, options, { inner, timer: defaultTimer, stmt: None, setup: None }, located),
  );
}

/** %timeit's loops and runs of a compiled template, and IPython's report of them. */
function timeMagic(
  ctx: SessionContext,
  options: TimeitOptions,
  t: TimerState,
  located: (e: unknown) => unknown,
): MaybePromise<PyValue> {
  const run = (number: number): MaybePromise<PyValue> => mapErrors(() => timeRuns(t, number), located);
  // IPython's choice of loops: 1, 10, 100, … until they take 0.2 s.
  const pickNumber = (index: number): MaybePromise<number> => {
    const number = 10 ** index;
    return then(run(number), (taken) =>
      seconds(taken) >= 0.2 || index >= 9 ? number : pickNumber(index + 1),
    );
  };
  const loops = options.number > 0 ? options.number : pickNumber(0);
  return then(loops, (number) =>
    then(repeatRuns(run, options.repeat, number), (allRuns) => {
      const summary: TimeitSummary = {
        loops: number,
        repeat: options.repeat,
        allRuns,
        precision: options.precision,
      };
      if (!options.quiet) {
        const { best, worst } = perLoop(summary);
        if (worst > 4 * best && best > 0 && worst > 1e-6)
          ctx.stdout(
            `The slowest run took ${formatNumber(worst / best, true, '.2f')} times longer than the fastest. This could mean that an intermediate result is being cached.\n`,
          );
        ctx.stdout(`${summaryText(summary)}\n`);
      }
      return options.returnResult ? timeitResultType.wrap(summary) : None;
    }),
  );
}
