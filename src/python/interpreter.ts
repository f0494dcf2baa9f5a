// One Python session: a namespace, its builtins and imported modules, and the run loop that
// parses a cell, compiles it, runs it under cancellation and budgets, and reports the outcome.
import { PyLazyAttribute } from './lazy-attribute.js';
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import type { FigureSpec } from '../protocol/figure.js';
import type { JsonValue, PythonErrorInfo, RunOptions, RunOutcome } from '../protocol/run.js';
import {
  type BoundArgs,
  builtinExceptions,
  defineFunction,
  MaybePromise,
  type ModuleFactory,
  newException,
  None,
  PyDict,
  PyException,
  pyError,
  PyFloat,
  PyInstance,
  PyList,
  PyModule,
  PyTuple,
  PyValue,
  SessionContext,
  yieldHold,
} from './objects.js';
import {
  exceptionMessage,
  getLoopTick,
  getRecursionCounter,
  repr,
  setLoopTick,
  setRecursionCounter,
  str,
} from './runtime.js';
import { installBuiltinTypes } from './builtins/install.js';
import { makeBuiltins } from './builtins/functions.js';
import { staticMethodType, superType } from './builtins/types.js';
import { compiledCell, forgetValues } from './compiler/cell-cache.js';
import { Compiler } from './compiler/compiler.js';
import {
  Control,
  Frame,
  GlobalNamespace,
  PyFunction,
  SessionHooks,
  toPyException,
} from './compiler/frame.js';
import { loadPart } from './load-part.js';
import { MAGIC_BUILTIN, type Magic, rewriteMagics, stripComment } from './magics.js';
import { scanSyntax } from './syntax.js';
import { stdlibModules } from './stdlib.js';
import { SessionState, activateSessionState } from '../core/session-state.js';
import { isPromise } from './maybe-promise.js';

installBuiltinTypes();

const yieldToEventLoop: () => Promise<void> = (() => {
  const g = globalThis as { setImmediate?: (f: () => void) => void };
  if (typeof g.setImmediate === 'function') {
    const si = g.setImmediate;
    return () => new Promise<void>((r) => si(r));
  }
  if (typeof MessageChannel !== 'undefined') {
    const ch = new MessageChannel();
    const queue: (() => void)[] = [];
    ch.port1.onmessage = () => queue.shift()?.();
    return () =>
      new Promise<void>((r) => {
        queue.push(r);
        ch.port2.postMessage(0);
      });
  }
  return () => new Promise<void>((r) => setTimeout(r, 0));
})();

/** Set TORCHLET_PY_DEBUG=1 (Node) to print internal JS errors with their stack. */
const debugInternal =
  typeof process !== 'undefined' &&
  !!(globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
    ?.TORCHLET_PY_DEBUG;

const now: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

/** How often (in ms) a long synchronous stretch yields to the event loop. */
const YIELD_EVERY_MS = 12;
/** Steps between clock reads when steps are cheap (plain Python): reading the clock costs as much as a step. */
const MAX_CLOCK_STRIDE = 128;
/** A stretch between clock reads longer than this makes the stride shorter (heavy tensor ops). */
const SLOW_STRETCH_MS = 2;

class RunControl implements Control {
  depth = 0;
  recursionLimit = 1000;
  stopped = false;
  private steps = 0;
  /** The clock is read at this step; the stride adapts so that a loop of slow ops reads it after every op. */
  private nextClock = 1;
  private stride = 1;
  private lastClock = now();
  private lastYield = now();
  private deadline = Infinity;
  private signal: { cancelled: boolean } | undefined;
  private budgetMs = 0;
  private maxSteps = Infinity;
  /** Makes the run's session current again after other code had the event loop. */
  private resume: () => void = () => undefined;

  start(opts: RunOptions): void {
    // The cell's own frame counts, as CPython's <module> frame does (f() recursing: 999 frames of f).
    this.depth = 1;
    this.stopped = false;
    this.steps = 0;
    // Slow steps from the first: the stride grows to MAX_CLOCK_STRIDE within a few hundred cheap ones.
    this.stride = 1;
    this.nextClock = 1;
    this.lastClock = this.lastYield = now();
    this.signal = opts.signal;
    this.budgetMs = opts.timeBudgetMs ?? 0;
    this.deadline = opts.timeBudgetMs ? now() + opts.timeBudgetMs : Infinity;
    this.maxSteps = opts.stepBudget ?? Infinity;
  }

  onResume(resume: () => void): void {
    this.resume = resume;
  }

  check(): void {
    if (this.signal?.cancelled) {
      this.stop();
      throw new PyException(newException(builtinExceptions.KeyboardInterrupt, []));
    }
    if (now() > this.deadline) {
      this.stop();
      throw pyError(
        'TimeoutError',
        `the cell ran longer than its time budget of ${formatSeconds(this.budgetMs)}`,
      );
    }
    if (this.steps > this.maxSteps) {
      this.stop();
      throw pyError('TimeoutError', `the cell ran more than its budget of ${this.maxSteps} steps`);
    }
  }

  /** Ends the run: every later statement (a finally block, an except) goes to the clock and stops. */
  private stop(): void {
    this.stopped = true;
    this.nextClock = 0;
  }

  tick(): void | Promise<void> {
    // Small enough for the JS engine to inline at every statement; the clock is read apart, and
    // the cancel flag with it: it changes only while the run waits, and at most MAX_CLOCK_STRIDE
    // cheap steps (a few microseconds) pass between two reads.
    if (++this.steps < this.nextClock) return;
    return this.clock();
  }

  private clock(): void | Promise<void> {
    if (this.signal?.cancelled || this.stopped) this.check();
    if (this.steps < this.nextClock) return;
    const t = now();
    // Stop must be heard within one op of a loop (a cancel arrives only while the run yields):
    // read the clock after every step while steps are slow, every 128 while they are cheap.
    const stretch = t - this.lastClock;
    this.lastClock = t;
    if (stretch > SLOW_STRETCH_MS) this.stride = 1;
    else if (stretch < SLOW_STRETCH_MS / 4) this.stride = Math.min(this.stride * 2, MAX_CLOCK_STRIDE);
    this.nextClock = this.steps + this.stride;
    if (t > this.deadline || this.steps > this.maxSteps) this.check();
    if (t - this.lastYield > YIELD_EVERY_MS && yieldHold.count === 0) {
      return yieldToEventLoop().then(() => {
        this.lastYield = this.lastClock = now();
        this.resume();
        this.check();
      });
    }
  }

  /** Re-arms after a wait (sleep): the time spent waiting is not a reason to yield again. */
  waited(): void {
    this.lastYield = this.lastClock = now();
    this.resume();
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** The first syntax error node, if any. */
function findError(node: SyntaxNode): SyntaxNode | undefined {
  const cursor = node.cursor();
  do {
    if (cursor.type.isError && !isTrailingDotFloat(cursor.node) && !isBareYield(cursor.node))
      return cursor.node;
  } while (cursor.next());
  return undefined;
}

/** @lezer/python marks a bare `yield` (no value) with an empty error node after the keyword. */
function isBareYield(err: SyntaxNode): boolean {
  const parent = err.parent;
  const before = err.prevSibling;
  return (
    err.from === err.to &&
    (parent?.name === 'YieldStatement' || parent?.name === 'YieldExpression') &&
    before?.name === 'yield'
  );
}

/** @lezer/python reads `1.` as `1` `.` <missing name>; the compiler takes it as the float 1.0. */
export function isTrailingDotFloat(err: SyntaxNode): boolean {
  const parent = err.parent;
  if (!parent || parent.name !== 'MemberExpression' || err.from !== err.to) return false;
  const first = parent.firstChild;
  const dot = first?.nextSibling;
  return first?.name === 'Number' && dot?.name === '.' && dot.from === first.to && dot.to === err.from;
}

function toJson(v: PyValue, depth = 0): JsonValue {
  if (depth > 50) return null;
  if (v === null) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyFloat) return Number.isFinite(v.v) ? v.v : null;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map((x) => toJson(x, depth + 1));
  if (v instanceof PyDict) {
    const o: { [k: string]: JsonValue } = {};
    for (const [k, x] of v.entries()) o[typeof k === 'string' ? k : String(toJson(k))] = toJson(x, depth + 1);
    return o;
  }
  return null;
}

export class Interpreter {
  private globals = new GlobalNamespace();
  private modules = new Map<string, Promise<PyModule>>();
  private state = new Map<string, unknown>();
  /** Grad mode, torch's generator, print options: this session's own (core/session-state.ts). */
  private coreState = new SessionState();
  private cellEnd: (() => MaybePromise<void>)[] = [];
  private readonly ctl = new RunControl();
  private opts: RunOptions = {};
  private readonly builtins: Map<string, PyValue>;
  private readonly hooks: SessionHooks;
  private readonly ctx: SessionContext;
  private running = false;
  /** The running cell's timing magics (magics.ts), called by index from its rewritten lines. */
  private magics: Magic[] = [];
  private timing: typeof import('./modules/timeit.js') | undefined;
  private readonly loopTick = () => this.ctl.tick();
  /** What `import` can load: the standard modules and the session's own. */
  private readonly moduleFactories: ReadonlyMap<string, ModuleFactory>;

  /** `modules`: more importable modules for this session, by name (tests, embedders). */
  constructor(modules: ReadonlyMap<string, ModuleFactory> = new Map()) {
    this.moduleFactories = new Map([...stdlibModules, ...modules]);
    const currentOptions = () => this.opts;
    this.ctx = {
      get device() {
        return currentOptions().device ?? 'cpu';
      },
      stdout: (text: string) => this.opts.stdout?.(text),
      figure: (fig: FigureSpec) => this.opts.figure?.(fig),
      clearOutput: (wait: boolean) => this.opts.clearOutput?.(wait),
      sleep: (ms: number) => this.sleep(ms),
      checkCancelled: () => this.ctl.check(),
      state: this.state,
      importModule: (name: string) => this.importModule(name),
      onCellEnd: (fn: () => MaybePromise<void>) => void this.cellEnd.push(fn),
      compileFunction: (source: string, name: string, globals: 'session' | PyDict | null) =>
        this.compileFunction(source, name, globals),
    } as SessionContext;
    this.builtins = makeBuiltins({ stdout: (t) => this.opts.stdout?.(t) });
    // A copy of the module's names, as vars() copies an object's (timeit's globals=globals()).
    this.builtins.set(
      'globals',
      defineFunction('globals', '', () => new PyDict(this.globals)),
    );
    this.builtins.set(
      MAGIC_BUILTIN,
      defineFunction(MAGIC_BUILTIN, 'index, phase=None, value=None, /', (a) => this.runMagic(a)),
    );
    this.hooks = {
      ctl: this.ctl,
      builtins: this.builtins,
      importModule: (name) => this.importModule(name),
      superType,
      staticMethodType,
    };
    this.globals.set('__name__', '__main__');
    this.ctl.onResume(() => activateSessionState(this.coreState));
  }

  reset(): void {
    this.globals = new GlobalNamespace([['__name__', '__main__']]);
    this.modules = new Map();
    // Module state that owns resources (torch's TensorScope) frees them now, not at some later GC.
    for (const v of this.state.values()) (v as { dispose?: () => void } | null)?.dispose?.();
    this.state.clear();
    this.coreState = new SessionState();
    this.cellEnd = [];
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const start = now();
      const step = () => {
        try {
          this.ctl.check();
        } catch (e) {
          reject(e);
          return;
        }
        const left = ms - (now() - start);
        if (!(left > 0)) {
          this.ctl.waited();
          resolve();
          return;
        }
        setTimeout(step, Math.min(left, 50));
      };
      step();
    });
  }

  importModule(name: string): Promise<PyModule> {
    let p = this.modules.get(name);
    if (!p) {
      const factory = this.moduleFactories.get(name);
      const dot = name.lastIndexOf('.');
      if (!factory) {
        if (dot > 0) {
          // A submodule reachable as an attribute of its (imported) parent.
          const parent = name.slice(0, dot);
          const child = name.slice(dot + 1);
          p = this.importModule(parent).then(async (m) => {
            const found = m.dict.get(child);
            const v = found instanceof PyLazyAttribute ? await found.resolve(m, child) : found;
            if (v instanceof PyModule) return v;
            throw pyError('ModuleNotFoundError', `No module named '${name}'`);
          });
        } else {
          const err = pyError('ModuleNotFoundError', `No module named '${name}'`);
          p = Promise.reject(err);
        }
      } else {
        p = (async () => {
          const parentP = dot > 0 ? this.importModule(name.slice(0, dot)) : undefined;
          const m = await factory(this.ctx);
          if (parentP) {
            const parent = await parentP;
            if (!parent.dict.has(name.slice(dot + 1))) parent.dict.set(name.slice(dot + 1), m);
          }
          return m;
        })();
      }
      this.modules.set(name, p);
      p.catch(() => this.modules.delete(name));
    }
    return p;
  }

  async run(code: string, opts: RunOptions = {}): Promise<RunOutcome> {
    if (this.running) {
      return {
        ok: false,
        echo: null,
        error: {
          type: 'RuntimeError',
          message: 'another cell is still running in this session',
          traceback: 'RuntimeError: another cell is still running in this session',
        },
      };
    }
    this.running = true;
    this.opts = opts;
    this.ctl.start(opts);
    activateSessionState(this.coreState);
    setLoopTick(this.loopTick);
    setRecursionCounter(this.ctl);
    // Modules that keep per-session context (torch's tensor scope and device) make it current.
    for (const v of this.state.values()) (v as { activate?: () => void } | null)?.activate?.();
    try {
      return await this.runInner(code, opts);
    } finally {
      this.running = false;
      forgetValues();
      if (getLoopTick() === this.loopTick) setLoopTick(null);
      if (getRecursionCounter() === this.ctl) setRecursionCounter(null);
    }
  }

  private async runInner(source: string, opts: RunOptions): Promise<RunOutcome> {
    const { code, magics } = rewriteMagics(source);
    this.magics = magics;
    const lines = source.split('\n');
    let compiled;
    let frame: Frame | undefined;
    try {
      const echoLast = !opts.silent && !endsWithSemicolon(code);
      const withValue = echoLast || !!opts.wantValue;
      compiled = compiledCell(`${withValue ? 'v' : 's'}${code}`, () => compileSource(code, withValue));
      frame = new Frame(this.globals, this.hooks, compiled.nslots());
      const r = compiled.run(frame);
      if (isPromise(r)) await r;
      await this.finishCell();
      let echo: string | null = null;
      let value: JsonValue | undefined;
      if (compiled.echoes && frame.lastValue !== undefined && frame.lastValue !== None) {
        if (echoLast) echo = await repr(frame.lastValue);
        if (opts.wantValue) value = toJson(frame.lastValue);
      } else if (opts.wantValue) value = null;
      return value === undefined ? { ok: true, echo } : { ok: true, echo, value };
    } catch (e) {
      if (debugInternal && !(e instanceof PyException)) console.error(e);
      let exc = toPyException(e);
      if (frame && !(exc as PyException & { syntax?: boolean }).syntax)
        exc.frames.push({ line: frame.line, column: frame.col, name: '<module>' });
      try {
        await this.finishCell();
      } catch (e2) {
        exc = toPyException(e2);
      }
      return { ok: false, echo: null, error: await this.describe(exc, lines) };
    }
  }

  /**
   * The function `name` that `source` defines, with `globals` its namespace: the session's own, a
   * new one holding a dict's str keys, or an empty one (timeit's templates, the cells' magics).
   */
  private compileFunction(
    source: string,
    name: string,
    globals: 'session' | PyDict | null,
  ): MaybePromise<PyValue> {
    const compiled = compiledCell(`s${source}`, () => compileSource(source, false));
    const scratch = new GlobalNamespace();
    const defined = (): PyValue => {
      const fn = scratch.get(name);
      if (!(fn instanceof PyFunction)) throw pyError('RuntimeError', `no function ${name} in its source`);
      if (globals === 'session') fn.globals = this.globals;
      else {
        const namespace = new GlobalNamespace();
        for (const [k, v] of globals?.entries() ?? []) if (typeof k === 'string') namespace.set(k, v);
        fn.globals = namespace;
      }
      return fn;
    };
    // Its def is a statement: the run may yield to the event loop there, as at any other.
    const r = compiled.run(new Frame(scratch, this.hooks, compiled.nslots()));
    return isPromise(r) ? r.then(defined) : defined();
  }

  /** `__torchlet_magic__(index, …)`: a timing magic of the running cell (modules/timeit.ts). */
  private runMagic(a: BoundArgs): MaybePromise<PyValue> {
    const magic = typeof a.index === 'number' ? this.magics[a.index] : undefined;
    if (!magic) throw pyError('RuntimeError', `${MAGIC_BUILTIN}() stands for a % line of a cell`);
    // Loaded once, then called synchronously: %time's clock reads wait for nothing.
    if (this.timing) return this.timing.runMagic(this.ctx, magic, a.phase, a.value);
    return loadPart('the timing magics', () => import('./modules/timeit.js')).then((m) => {
      this.timing = m;
      return m.runMagic(this.ctx, magic, a.phase, a.value);
    });
  }

  private async finishCell(): Promise<void> {
    const hooks = this.cellEnd;
    for (const h of hooks) await h();
  }

  private async describe(exc: PyException, lines: string[]): Promise<PythonErrorInfo> {
    const type = exc.exc.cls.name;
    let message: string;
    try {
      message = await str(exc.exc);
    } catch {
      message = exceptionMessage(exc.exc);
    }
    const frames = [...exc.frames].reverse();
    const isSyntax = (exc as PyException & { syntax?: boolean }).syntax;
    let tb: string;
    const last = frames[frames.length - 1];
    if (isSyntax && last) {
      const src = lines[last.line - 1] ?? '';
      const indent = src.length - src.trimStart().length;
      tb = `  File "<cell>", line ${last.line}\n    ${src.trim()}\n    ${' '.repeat(Math.max(0, last.column - 1 - indent))}^\n${type}: ${message}`;
    } else {
      tb = 'Traceback (most recent call last):\n';
      // CPython's rule (traceback.py): a frame repeated more than 3 times in a row is printed 3
      // times, then "[Previous line repeated N more times]" (a RecursionError's 1000 frames).
      let previous = '';
      let repeats = 0;
      const flushRepeats = () => {
        if (repeats > 3)
          tb += `  [Previous line repeated ${repeats - 3} more time${repeats - 3 > 1 ? 's' : ''}]\n`;
      };
      for (const fr of frames) {
        const key = `${fr.line}:${fr.name}`;
        if (key === previous) repeats++;
        else {
          flushRepeats();
          previous = key;
          repeats = 1;
        }
        if (repeats > 3) continue;
        tb += `  File "<cell>", line ${fr.line}, in ${fr.name}\n`;
        const src = lines[fr.line - 1];
        if (src !== undefined && src.trim()) tb += `    ${src.trim()}\n`;
      }
      flushRepeats();
      tb += message ? `${type}: ${message}` : type;
    }
    const out: PythonErrorInfo = { type, message, traceback: tb };
    if (last) {
      out.line = last.line;
      out.column = last.column;
    }
    return out;
  }
}

/** A cell's (or a magic's) compiled code; a SyntaxError as CPython words it. */
function compileSource(code: string, withValue: boolean) {
  const problem = scanSyntax(code);
  if (problem) throw syntaxException(problem.type, problem.message, problem.line, problem.column);
  const tree = parser.parse(code);
  const err = findError(tree.topNode);
  const compiler = new Compiler(code, tree);
  if (err) throw compiler.syntaxError(err, describeParseError(code, err));
  return compiler.compileModule(withValue);
}

function syntaxException(type: string, message: string, line: number, column: number): PyException {
  const e = pyError(type, message);
  e.frames.push({ line, column, name: '<module>' });
  (e as PyException & { syntax?: boolean }).syntax = true;
  return e;
}

const compoundStatements = new Set([
  'IfStatement',
  'WhileStatement',
  'ForStatement',
  'FunctionDefinition',
  'ClassDefinition',
  'WithStatement',
  'TryStatement',
]);

/** CPython's wording for the common parse errors the tree lets us recognise. */
function describeParseError(code: string, err: SyntaxNode): string {
  const lineStart = code.lastIndexOf('\n', err.from - 1) + 1;
  const lineText = code.slice(
    lineStart,
    code.indexOf('\n', lineStart) < 0 ? undefined : code.indexOf('\n', lineStart),
  );
  const print = /^\s*print\s+[^\s(=]/.exec(lineText);
  if (print) return "Missing parentheses in call to 'print'. Did you mean print(...)?";
  // A compound statement whose header is not followed by ':'.
  for (let n: SyntaxNode | null = err.parent; n; n = n.parent) {
    if (compoundStatements.has(n.name)) {
      const body = n.getChild('Body');
      if (body && body.firstChild?.name !== ':' && err.from <= body.from) return "expected ':'";
      if (!body && !code.slice(n.from, err.to).includes(':')) return "expected ':'";
      break;
    }
  }
  return 'invalid syntax';
}

/** IPython's rule: a trailing `;` on the last line (comments aside) silences the echo. */
function endsWithSemicolon(code: string): boolean {
  const lines = code.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = stripComment(lines[i]).trim();
    if (l) return l.endsWith(';');
  }
  return false;
}

export { PyInstance };
