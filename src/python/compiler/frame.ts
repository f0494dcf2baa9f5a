// What compiled code runs on: a call's Frame (slots, globals, position), the run Control shared by
// every frame, closure Cells, the closure types the compiler builds, tracebacks; and the functions
// and generators defined in Python code (`def`, `lambda`): binding arguments to slots, entering a
// frame under the recursion limit, generators as coroutines suspended at `yield`.
import {
  builtinExceptions,
  FunctionAttributes,
  functionType,
  generatorType,
  IterResult,
  Kwargs,
  NativeFunction,
  newException,
  None,
  PyCallable,
  PyDict,
  pyError,
  PyException,
  PyIterator,
  PyModule,
  PyTuple,
  PyType,
  PyValue,
  STOP,
  stopIteration,
} from '../objects.js';
import { repr } from '../runtime.js';
import { isPromise, MaybePromise, then } from '../maybe-promise.js';
import { Scope } from '../scope.js';
import type { Positioned } from './positions.js';

/**
 * A session's module namespace: a Map that counts its changes, so a compiled global load can keep
 * what it found until a global is bound, rebound or deleted.
 */
export class GlobalNamespace extends Map<string, PyValue> {
  version = 0;
  override set(key: string, value: PyValue): this {
    // `?? 0`: the Map constructor's entries are set before `version` is initialised, and NaN there
    // would make the field a double for the JS engine (dropping code that read it as an integer).
    this.version = (this.version ?? 0) + 1;
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.version++;
    return super.delete(key);
  }
  override clear(): void {
    this.version++;
    super.clear();
  }
}

export class Cell {
  constructor(public v: PyValue | undefined) {}
}

/** What a running cell shares with every frame: cancellation, budgets, recursion depth. */
export interface Control {
  tick(): void | Promise<void>;
  /** Sync-only check for native loops. */
  check(): void;
  depth: number;
  recursionLimit: number;
  /** True once the run was cancelled or ran out of time: `except` clauses then do not catch. */
  stopped: boolean;
}

export interface SessionHooks {
  ctl: Control;
  builtins: Map<string, PyValue>;
  importModule(name: string): Promise<PyModule>;
  superType: PyType;
  staticMethodType: PyType;
}

/**
 * Every frame has one shape: each field is set in the constructor, in one order, and the slots
 * are one kind of array whatever they will hold. The compiled code reads `f.slots`, `f.line` … at
 * every step, and a JS engine makes such a read slow once it has seen frames of several shapes
 * (a field added after construction, an array of small ints, of doubles or of objects).
 */
export class Frame {
  slots: (PyValue | Cell | undefined)[];
  ret: PyValue = None;
  line = 0;
  col = 0;
  classNs: Map<string, PyValue> | undefined = undefined;
  gen: PyGenerator | undefined = undefined;
  lastValue: PyValue | undefined = undefined;
  /** Set when this call was moved to a fresh JS stack. */
  fresh = false;
  constructor(
    public globals: Map<string, PyValue>,
    public session: SessionHooks,
    nslots: number,
    public fn: PyFunction | undefined = undefined,
  ) {
    this.slots = emptySlots(nslots);
  }
}

/** `n` unset slots, in an array of the kind that holds any value (holes read as undefined). */
function emptySlots(n: number): (PyValue | Cell | undefined)[] {
  const a = new Array<PyValue | Cell | undefined>(n);
  // A new array is one of small ints until something else is stored; this makes it general now.
  if (n > 0) a[0] = undefined;
  return a;
}

export type Expr = (f: Frame) => MaybePromise<PyValue>;
export type Signal = undefined | typeof BREAK | typeof CONTINUE | typeof RETURN;

export type Stmt = (f: Frame) => MaybePromise<Signal>;
export type Store = (f: Frame, v: PyValue) => MaybePromise<void>;

/** How a loop iteration ended: go on, the iterable/condition ran out, or break/return. */
export type LoopStep = Signal | 'next' | 'stop';

export const BREAK = 1 as const;
export const CONTINUE = 2 as const;
export const RETURN = 3 as const;

/** A traceback line. */
export interface TraceFrame {
  line: number;
  column: number;
  name: string;
}

/** Turns anything thrown into a PyException (JS errors from native code included). */
export function toPyException(e: unknown): PyException {
  if (e instanceof PyException) return e;
  if (e instanceof RangeError && e.message.includes('call stack'))
    return pyError('RecursionError', 'maximum recursion depth exceeded');
  // A JS allocation failure (a huge broadcast or matmul result) is Python's MemoryError.
  if (e instanceof RangeError && /(array|string) length|allocation failed/i.test(e.message))
    return pyError('MemoryError', '');
  if (e instanceof Error) {
    const named = (e as Error & { pyType?: string }).pyType ?? e.name;
    const cls = builtinExceptions[named];
    if (cls && named !== 'Error') return new PyException(newException(cls, [e.message]));
    return pyError('RuntimeError', e.message || String(e));
  }
  return pyError('RuntimeError', String(e));
}

export function addTrace(e: unknown, f: Frame, name: string): PyException {
  const p = toPyException(e);
  p.frames.push({ line: f.line, column: f.col, name });
  return p;
}

// Functions defined in Python

export interface ParamInfo {
  name: string;
  slot: number;
  kind: 'pos' | 'kwonly' | 'varargs' | 'varkw';
  defaultIndex: number;
}

export interface CodeInfo {
  name: string;
  qualname: string;
  params: ParamInfo[];
  nposargs: number;
  scope: Scope;
  body: Stmt;
  /** A body of one statement, its parts: run in place of `body` (one call fewer per Python call). */
  one: Positioned | undefined;
  isGenerator: boolean;
  cellSlots: number[];
  freeSlots: number[];
  paramCells: Set<number>;
  /** Every parameter is positional (no `*args`, keyword-only or `**kw`); defaults allowed. */
  simple: boolean;
  /** How many positional arguments a call must pass at least (those before the trailing defaults). */
  minArgs: number;
  /** Parameter name → its positional or keyword-only parameter, for keyword arguments. */
  byName: Map<string, ParamInfo>;
  positional: ParamInfo[];
  varargs: ParamInfo | undefined;
  varkw: ParamInfo | undefined;
  doc: string | undefined;
}

export class PyFunction extends PyCallable {
  definingClass: PyType | undefined;
  /** Made on the first assignment to an attribute of the function. */
  private own: FunctionAttributes | undefined = undefined;
  constructor(
    public code: CodeInfo,
    public defaults: PyValue[],
    public closure: Cell[],
    public globals: Map<string, PyValue>,
    public session: SessionHooks,
  ) {
    super(functionType);
  }
  get name(): string {
    return this.own?.name ?? this.code.name;
  }
  get doc(): string | undefined {
    const assigned = this.own?.doc;
    if (assigned === undefined) return this.code.doc;
    return typeof assigned === 'string' ? assigned : undefined;
  }
  get qualname(): string {
    return this.own?.qualname ?? this.code.qualname;
  }
  override attributes(): FunctionAttributes {
    return (this.own ??= new FunctionAttributes());
  }

  /** `(a, b=…, *args, c, **kw)` for help(). */
  signatureText(): string {
    const parts: string[] = [];
    let star = false;
    for (const p of this.code.params) {
      if (p.kind === 'varargs') {
        parts.push('*' + p.name);
        star = true;
      } else if (p.kind === 'varkw') parts.push('**' + p.name);
      else {
        if (p.kind === 'kwonly' && !star) {
          parts.push('*');
          star = true;
        }
        const d = p.defaultIndex >= 0 ? this.defaults[p.defaultIndex] : undefined;
        parts.push(d === undefined ? p.name : `${p.name}=${reprSyncSafe(d)}`);
      }
    }
    return `(${parts.join(', ')})`;
  }

  call(args: PyValue[], kwargs: Kwargs | null): MaybePromise<PyValue> {
    const code = this.code;
    const f = new Frame(this.globals, this.session, code.scope.nslots, this);
    const slots = f.slots;
    const n = args.length;
    if (code.simple && kwargs === null && n <= code.nposargs && n >= code.minArgs) {
      // Positional parameters take the first slots, in order; missing ones have defaults.
      for (let i = 0; i < n; i++) slots[i] = args[i];
      const params = code.params;
      for (let i = n; i < code.nposargs; i++) slots[i] = this.defaults[params[i].defaultIndex];
    } else this.bind(slots, args, kwargs);
    return this.start(f);
  }

  /**
   * A frame for a call with `n` positional arguments that the caller writes into its slots
   * 0…n-1 (no argument array), then runs with runFrame; undefined when the call needs the
   * general binder.
   */
  frameFor(n: number): Frame | undefined {
    const code = this.code;
    if (!code.simple || n > code.nposargs || n < code.minArgs) return undefined;
    const f = new Frame(this.globals, this.session, code.scope.nslots, this);
    return f;
  }

  /** A frame for a call of this function, its slots empty. */
  newFrame(): Frame {
    const f = new Frame(this.globals, this.session, this.code.scope.nslots, this);
    return f;
  }

  /**
   * Runs a call of a function whose parameters are all positional (`code.simple`), its arguments
   * already in their slots: the others take their defaults; a required one missing raises as bind does.
   */
  runFilled(f: Frame): MaybePromise<PyValue> {
    const code = this.code;
    const params = code.params;
    const slots = f.slots;
    let missing: string[] | undefined;
    for (let i = 0; i < code.nposargs; i++) {
      if (slots[i] !== undefined) continue;
      const d = params[i].defaultIndex;
      if (d >= 0) slots[i] = this.defaults[d];
      else (missing ??= []).push(params[i].name);
    }
    if (missing) throw missingArguments(code.qualname, missing, 'positional');
    return this.start(f);
  }

  /** Runs a call prepared by frameFor, its `n` arguments in place. */
  runFrame(f: Frame, n: number): MaybePromise<PyValue> {
    const code = this.code;
    if (n < code.nposargs) {
      const params = code.params;
      for (let i = n; i < code.nposargs; i++) f.slots[i] = this.defaults[params[i].defaultIndex];
    }
    return this.start(f);
  }

  /** Cells and free variables, then the body (or a generator), once the arguments are bound. */
  private start(f: Frame): MaybePromise<PyValue> {
    const code = this.code;
    const slots = f.slots;
    if (code.cellSlots.length > 0) {
      for (const i of code.cellSlots)
        slots[i] = new Cell(code.paramCells.has(i) ? (slots[i] as PyValue) : undefined);
    }
    const fr = code.freeSlots;
    for (let i = 0; i < fr.length; i++) slots[fr[i]] = this.closure[i];
    if (code.isGenerator) return new PyGenerator(f, code);
    const ctl = this.session.ctl;
    // Every so many nested calls, continue on a fresh JS stack (a microtask), so deep Python
    // recursion reaches the recursion limit instead of the JS engine's stack limit.
    if (ctl.depth > 0 && ctl.depth % 64 === 0 && !f.fresh) {
      f.fresh = true;
      return Promise.resolve().then(() => this.enter(f));
    }
    return this.enter(f);
  }

  private enter(f: Frame): MaybePromise<PyValue> {
    const code = this.code;
    const ctl = this.session.ctl;
    if (++ctl.depth > ctl.recursionLimit) {
      ctl.depth--;
      throw pyError('RecursionError', 'maximum recursion depth exceeded');
    }
    let r: MaybePromise<Signal>;
    try {
      const one = code.one;
      if (one !== undefined) {
        // What the statement's own wrapper (Compiler.at) does: position, tick, run.
        f.line = one.line;
        f.col = one.col;
        const t = ctl.tick();
        r = t === undefined ? one.inner(f) : t.then(() => runPositioned(f, one));
      } else r = code.body(f);
    } catch (e) {
      ctl.depth--;
      throw addTrace(e, f, code.name);
    }
    if (isPromise(r)) {
      return r.then(
        () => {
          ctl.depth--;
          return f.ret;
        },
        (e: unknown) => {
          ctl.depth--;
          throw addTrace(e, f, code.name);
        },
      );
    }
    ctl.depth--;
    return f.ret;
  }

  private bind(slots: (PyValue | Cell | undefined)[], args: PyValue[], kwargs: Kwargs | null): void {
    const code = this.code;
    const params = code.params;
    const name = code.qualname;
    const { positional, varargs, varkw } = code;
    if (args.length > positional.length) {
      if (!varargs) {
        const required = positional.filter((p) => p.defaultIndex < 0).length;
        const takes =
          required === positional.length
            ? `${positional.length}`
            : `from ${required} to ${positional.length}`;
        throw pyError(
          'TypeError',
          `${name}() takes ${takes} positional argument${positional.length === 1 && required === positional.length ? '' : 's'} but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`,
        );
      }
    }
    const n = Math.min(args.length, positional.length);
    for (let i = 0; i < n; i++) slots[positional[i].slot] = args[i];
    if (varargs) slots[varargs.slot] = new PyTuple(args.slice(positional.length));
    let extra: PyDict | undefined;
    if (varkw) extra = new PyDict();
    if (kwargs) {
      for (const [k, v] of kwargs) {
        const p = code.byName.get(k);
        if (!p) {
          if (extra) {
            extra.set(k, v);
            continue;
          }
          throw pyError('TypeError', `${name}() got an unexpected keyword argument '${k}'`);
        }
        if (slots[p.slot] !== undefined)
          throw pyError('TypeError', `${name}() got multiple values for argument '${k}'`);
        slots[p.slot] = v;
      }
    }
    if (varkw) slots[varkw.slot] = extra ?? new PyDict();
    let missing: string[] | undefined;
    let missingKw: string[] | undefined;
    for (const p of params) {
      if (p.kind === 'varargs' || p.kind === 'varkw' || slots[p.slot] !== undefined) continue;
      if (p.defaultIndex >= 0) slots[p.slot] = this.defaults[p.defaultIndex];
      else if (p.kind === 'kwonly') (missingKw ??= []).push(p.name);
      else (missing ??= []).push(p.name);
    }
    if (missing) throw missingArguments(name, missing, 'positional');
    if (missingKw) throw missingArguments(name, missingKw, 'keyword-only');
  }
}

function runPositioned(f: Frame, p: Positioned): MaybePromise<Signal> {
  f.line = p.line;
  f.col = p.col;
  return p.inner(f);
}

function missingArguments(name: string, list: string[], what: string): PyException {
  const q = list.map((m) => `'${m}'`);
  const words =
    q.length === 1
      ? q[0]
      : q.length === 2
        ? `${q[0]} and ${q[1]}`
        : q.slice(0, -1).join(', ') + ', and ' + q[q.length - 1];
  return pyError(
    'TypeError',
    `${name}() missing ${list.length} required ${what} argument${list.length === 1 ? '' : 's'}: ${words}`,
  );
}

/** A generator: its body runs as a coroutine, suspended at each `yield` on a Promise. */
export class PyGenerator extends PyIterator {
  private state: 'new' | 'suspended' | 'running' | 'done' = 'new';
  private resume: ((v: PyValue) => void) | undefined;
  private consumer: { resolve: (v: IterResult) => void; reject: (e: unknown) => void } | undefined;

  constructor(
    private frame: Frame,
    private code: CodeInfo,
  ) {
    super(() => this.send(None), generatorType);
    frame.gen = this;
  }

  get name(): string {
    return this.code.name;
  }

  send(value: PyValue): MaybePromise<IterResult> {
    if (this.state === 'done') return STOP;
    if (this.state === 'running') throw pyError('ValueError', 'generator already executing');
    // A running generator counts as a call: `def g(): yield from g()` ends in RecursionError, as
    // in CPython, not in the JS engine's stack overflow.
    const ctl = this.frame.session.ctl;
    if (ctl.depth + 1 > ctl.recursionLimit)
      throw pyError('RecursionError', 'maximum recursion depth exceeded');
    ctl.depth++;
    this.ctl = ctl;
    return new Promise<IterResult>((resolve, reject) => {
      this.consumer = { resolve, reject };
      const wasNew = this.state === 'new';
      this.state = 'running';
      if (!wasNew) {
        this.resume!(value);
        return;
      }
      const finish = () => {
        this.leave();
        this.state = 'done';
        this.returnValue = this.frame.ret;
        this.consumer!.resolve(STOP);
      };
      const fail = (e: unknown) => {
        this.leave();
        this.state = 'done';
        this.consumer!.reject(addTrace(e, this.frame, this.code.name));
      };
      const start = () => {
        try {
          const r = this.code.body(this.frame);
          if (isPromise(r)) r.then(finish, fail);
          else finish();
        } catch (e) {
          fail(e);
        }
      };
      // Every so many nested generators, start on a fresh JS stack (as nested calls do).
      if (ctl.depth % 64 === 0) void Promise.resolve().then(start);
      else start();
    });
  }

  private ctl: Control | undefined;

  /** Control goes back to whoever called send(): this generator no longer counts as a call. */
  private leave(): void {
    if (this.ctl) this.ctl.depth--;
    this.ctl = undefined;
  }

  /** Stops the generator: later next() calls end at once. */
  close(): void {
    this.state = 'done';
  }

  yieldValue(v: PyValue): Promise<PyValue> {
    this.leave();
    this.state = 'suspended';
    const consumer = this.consumer!;
    return new Promise<PyValue>((res) => {
      this.resume = res;
      consumer.resolve(v);
    });
  }
}

generatorType.define({
  send: new NativeFunction('send', (args) => {
    const g = args[0];
    if (!(g instanceof PyGenerator)) throw pyError('TypeError', 'send() needs a generator');
    return then(g.send(args[1] ?? None), (x) => {
      if (x === STOP) throw stopIteration(g);
      return x;
    });
  }),
  close: new NativeFunction('close', (args) => {
    if (args[0] instanceof PyGenerator) args[0].close();
    return None;
  }),
  __next__: new NativeFunction('__next__', (args) =>
    then((args[0] as PyIterator).next(), (x) => {
      if (x === STOP) throw stopIteration(args[0] as PyIterator);
      return x;
    }),
  ),
  __iter__: new NativeFunction('__iter__', (args) => args[0]),
});

function reprSyncSafe(v: PyValue): string {
  const r = repr(v);
  return typeof r === 'string' ? r : '...';
}
