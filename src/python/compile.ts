// Compiles the Lezer syntax tree into JS closures once, then runs them. Every closure returns its
// result directly, or a Promise only when something really waited (a native call that returned
// a Promise, a yield to the event loop, a generator); so plain Python runs synchronously.
import type { SyntaxNode, Tree } from '@lezer/common';
import {
  BoundMethod,
  builtinExceptions,
  Ellipsis,
  functionType,
  generatorType,
  Kwargs,
  MaybePromise,
  NativeFunction,
  newException,
  None,
  PyCallable,
  PyDict,
  PyException,
  pyError,
  PyFloat,
  pyInt,
  PyInstance,
  PyIterator,
  PyList,
  PyModule,
  PyObject,
  PySet,
  PySlice,
  PyTuple,
  PyType,
  PyValue,
  STOP,
  IterResult,
  typeName,
  typeOf,
} from './objects.js';
import {
  binaryOpFor,
  call,
  compare,
  compareFor,
  contains,
  delAttr,
  delItem,
  format,
  getAttr,
  getItem,
  getIter,
  inplaceOp,
  iterate,
  lookupAttr,
  mapMP,
  MAX_SEQUENCE,
  PyRange,
  PyStaticMethod,
  PySuper,
  repr,
  setAttr,
  setItem,
  str,
  then,
  toArrayMP,
  truthy,
  unaryOp,
} from './runtime.js';
import { Binding, children, Scope, ScopeAnalysis, scopeKey, setSource, text } from './scope.js';

// ---------------------------------------------------------------------------------------------
// Runtime structures

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

export class Frame {
  slots: (PyValue | Cell | undefined)[];
  ret: PyValue = None;
  line = 0;
  col = 0;
  classNs: Map<string, PyValue> | undefined;
  gen: PyGenerator | undefined;
  fn: PyFunction | undefined;
  lastValue: PyValue | undefined;
  /** Set when this call was moved to a fresh JS stack. */
  fresh = false;
  constructor(
    public globals: Map<string, PyValue>,
    public session: SessionHooks,
    nslots: number,
  ) {
    this.slots = nslots > 0 ? new Array<PyValue | Cell | undefined>(nslots) : [];
  }
}

type Expr = (f: Frame) => MaybePromise<PyValue>;
type Signal = undefined | typeof BREAK | typeof CONTINUE | typeof RETURN;

/** Calls `run(0)` … `run(count - 1)` in order, waiting only where a call returns a Promise. */
function eachInOrder(count: number, run: (i: number) => unknown): MaybePromise<undefined> {
  const step = (i: number): MaybePromise<undefined> => {
    for (; i < count; i++) {
      const r = run(i);
      if (r instanceof Promise) {
        const next = i + 1;
        return r.then(() => step(next));
      }
    }
    return undefined;
  };
  return step(0);
}
type Stmt = (f: Frame) => MaybePromise<Signal>;
type Store = (f: Frame, v: PyValue) => MaybePromise<void>;

/** How a loop iteration ended: go on, the iterable/condition ran out, or break/return. */
type LoopStep = Signal | 'next' | 'stop';

const BREAK = 1 as const;
const CONTINUE = 2 as const;
const RETURN = 3 as const;

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

function addTrace(e: unknown, f: Frame, name: string): PyException {
  const p = toPyException(e);
  p.frames.push({ line: f.line, column: f.col, name });
  return p;
}

interface ParamInfo {
  name: string;
  slot: number;
  kind: 'pos' | 'kwonly' | 'varargs' | 'varkw';
  defaultIndex: number;
}

interface CodeInfo {
  name: string;
  qualname: string;
  params: ParamInfo[];
  nposargs: number;
  scope: Scope;
  body: Stmt;
  isGenerator: boolean;
  cellSlots: number[];
  freeSlots: number[];
  paramCells: Set<number>;
  simple: boolean;
  doc: string | undefined;
}

export class PyFunction extends PyCallable {
  definingClass: PyType | undefined;
  dict: Map<string, PyValue> | undefined;
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
    return this.code.name;
  }
  get doc(): string | undefined {
    return this.code.doc;
  }
  get qualname(): string {
    return this.code.qualname;
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
    const f = new Frame(this.globals, this.session, code.scope.nslots);
    f.fn = this;
    const slots = f.slots;
    if (code.simple && kwargs === null && args.length === code.nposargs) {
      for (let i = 0; i < args.length; i++) slots[i] = args[i];
    } else this.bind(slots, args, kwargs);
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
      r = code.body(f);
    } catch (e) {
      ctl.depth--;
      throw addTrace(e, f, code.name);
    }
    if (r instanceof Promise) {
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
    let varargs: ParamInfo | undefined;
    let varkw: ParamInfo | undefined;
    const positional: ParamInfo[] = [];
    for (const p of params) {
      if (p.kind === 'pos') positional.push(p);
      else if (p.kind === 'varargs') varargs = p;
      else if (p.kind === 'varkw') varkw = p;
    }
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
        const p = params.find((q) => q.name === k && (q.kind === 'pos' || q.kind === 'kwonly'));
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
    const missing: string[] = [];
    const missingKw: string[] = [];
    for (const p of params) {
      if (p.kind === 'varargs' || p.kind === 'varkw' || slots[p.slot] !== undefined) continue;
      if (p.defaultIndex >= 0) slots[p.slot] = this.defaults[p.defaultIndex];
      else (p.kind === 'kwonly' ? missingKw : missing).push(p.name);
    }
    const report = (list: string[], what: string) => {
      const q = list.map((m) => `'${m}'`);
      const words =
        q.length === 1
          ? q[0]
          : q.length === 2
            ? `${q[0]} and ${q[1]}`
            : q.slice(0, -1).join(', ') + ', and ' + q[q.length - 1];
      throw pyError(
        'TypeError',
        `${name}() missing ${list.length} required ${what} argument${list.length === 1 ? '' : 's'}: ${words}`,
      );
    };
    if (missing.length) report(missing, 'positional');
    if (missingKw.length) report(missingKw, 'keyword-only');
  }
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
    return new Promise<IterResult>((resolve, reject) => {
      this.consumer = { resolve, reject };
      const wasNew = this.state === 'new';
      this.state = 'running';
      if (!wasNew) {
        this.resume!(value);
        return;
      }
      const finish = () => {
        this.state = 'done';
        this.consumer!.resolve(STOP);
      };
      const fail = (e: unknown) => {
        this.state = 'done';
        this.consumer!.reject(addTrace(e, this.frame, this.code.name));
      };
      try {
        const r = this.code.body(this.frame);
        if (r instanceof Promise) r.then(finish, fail);
        else finish();
      } catch (e) {
        fail(e);
      }
    });
  }

  /** Stops the generator: later next() calls end at once. */
  close(): void {
    this.state = 'done';
  }

  yieldValue(v: PyValue): Promise<PyValue> {
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
      if (x === STOP) throw new PyException(newException(builtinExceptions.StopIteration, []));
      return x;
    });
  }),
  close: new NativeFunction('close', (args) => {
    if (args[0] instanceof PyGenerator) args[0].close();
    return None;
  }),
  __next__: new NativeFunction('__next__', (args) =>
    then((args[0] as PyIterator).next(), (x) => {
      if (x === STOP) throw new PyException(newException(builtinExceptions.StopIteration, []));
      return x;
    }),
  ),
  __iter__: new NativeFunction('__iter__', (args) => args[0]),
});

// ---------------------------------------------------------------------------------------------
// Literals

function unescape(s: string, raw: boolean): string {
  if (raw || !s.includes('\\')) return s;
  return s.replace(
    /\\(\n|\\|'|"|a|b|f|n|r|t|v|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|.)/g,
    (m, e: string) => {
      switch (e[0]) {
        case '\n':
          return '';
        case '\\':
          return '\\';
        case "'":
          return "'";
        case '"':
          return '"';
        case 'a':
          return '\x07';
        case 'b':
          return '\b';
        case 'f':
          return '\f';
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case 't':
          return '\t';
        case 'v':
          return '\v';
        case 'x':
        case 'u':
        case 'U':
          return String.fromCodePoint(parseInt(e.slice(1), 16));
        case 'N':
          return m;
        default:
          if (/^[0-7]/.test(e)) return String.fromCodePoint(parseInt(e, 8));
          return m;
      }
    },
  );
}

/** Prefix, quote length and body range of a string token. */
function stringParts(src: string): { prefix: string; body: string; quoteLen: number } {
  const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(src)!;
  const prefix = m[1].toLowerCase();
  const q = m[2];
  return { prefix, body: src.slice(m[0].length, src.length - q.length), quoteLen: q.length };
}

function parseNumber(t: string): PyValue {
  const s = t.replace(/_/g, '');
  if (/[jJ]$/.test(s)) throw pyError('NotImplementedError', 'complex numbers are not supported');
  if (/^0[xX]/.test(s) || /^0[oO]/.test(s) || /^0[bB]/.test(s)) return pyInt(BigInt(s));
  if (/[.eE]/.test(s) || /inf|nan/i.test(s)) return new PyFloat(Number(s));
  return pyInt(BigInt(s));
}

// ---------------------------------------------------------------------------------------------
// The compiler

const compareOps = new Set(['<', '>', '==', '!=', '<=', '>=', 'in', 'not in', 'is', 'is not', '<>']);

function lineOf(src: string, pos: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < pos && i < src.length; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, col: pos - last };
}

export interface CompiledCell {
  run: (f: Frame) => MaybePromise<Signal>;
  nslots: () => number;
  /** True when the last statement is an expression whose value is echoed. */
  echoes: boolean;
}

export class Compiler {
  private readonly analysis: ScopeAnalysis;
  private readonly lineStarts: number[] = [];

  constructor(
    private readonly src: string,
    private readonly tree: Tree,
  ) {
    setSource(src);
    this.lineStarts.push(0);
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    this.analysis = new ScopeAnalysis(tree.topNode);
  }

  private pos(p: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: p - this.lineStarts[lo] + 1 };
  }

  compileModule(echoLast: boolean): CompiledCell {
    const root = this.tree.topNode;
    const scope = this.analysis.module;
    const stmts = this.flatStatements(root);
    let echoes = false;
    const compiled: Stmt[] = stmts.map((s, i) => {
      if (echoLast && i === stmts.length - 1 && s.name === 'ExpressionStatement') {
        echoes = true;
        const e = this.exprList(children(s), scope);
        return this.at(s, (f) =>
          then(e(f), (v) => {
            f.lastValue = v;
            return undefined;
          }),
        );
      }
      return this.stmt(s, scope);
    });
    return { run: this.block(compiled), nslots: () => scope.nslots, echoes };
  }

  /** Statements of a Script/Body, with `a; b` groups flattened. */
  private flatStatements(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (const c of children(node)) {
      if (c.name === 'StatementGroup') out.push(...this.flatStatements(c));
      else if (c.name === ':' || c.name === ';') continue;
      else out.push(c);
    }
    return out;
  }

  private block(stmts: Stmt[]): Stmt {
    const n = stmts.length;
    if (n === 1) return stmts[0];
    const run = (f: Frame, start: number): MaybePromise<Signal> => {
      for (let i = start; i < n; i++) {
        const r = stmts[i](f);
        if (r !== undefined) {
          if (r instanceof Promise) {
            const next = i + 1;
            return r.then((s) => (s !== undefined ? s : run(f, next)));
          }
          return r;
        }
      }
      return undefined;
    };
    return (f) => run(f, 0);
  }

  /** Wraps a statement: records its position and ticks the run control. */
  private at(node: SyntaxNode, inner: Stmt): Stmt {
    const { line, col } = this.pos(node.from);
    return (f) => {
      f.line = line;
      f.col = col;
      const t = f.session.ctl.tick();
      if (t !== undefined) {
        return t.then(() => {
          f.line = line;
          f.col = col;
          return inner(f);
        });
      }
      return inner(f);
    };
  }

  private loopDepth = 0;
  private assigningWithEquals = false;
  private fnDepth = 0;

  private loopBody(node: SyntaxNode, scope: Scope): Stmt {
    this.loopDepth++;
    try {
      return this.body(node, scope);
    } finally {
      this.loopDepth--;
    }
  }

  /** Compiles a function or class body: loops outside it do not count for break/continue. */
  private nested<T>(isFunction: boolean, compile: () => T): T {
    const saved = [this.loopDepth, this.fnDepth];
    this.loopDepth = 0;
    this.fnDepth = isFunction ? this.fnDepth + 1 : 0;
    try {
      return compile();
    } finally {
      [this.loopDepth, this.fnDepth] = saved;
    }
  }

  private body(node: SyntaxNode, scope: Scope): Stmt {
    const stmts = this.flatStatements(node).map((s) => this.stmt(s, scope));
    if (stmts.length === 0) return () => undefined;
    return this.block(stmts);
  }

  // -------------------------------------------------------------------------------------------
  // Statements

  private stmt(node: SyntaxNode, scope: Scope): Stmt {
    const inner = this.stmtInner(node, scope);
    return this.at(node, inner);
  }

  private stmtInner(node: SyntaxNode, scope: Scope): Stmt {
    const kids = children(node);
    switch (node.name) {
      case 'ExpressionStatement': {
        const e = this.exprList(kids, scope);
        return (f) => then(e(f), () => undefined);
      }
      case 'AssignStatement':
        return this.assignStmt(node, kids, scope);
      case 'UpdateStatement':
        return this.updateStmt(kids, scope);
      case 'PassStatement':
        return () => undefined;
      case 'BreakStatement':
        if (this.loopDepth === 0) throw this.syntaxError(node, "'break' outside loop");
        return () => BREAK;
      case 'ContinueStatement':
        if (this.loopDepth === 0) throw this.syntaxError(node, "'continue' not properly in loop");
        return () => CONTINUE;
      case 'ReturnStatement': {
        if (this.fnDepth === 0) throw this.syntaxError(node, "'return' outside function");
        if (kids.length === 1) {
          return (f) => {
            f.ret = None;
            return RETURN;
          };
        }
        const e = this.exprList(kids.slice(1), scope);
        return (f) => {
          const v = e(f);
          if (v instanceof Promise)
            return v.then((x) => {
              f.ret = x;
              return RETURN;
            });
          f.ret = v;
          return RETURN;
        };
      }
      case 'IfStatement':
        return this.ifStmt(kids, scope);
      case 'WhileStatement':
        return this.whileStmt(kids, scope);
      case 'ForStatement':
        return this.forStmt(kids, scope);
      case 'TryStatement':
        return this.tryStmt(kids, scope);
      case 'WithStatement':
        return this.withStmt(kids, scope);
      case 'FunctionDefinition':
        return this.functionDef(node, scope, []);
      case 'ClassDefinition':
        return this.classDef(node, scope, []);
      case 'DecoratedStatement':
        return this.decorated(kids, scope);
      case 'RaiseStatement':
        return this.raiseStmt(kids, scope);
      case 'ImportStatement':
        return this.importStmt(kids, scope);
      case 'ScopeStatement':
        if (kids[0]?.name === 'nonlocal' && this.fnDepth === 0)
          throw this.syntaxError(node, 'nonlocal declaration not allowed at module level');
        return () => undefined;
      case 'AssertStatement': {
        const cond = this.expr(kids[1], scope);
        const msg = kids[3] ? this.expr(kids[3], scope) : undefined;
        return (f) =>
          then(cond(f), (c) =>
            then(truthy(c), (t) => {
              if (t) return undefined;
              if (!msg) throw new PyException(newException(builtinExceptions.AssertionError, []));
              return then(msg(f), (m) => {
                throw new PyException(newException(builtinExceptions.AssertionError, [m]));
              });
            }),
          );
      }
      case 'DeleteStatement': {
        const targets = kids
          .slice(1)
          .filter((k) => k.name !== ',')
          .map((k) => this.delTarget(k, scope));
        return (f) => {
          return eachInOrder(targets.length, (i) => targets[i](f));
        };
      }
      case 'YieldStatement': {
        const e = this.yieldExpr(kids, scope);
        return (f) => then(e(f), () => undefined);
      }
      case 'Body':
        return this.body(node, scope);
      case 'StatementGroup':
        return this.block(this.flatStatements(node).map((s) => this.stmt(s, scope)));
      case 'MatchStatement':
        throw this.syntaxError(node, 'match statements are not supported');
      case 'PrintStatement':
        throw this.syntaxError(node, "Missing parentheses in call to 'print'. Did you mean print(...)?");
      default:
        throw this.syntaxError(node, 'invalid syntax');
    }
  }

  syntaxError(node: SyntaxNode, message: string): PyException {
    const { line, col } = this.pos(node.from);
    const e = pyError('SyntaxError', message);
    e.frames.push({ line, column: col, name: '<module>' });
    (e as PyException & { syntax?: boolean }).syntax = true;
    return e;
  }

  private assignStmt(node: SyntaxNode, kids: SyntaxNode[], scope: Scope): Stmt {
    // Groups separated by `=`; the last is the value.
    const groups: SyntaxNode[][] = [[]];
    let annotated = false;
    for (const k of kids) {
      if (k.name === 'AssignOp') groups.push([]);
      else if (k.name === 'TypeDef') annotated = true;
      else groups[groups.length - 1].push(k);
    }
    if (groups.length === 1) {
      // `x: int` without a value.
      if (annotated) return () => undefined;
      throw this.syntaxError(node, 'invalid syntax');
    }
    const value = this.exprList(groups[groups.length - 1], scope);
    this.assigningWithEquals = groups.length === 2;
    const targets = groups.slice(0, -1).map((g) => this.targetList(g, scope));
    this.assigningWithEquals = false;
    if (targets.length === 1) {
      const t = targets[0];
      return (f) => {
        const v = value(f);
        if (v instanceof Promise) return v.then((x) => then(t(f, x), () => undefined));
        const r = t(f, v);
        if (r instanceof Promise) return r.then(() => undefined);
        return undefined;
      };
    }
    return (f) =>
      then(value(f), (v) => {
        return eachInOrder(targets.length, (i) => targets[i](f, v));
      });
  }

  private updateStmt(kids: SyntaxNode[], scope: Scope): Stmt {
    const target = kids[0];
    const op = text(kids[1]).slice(0, -1);
    const value = this.expr(kids[2], scope);
    if (target.name === 'VariableName') {
      const load = this.load(text(target), scope, target);
      const store = this.store(text(target), scope);
      const fast = binaryOpFor(op);
      // Numbers take the specialised operator; lists and objects the in-place protocol.
      const apply = (a: PyValue, b: PyValue) =>
        typeof a === 'number' || a instanceof PyFloat ? fast(a, b) : inplaceOp(op, a, b);
      const slow = (f: Frame, cur: MaybePromise<PyValue>): MaybePromise<Signal> =>
        then(cur, (c) => then(value(f), (v) => then(apply(c, v), (r) => then(store(f, r), () => undefined))));
      return (f) => {
        const cur = load(f);
        if (cur instanceof Promise) return slow(f, cur);
        const v = value(f);
        if (v instanceof Promise)
          return v.then((x) => then(apply(cur, x), (r) => then(store(f, r), () => undefined)));
        const r = apply(cur, v);
        if (r instanceof Promise) return r.then((x) => then(store(f, x), () => undefined));
        const st = store(f, r);
        if (st instanceof Promise) return st.then(() => undefined);
        return undefined;
      };
    }
    if (target.name === 'MemberExpression') {
      const mk = children(target);
      const obj = this.expr(mk[0], scope);
      if (mk[1]?.name === '.') {
        const name = text(mk[2]);
        return (f) =>
          then(obj(f), (o) =>
            then(getAttr(o, name), (cur) =>
              then(value(f), (v) =>
                then(inplaceOp(op, cur, v), (r) => then(setAttr(o, name, r), () => undefined)),
              ),
            ),
          );
      }
      const key = this.subscript(mk, scope);
      return (f) =>
        then(obj(f), (o) =>
          then(key(f), (k) =>
            then(getItem(o, k), (cur) =>
              then(value(f), (v) =>
                then(inplaceOp(op, cur, v), (r) => then(setItem(o, k, r), () => undefined)),
              ),
            ),
          ),
        );
    }
    throw this.syntaxError(target, "'" + target.name + "' is an illegal expression for augmented assignment");
  }

  private ifStmt(kids: SyntaxNode[], scope: Scope): Stmt {
    const branches: [Expr | null, Stmt][] = [];
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i].name;
      if (k === 'if' || k === 'elif') {
        branches.push([this.expr(kids[i + 1], scope), this.body(kids[i + 2], scope)]);
        i += 2;
      } else if (k === 'else') {
        branches.push([null, this.body(kids[i + 1], scope)]);
        i += 1;
      }
    }
    const run = (f: Frame, i: number): MaybePromise<Signal> => {
      for (; i < branches.length; i++) {
        const [cond, body] = branches[i];
        if (!cond) return body(f);
        const c = cond(f);
        let t: MaybePromise<boolean>;
        if (typeof c === 'boolean') t = c;
        else if (c instanceof Promise) {
          const idx = i;
          return c.then((v) => then(truthy(v), (tv) => (tv ? body(f) : run(f, idx + 1))));
        } else t = truthy(c);
        if (t instanceof Promise) {
          const idx = i;
          return t.then((tv) => (tv ? body(f) : run(f, idx + 1)));
        }
        if (t) return body(f);
      }
      return undefined;
    };
    return (f) => run(f, 0);
  }

  // Loops run synchronously until something waits; from then on an async function finishes the
  // loop, awaiting each step, so a long loop never builds a chain of pending Promises.

  private whileStmt(kids: SyntaxNode[], scope: Scope): Stmt {
    const cond = this.expr(kids[1], scope);
    const body = this.loopBody(kids[2], scope);
    const orelse = kids[3]?.name === 'else' ? this.body(kids[4], scope) : undefined;
    const afterBody = (s: Signal): LoopStep => (s === BREAK ? undefined : s === RETURN ? s : 'next');
    const withCond = (f: Frame, t: boolean): MaybePromise<LoopStep> =>
      t ? then(body(f), afterBody) : 'stop';
    const rest = async (f: Frame, current: Promise<LoopStep>): Promise<Signal> => {
      const ctl = f.session.ctl;
      let r = await current;
      for (;;) {
        if (r === 'stop') return orelse ? orelse(f) : undefined;
        if (r !== 'next') return r;
        // Only real Promises are awaited: an await costs a trip through the microtask queue.
        const tk = ctl.tick();
        if (tk !== undefined) await tk;
        let c = cond(f);
        if (c instanceof Promise) c = await c;
        let t = typeof c === 'boolean' ? c : truthy(c);
        if (t instanceof Promise) t = await t;
        if (!t) {
          r = 'stop';
          continue;
        }
        let b = body(f);
        if (b instanceof Promise) b = await b;
        r = afterBody(b);
      }
    };
    return (f) => {
      const ctl = f.session.ctl;
      for (;;) {
        const tk = ctl.tick();
        if (tk !== undefined)
          return rest(
            f,
            tk.then(() => 'next' as const),
          );
        const c = cond(f);
        const t: MaybePromise<boolean> =
          typeof c === 'boolean' ? c : c instanceof Promise ? c.then(truthy) : truthy(c);
        if (t instanceof Promise)
          return rest(
            f,
            t.then((tv) => withCond(f, tv)),
          );
        if (!t) return orelse ? orelse(f) : undefined;
        const s = body(f);
        if (s instanceof Promise) return rest(f, s.then(afterBody));
        if (s === BREAK) return undefined;
        if (s === RETURN) return s;
      }
    };
  }

  private forStmt(kids: SyntaxNode[], scope: Scope): Stmt {
    const inIdx = kids.findIndex((k) => k.name === 'in');
    const bodyIdx = kids.findIndex((k) => k.name === 'Body');
    const target = this.targetList(kids.slice(1, inIdx), scope);
    const iterable = this.exprList(kids.slice(inIdx + 1, bodyIdx), scope);
    const body = this.loopBody(kids[bodyIdx], scope);
    const orelse = kids[bodyIdx + 1]?.name === 'else' ? this.body(kids[bodyIdx + 2], scope) : undefined;

    const afterBody = (s: Signal): LoopStep => (s === BREAK ? undefined : s === RETURN ? s : 'next');
    const withItem = (f: Frame, v: IterResult): MaybePromise<LoopStep> => {
      if (v === STOP) return 'stop';
      const a = target(f, v);
      if (a instanceof Promise) return a.then(() => then(body(f), afterBody));
      return then(body(f), afterBody);
    };
    const rest = async (
      f: Frame,
      current: Promise<LoopStep>,
      nextItem: () => MaybePromise<IterResult>,
    ): Promise<Signal> => {
      const ctl = f.session.ctl;
      let r = await current;
      for (;;) {
        if (r === 'stop') return orelse ? orelse(f) : undefined;
        if (r !== 'next') return r;
        const tk = ctl.tick();
        if (tk !== undefined) await tk;
        let x = nextItem();
        if (x instanceof Promise) x = await x;
        if (x === STOP) {
          r = 'stop';
          continue;
        }
        const a = target(f, x);
        if (a instanceof Promise) await a;
        let b = body(f);
        if (b instanceof Promise) b = await b;
        r = afterBody(b);
      }
    };
    const run = (f: Frame, nextItem: () => MaybePromise<IterResult>): MaybePromise<Signal> => {
      const ctl = f.session.ctl;
      for (;;) {
        const tk = ctl.tick();
        if (tk !== undefined)
          return rest(
            f,
            tk.then(() => 'next' as const),
            nextItem,
          );
        const x = nextItem();
        if (x instanceof Promise)
          return rest(
            f,
            x.then((v) => withItem(f, v)),
            nextItem,
          );
        if (x === STOP) return orelse ? orelse(f) : undefined;
        const a = target(f, x);
        if (a instanceof Promise)
          return rest(
            f,
            a.then(() => then(body(f), afterBody)),
            nextItem,
          );
        const s = body(f);
        if (s instanceof Promise) return rest(f, s.then(afterBody), nextItem);
        if (s !== undefined && s !== CONTINUE) return s === BREAK ? undefined : s;
      }
    };
    return (f) =>
      then(iterable(f), (seq) => {
        if (seq instanceof PyRange) {
          let i = 0;
          const r = seq;
          return run(f, () => (i < r.length ? r.start + i++ * r.step : STOP));
        }
        return then(getIter(seq), (it) => run(f, () => it.next()));
      });
  }

  private tryStmt(kids: SyntaxNode[], scope: Scope): Stmt {
    const body = this.body(kids[1], scope);
    interface Handler {
      type: Expr | null;
      store: Store | null;
      unbind: ((f: Frame) => void) | null;
      body: Stmt;
    }
    const handlers: Handler[] = [];
    let orelse: Stmt | undefined;
    let final: Stmt | undefined;
    for (let i = 2; i < kids.length; i++) {
      const k = kids[i].name;
      if (k === 'except') {
        let j = i + 1;
        let type: Expr | null = null;
        let store: Store | null = null;
        let unbind: ((f: Frame) => void) | null = null;
        if (kids[j].name !== 'Body') {
          type = this.expr(kids[j], scope);
          j++;
          if (kids[j].name === 'as') {
            const nameNode = kids[j + 1];
            store = this.store(text(nameNode), scope);
            const del = this.delName(text(nameNode), scope);
            unbind = (f) => {
              try {
                del(f);
              } catch {
                // already unbound
              }
            };
            j += 2;
          }
        }
        handlers.push({ type, store, unbind, body: this.body(kids[j], scope) });
        i = j;
      } else if (k === 'else') {
        orelse = this.body(kids[i + 1], scope);
        i++;
      } else if (k === 'finally') {
        final = this.body(kids[i + 1], scope);
        i++;
      }
    }

    const matches = (f: Frame, h: Handler, exc: PyException): MaybePromise<boolean> => {
      if (!h.type) return true;
      return then(h.type(f), (t) => excMatches(exc.exc, t));
    };
    const handle = (f: Frame, e: unknown): MaybePromise<Signal> => {
      const exc = toPyException(e);
      if (f.session.ctl.stopped) throw exc;
      const tryHandler = (i: number): MaybePromise<Signal> => {
        if (i >= handlers.length) throw exc;
        const h = handlers[i];
        return then(matches(f, h, exc), (m) => {
          if (!m) return tryHandler(i + 1);
          const saved = currentException;
          currentException = exc;
          const runBody = () => {
            const restore = () => {
              currentException = saved;
              h.unbind?.(f);
            };
            let r: MaybePromise<Signal>;
            try {
              r = h.body(f);
            } catch (err) {
              restore();
              throw err;
            }
            if (r instanceof Promise)
              return r.then(
                (s) => {
                  restore();
                  return s;
                },
                (err: unknown) => {
                  restore();
                  throw err;
                },
              );
            restore();
            return r;
          };
          if (h.store) return then(h.store(f, exc.exc), runBody);
          return runBody();
        });
      };
      return tryHandler(0);
    };
    const withHandlers = (f: Frame): MaybePromise<Signal> => {
      let r: MaybePromise<Signal>;
      try {
        r = body(f);
      } catch (e) {
        if (handlers.length === 0) throw e;
        return handle(f, e);
      }
      if (r instanceof Promise) {
        return r.then(
          (s) => (s === undefined && orelse ? orelse(f) : s),
          (e: unknown) => {
            if (handlers.length === 0) throw e;
            return handle(f, e);
          },
        );
      }
      if (r === undefined && orelse) return orelse(f);
      return r;
    };
    if (!final) return withHandlers;
    const fin = final;
    return (f) => {
      const saveRet = () => f.ret;
      let r: MaybePromise<Signal>;
      try {
        r = withHandlers(f);
      } catch (e) {
        const ret = saveRet();
        return then(fin(f), (s) => {
          if (s !== undefined) return s;
          f.ret = ret;
          throw e;
        });
      }
      if (r instanceof Promise) {
        return r.then(
          (s) => {
            const ret = f.ret;
            return then(fin(f), (s2) => {
              if (s2 !== undefined) return s2;
              f.ret = ret;
              return s;
            });
          },
          (e: unknown) =>
            then(fin(f), (s2) => {
              if (s2 !== undefined) return s2;
              throw e;
            }),
        );
      }
      const ret = f.ret;
      return then(fin(f), (s2) => {
        if (s2 !== undefined) return s2;
        f.ret = ret;
        return r;
      });
    };
  }

  private withStmt(kids: SyntaxNode[], scope: Scope): Stmt {
    const items: { mgr: Expr; store: Store | null }[] = [];
    const bodyNode = kids[kids.length - 1];
    for (let i = 1; i < kids.length - 1; i++) {
      if (kids[i].name === ',') continue;
      const mgr = this.expr(kids[i], scope);
      let store: Store | null = null;
      if (kids[i + 1]?.name === 'as') {
        store = this.target(kids[i + 2], scope);
        i += 2;
      }
      items.push({ mgr, store });
    }
    const body = this.body(bodyNode, scope);
    const runItem = (f: Frame, idx: number): MaybePromise<Signal> => {
      if (idx >= items.length) return body(f);
      const item = items[idx];
      return then(item.mgr(f), (m) => {
        const t = typeOf(m);
        const enter = t.lookup('__enter__');
        const exit = t.lookup('__exit__');
        if (enter === undefined || exit === undefined) {
          throw pyError('TypeError', `'${t.name}' object does not support the context manager protocol`);
        }
        return then(call(enter, [m], null), (v) => {
          const inner = (): MaybePromise<Signal> => {
            let r: MaybePromise<Signal>;
            const onError = (e: unknown): MaybePromise<Signal> => {
              const exc = toPyException(e);
              return then(call(exit, [m, exc.exc.cls, exc.exc, None], null), (sup) =>
                then(truthy(sup), (s) => {
                  if (s && !f.session.ctl.stopped) return undefined;
                  throw exc;
                }),
              );
            };
            try {
              r = runItem(f, idx + 1);
            } catch (e) {
              return onError(e);
            }
            if (r instanceof Promise)
              return r.then((s) => then(call(exit, [m, None, None, None], null), () => s), onError);
            const s = r;
            return then(call(exit, [m, None, None, None], null), () => s);
          };
          if (item.store) return then(item.store(f, v), inner);
          return inner();
        });
      });
    };
    return (f) => runItem(f, 0);
  }

  private raiseStmt(kids: SyntaxNode[], scope: Scope): Stmt {
    if (kids.length === 1) {
      return () => {
        if (!currentException) throw pyError('RuntimeError', 'No active exception to reraise');
        throw currentException;
      };
    }
    const e = this.expr(kids[1], scope);
    const cause = kids[2]?.name === 'from' ? this.expr(kids[3], scope) : undefined;
    return (f) =>
      then(e(f), (v) =>
        then(makeException(v), (exc) => {
          if (cause) {
            return then(cause(f), (c) => {
              exc.dict.set('__cause__', c);
              throw new PyException(exc);
            });
          }
          throw new PyException(exc);
        }),
      );
  }

  private importStmt(kids: SyntaxNode[], scope: Scope): Stmt {
    const actions: ((f: Frame) => MaybePromise<void>)[] = [];
    const last = kids[kids.length - 1];
    if (last?.name === ',') throw this.syntaxError(last, 'trailing comma not allowed without surrounding parentheses');
    if (kids[0].name === 'from') {
      const importIdx = kids.findIndex((k) => k.name === 'import');
      const modName = kids
        .slice(1, importIdx)
        .map((k) => text(k))
        .join('');
      if (modName.startsWith('.'))
        throw this.syntaxError(kids[1], 'attempted relative import with no known parent package');
      const rest = kids.slice(importIdx + 1).filter((k) => k.name !== '(' && k.name !== ')');
      if (rest[0]?.name === '*') {
        actions.push((f) =>
          then(f.session.importModule(modName), (m) => {
            for (const [k, v] of m.dict) {
              if (k.startsWith('_')) continue;
              setName(f, scope, k, v, this);
            }
          }),
        );
      } else {
        for (let i = 0; i < rest.length; i++) {
          if (rest[i].name === ',') continue;
          const name = text(rest[i]);
          let alias = name;
          if (rest[i + 1]?.name === 'as') {
            alias = text(rest[i + 2]);
            i += 2;
          }
          const store = this.store(alias, scope);
          actions.push((f) =>
            then(f.session.importModule(modName), (m) => {
              const v = lookupAttr(m, name);
              if (v !== undefined) return then(v, (x) => store(f, x));
              return f.session.importModule(modName + '.' + name).then(
                (sub) => store(f, sub),
                () => {
                  const e = pyError(
                    'ImportError',
                    `cannot import name '${name}' from '${modName}' (unknown location)`,
                  );
                  throw e;
                },
              );
            }),
          );
        }
      }
    } else {
      let i = 1;
      while (i < kids.length) {
        const parts: string[] = [];
        while (i < kids.length && kids[i].name !== ',' && kids[i].name !== 'as') {
          if (kids[i].name === 'VariableName') parts.push(text(kids[i]));
          i++;
        }
        let alias: string | undefined;
        if (kids[i]?.name === 'as') {
          alias = text(kids[i + 1]);
          i += 2;
        }
        i++;
        const full = parts.join('.');
        const store = this.store(alias ?? parts[0], scope);
        actions.push(async (f) => {
          let top: PyModule | undefined;
          let m: PyModule | undefined;
          for (let k = 1; k <= parts.length; k++) {
            m = await f.session.importModule(parts.slice(0, k).join('.'));
            top ??= m;
          }
          await store(f, alias ? m! : top!);
        });
        void full;
      }
    }
    return (f) => {
      return eachInOrder(actions.length, (i) => actions[i](f));
    };
  }

  private decorated(kids: SyntaxNode[], scope: Scope): Stmt {
    const decorators: Expr[] = [];
    let def: SyntaxNode | undefined;
    for (const k of kids) {
      if (k.name === 'Decorator') decorators.push(this.decoratorExpr(k, scope));
      else def = k;
    }
    if (!def) throw this.syntaxError(kids[0], 'invalid syntax');
    if (def.name === 'ClassDefinition') return this.classDef(def, scope, decorators);
    return this.functionDef(def, scope, decorators);
  }

  private decoratorExpr(node: SyntaxNode, scope: Scope): Expr {
    const kids = children(node).filter((k) => k.name !== 'At');
    if (kids.length === 1) return this.expr(kids[0], scope);
    let e: Expr = this.expr(kids[0], scope);
    for (let i = 1; i < kids.length; i++) {
      const k = kids[i];
      if (k.name === '.') {
        const name = text(kids[i + 1]);
        const prev = e;
        e = (f) => then(prev(f), (o) => getAttr(o, name));
        i++;
      } else if (k.name === 'ArgList') {
        const prev = e;
        const args = this.args(k, scope);
        e = (f) => then(prev(f), (fn) => then(args(f), ([a, kw]) => call(fn, a, kw)));
      }
    }
    return e;
  }

  // -------------------------------------------------------------------------------------------
  // Functions and classes

  private params(
    paramList: SyntaxNode | undefined,
    outer: Scope,
    inner: Scope,
  ): { params: ParamInfo[]; defaults: Expr[] } {
    const params: ParamInfo[] = [];
    const defaults: Expr[] = [];
    if (!paramList) return { params, defaults };
    const kids = children(paramList);
    let afterStar = false;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k.name === '*') {
        if (kids[i + 1]?.name === 'VariableName') {
          const name = text(kids[i + 1]);
          params.push({ name, slot: inner.allocate(name), kind: 'varargs', defaultIndex: -1 });
          i++;
        }
        afterStar = true;
        continue;
      }
      if (k.name === '**') {
        const name = text(kids[i + 1]);
        params.push({ name, slot: inner.allocate(name), kind: 'varkw', defaultIndex: -1 });
        i++;
        continue;
      }
      if (k.name === 'VariableName') {
        const kind: ParamInfo['kind'] = afterStar ? 'kwonly' : 'pos';
        const name = text(k);
        const p: ParamInfo = { name, slot: inner.allocate(name), kind, defaultIndex: -1 };
        if (kids[i + 1]?.name === 'TypeDef') i++;
        if (kids[i + 1]?.name === 'AssignOp') {
          p.defaultIndex = defaults.length;
          defaults.push(this.expr(kids[i + 2], outer));
          i += 2;
        }
        params.push(p);
      }
    }
    return { params, defaults };
  }

  /** Allocates slots: locals, cells, free variables. Params are allocated first by params(). */
  private allocateScope(scope: Scope): { cellSlots: number[]; freeSlots: number[] } {
    for (const n of scope.assigned) if (scope.isLocal(n)) scope.allocate(n);
    const freeSlots = scope.frees.map((n) => scope.allocate(n));
    const cellSlots = [...scope.cells].filter((n) => scope.isLocal(n)).map((n) => scope.slotOf.get(n)!);
    return { cellSlots, freeSlots };
  }

  private makeFunction(
    node: SyntaxNode,
    scope: Scope,
    name: string,
    bodyNode: SyntaxNode,
    isLambda: boolean,
  ): Expr {
    const inner = this.analysis.scopes.get(scopeKey(node))!;
    const kids = children(node);
    const { params, defaults } = this.params(
      kids.find((k) => k.name === 'ParamList'),
      scope,
      inner,
    );
    const { cellSlots, freeSlots } = this.allocateScope(inner);
    let doc: string | undefined;
    let body: Stmt;
    const names = new Set<string>();
    for (const p of params) {
      if (names.has(p.name))
        throw this.syntaxError(node, `duplicate argument '${p.name}' in function definition`);
      names.add(p.name);
    }
    if (isLambda) {
      const e = this.nested(true, () => this.expr(bodyNode, inner));
      body = (f) =>
        then(e(f), (v) => {
          f.ret = v;
          return RETURN;
        });
      if (inner.hasYield) {
        body = (f) => then(e(f), () => RETURN);
      }
    } else {
      const stmts = this.flatStatements(bodyNode);
      const first = stmts[0];
      if (first?.name === 'ExpressionStatement') {
        const c = children(first)[0];
        if (c?.name === 'String') doc = this.stringValue(c);
      }
      body = this.nested(true, () => this.body(bodyNode, inner));
    }
    const positional = params.filter((p) => p.kind === 'pos');
    const code: CodeInfo = {
      name,
      qualname: inner.qualname,
      params,
      nposargs: positional.length,
      scope: inner,
      body,
      isGenerator: inner.hasYield,
      cellSlots,
      freeSlots,
      paramCells: new Set(params.filter((p) => inner.cells.has(p.name)).map((p) => p.slot)),
      simple: params.every((p) => p.kind === 'pos' && p.defaultIndex < 0),
      doc,
    };
    // The closure: cells of the enclosing frame, in the inner scope's free order.
    const freeSources = inner.frees.map((n) => this.cellSource(n, scope));
    return (f) =>
      then(
        mapMP(defaults, (d) => d(f)),
        (defs) => {
          const closure = freeSources.map((i) => f.slots[i] as Cell);
          return new PyFunction(code, defs, closure, f.globals, f.session);
        },
      );
  }

  /** Slot of the Cell for `name` in the frame executing code of `scope`. */
  private cellSource(name: string, scope: Scope): number {
    let s: Scope | undefined = scope;
    while (s) {
      if (s.isLocal(name) && s.kind !== 'class') return s.allocate(name);
      if (s.kind !== 'comp') break;
      s = s.parent;
    }
    const owner = scope.owner;
    if (owner.frees.includes(name)) return owner.allocate(name);
    throw new Error(`internal: no cell for ${name}`);
  }

  private functionDef(node: SyntaxNode, scope: Scope, decorators: Expr[]): Stmt {
    const kids = children(node);
    if (kids[0]?.name === 'async') throw this.syntaxError(node, 'async functions are not supported');
    const name = text(kids.find((k) => k.name === 'VariableName')!);
    const make = this.makeFunction(
      node,
      scope,
      name,
      kids.find((k) => k.name === 'Body')!,
      false,
    );
    const store = this.store(name, scope);
    return (f) =>
      then(
        mapMP(decorators, (d) => d(f)),
        (decs) =>
          then(make(f), (fn) => {
            let v: MaybePromise<PyValue> = fn;
            for (let i = decs.length - 1; i >= 0; i--) {
              const d = decs[i];
              v = then(v, (x) => call(d, [x], null));
            }
            return then(v, (x) => then(store(f, x), () => undefined));
          }),
      );
  }

  private classDef(node: SyntaxNode, scope: Scope, decorators: Expr[]): Stmt {
    const kids = children(node);
    const name = text(kids.find((k) => k.name === 'VariableName')!);
    const argList = kids.find((k) => k.name === 'ArgList');
    const args = argList ? this.args(argList, scope) : undefined;
    const inner = this.analysis.scopes.get(scopeKey(node))!;
    const { freeSlots } = this.allocateScope(inner);
    const bodyNode = kids.find((k) => k.name === 'Body')!;
    const body = this.nested(false, () => this.body(bodyNode, inner));
    const freeSources = inner.frees.map((n) => this.cellSource(n, scope));
    const store = this.store(name, scope);
    let doc: string | undefined;
    const first = this.flatStatements(bodyNode)[0];
    if (first?.name === 'ExpressionStatement' && children(first)[0]?.name === 'String')
      doc = this.stringValue(children(first)[0]);
    return (f) =>
      then(args ? args(f) : ([[], null] as [PyValue[], Kwargs | null]), ([bases]) => {
        for (const b of bases) if (!(b instanceof PyType)) throw pyError('TypeError', 'bases must be types');
        const cf = new Frame(f.globals, f.session, inner.nslots);
        cf.classNs = new Map();
        freeSlots.forEach((slot, i) => (cf.slots[slot] = f.slots[freeSources[i]]));
        cf.line = f.line;
        const finish = () => {
          const cls = new PyType(name, {
            module: '__main__',
            bases: bases.length ? (bases as PyType[]) : undefined,
            doc,
          });
          for (const [k, v] of cf.classNs!) {
            cls.dict.set(k, v);
            if (v instanceof PyFunction) v.definingClass = cls;
            if (v instanceof PyStaticMethod && v.func instanceof PyFunction) v.func.definingClass = cls;
          }
          let v: MaybePromise<PyValue> = cls;
          return then(
            mapMP(decorators, (d) => d(f)),
            (decs) => {
              for (let i = decs.length - 1; i >= 0; i--) {
                const d = decs[i];
                v = then(v, (x) => call(d, [x], null));
              }
              return then(v, (x) => then(store(f, x), () => undefined));
            },
          );
        };
        let r: MaybePromise<Signal>;
        try {
          r = body(cf);
        } catch (e) {
          throw addTrace(e, cf, name);
        }
        if (r instanceof Promise)
          return r.then(finish, (e: unknown) => {
            throw addTrace(e, cf, name);
          });
        return finish();
      });
  }

  // -------------------------------------------------------------------------------------------
  // Names

  private binding(name: string, scope: Scope): Binding {
    if (scope.kind === 'class') {
      if (scope.globals.has(name)) return { kind: 'global' };
      if (scope.frees.includes(name) && !scope.assigned.has(name))
        return { kind: 'slot', index: scope.allocate(name), cell: true };
      return { kind: 'class', fallback: { kind: 'global' } };
    }
    let s: Scope | undefined = scope;
    while (s) {
      if (s.globals.has(name)) return { kind: 'global' };
      if (s.isLocal(name)) return { kind: 'slot', index: s.allocate(name), cell: s.cells.has(name) };
      if (s.kind !== 'comp') break;
      s = s.parent;
    }
    const owner = scope.owner;
    if (owner.frees.includes(name)) return { kind: 'slot', index: owner.allocate(name), cell: true };
    return { kind: 'global' };
  }

  private load(name: string, scope: Scope, _node?: SyntaxNode): Expr {
    const b = this.binding(name, scope);
    if (b.kind === 'slot') {
      const i = b.index;
      if (b.cell) {
        return (f) => {
          const v = (f.slots[i] as Cell | undefined)?.v;
          if (v === undefined) throw unbound(name, true);
          return v;
        };
      }
      return (f) => {
        const v = f.slots[i] as PyValue | undefined;
        if (v === undefined) throw unbound(name, false);
        return v;
      };
    }
    if (b.kind === 'class') {
      return (f) => {
        const v = f.classNs?.get(name);
        if (v !== undefined) return v;
        return loadGlobal(f, name);
      };
    }
    return (f) => loadGlobal(f, name);
  }

  private store(name: string, scope: Scope): Store {
    const b = this.binding(name, scope);
    if (b.kind === 'slot') {
      const i = b.index;
      if (b.cell) {
        return (f, v) => {
          let c = f.slots[i] as Cell | undefined;
          if (!c) c = f.slots[i] = new Cell(undefined);
          c.v = v;
        };
      }
      return (f, v) => {
        f.slots[i] = v;
      };
    }
    if (b.kind === 'class') return (f, v) => void f.classNs!.set(name, v);
    return (f, v) => void f.globals.set(name, v);
  }

  private delName(name: string, scope: Scope): (f: Frame) => void {
    const b = this.binding(name, scope);
    if (b.kind === 'slot') {
      const i = b.index;
      return (f) => {
        if (b.cell) {
          const c = f.slots[i] as Cell | undefined;
          if (!c || c.v === undefined) throw unbound(name, true);
          c.v = undefined;
        } else {
          if (f.slots[i] === undefined) throw unbound(name, false);
          f.slots[i] = undefined;
        }
      };
    }
    if (b.kind === 'class') {
      return (f) => {
        if (!f.classNs!.delete(name)) throw pyError('NameError', `name '${name}' is not defined`);
      };
    }
    return (f) => {
      if (!f.globals.delete(name)) throw pyError('NameError', `name '${name}' is not defined`);
    };
  }

  private delTarget(node: SyntaxNode, scope: Scope): (f: Frame) => MaybePromise<void> {
    if (node.name === 'VariableName') return this.delName(text(node), scope);
    if (node.name === 'MemberExpression') {
      const mk = children(node);
      const obj = this.expr(mk[0], scope);
      if (mk[1]?.name === '.') {
        const name = text(mk[2]);
        return (f) => then(obj(f), (o) => delAttr(o, name));
      }
      const key = this.subscript(mk, scope);
      return (f) => then(obj(f), (o) => then(key(f), (k) => delItem(o, k)));
    }
    if (
      node.name === 'TupleExpression' ||
      node.name === 'ArrayExpression' ||
      node.name === 'ParenthesizedExpression'
    ) {
      const parts = children(node)
        .filter((k) => !['(', ')', '[', ']', ','].includes(k.name))
        .map((k) => this.delTarget(k, scope));
      return (f) => {
        return eachInOrder(parts.length, (i) => parts[i](f));
      };
    }
    throw this.syntaxError(node, `cannot delete ${describe(node)}`);
  }

  // -------------------------------------------------------------------------------------------
  // Assignment targets

  private targetList(nodes: SyntaxNode[], scope: Scope): Store {
    const items = nodes.filter((k) => k.name !== ',');
    const hasComma = nodes.some((k) => k.name === ',');
    if (!hasComma && items.length === 1) return this.target(items[0], scope);
    return this.unpackTargets(nodes, scope);
  }

  private unpackTargets(nodes: SyntaxNode[], scope: Scope): Store {
    const targets: Store[] = [];
    let starIndex = -1;
    for (let i = 0; i < nodes.length; i++) {
      const k = nodes[i];
      if (k.name === ',') continue;
      if (k.name === '*') {
        starIndex = targets.length;
        targets.push(this.target(nodes[i + 1], scope));
        i++;
        continue;
      }
      targets.push(this.target(k, scope));
    }
    const n = targets.length;
    return (f, v) => {
      if (
        !(v instanceof PyList || v instanceof PyTuple) &&
        typeOf(v).lookup('__iter__') === undefined &&
        !(
          v instanceof PyObject &&
          (v instanceof PyIterator || v instanceof PyRange || v instanceof PyDict || v instanceof PySet)
        ) &&
        typeof v !== 'string'
      ) {
        throw pyError('TypeError', `cannot unpack non-iterable ${typeName(v)} object`);
      }
      return then(toArrayMP(v), (vals) => {
        let parts: PyValue[];
        if (starIndex < 0) {
          if (vals.length > n) throw pyError('ValueError', `too many values to unpack (expected ${n})`);
          if (vals.length < n)
            throw pyError('ValueError', `not enough values to unpack (expected ${n}, got ${vals.length})`);
          parts = vals;
        } else {
          if (vals.length < n - 1)
            throw pyError(
              'ValueError',
              `not enough values to unpack (expected at least ${n - 1}, got ${vals.length})`,
            );
          const after = n - 1 - starIndex;
          parts = [
            ...vals.slice(0, starIndex),
            new PyList(vals.slice(starIndex, vals.length - after)),
            ...vals.slice(vals.length - after),
          ];
        }
        return eachInOrder(n, (i) => targets[i](f, parts[i]));
      });
    };
  }

  private target(node: SyntaxNode, scope: Scope): Store {
    switch (node.name) {
      case 'VariableName':
        return this.store(text(node), scope);
      case 'MemberExpression': {
        const mk = children(node);
        const obj = this.expr(mk[0], scope);
        if (mk[1]?.name === '.') {
          const name = text(mk[2]);
          return (f, v) => then(obj(f), (o) => setAttr(o, name, v));
        }
        const key = this.subscript(mk, scope);
        return (f, v) => then(obj(f), (o) => then(key(f), (k) => setItem(o, k, v)));
      }
      case 'TupleExpression':
      case 'ArrayExpression': {
        const inner = children(node).filter((k) => !['(', ')', '[', ']'].includes(k.name));
        return this.unpackTargets(inner, scope);
      }
      case 'ParenthesizedExpression': {
        const inner = children(node).filter((k) => k.name !== '(' && k.name !== ')');
        return this.targetList(inner, scope);
      }
      default:
        throw this.syntaxError(
          node,
          `cannot assign to ${describe(node)}${this.assigningWithEquals ? " here. Maybe you meant '==' instead of '='?" : ''}`,
        );
    }
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  /** A comma-separated list: one expression, or a tuple. */
  private exprList(nodes: SyntaxNode[], scope: Scope): Expr {
    const hasComma = nodes.some((k) => k.name === ',');
    const hasStar = nodes.some((k) => k.name === '*');
    if (!hasComma && !hasStar && nodes.length === 1) return this.expr(nodes[0], scope);
    const items = this.starredItems(nodes, scope);
    return (f) => then(items(f), (xs) => new PyTuple(xs));
  }

  /** Items of a display with `*x` unpacking. */
  private starredItems(nodes: SyntaxNode[], scope: Scope): (f: Frame) => MaybePromise<PyValue[]> {
    const parts: { e: Expr; star: boolean }[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const k = nodes[i];
      if (k.name === ',') continue;
      if (k.name === '*') {
        parts.push({ e: this.expr(nodes[i + 1], scope), star: true });
        i++;
        continue;
      }
      parts.push({ e: this.expr(k, scope), star: false });
    }
    if (!parts.some((p) => p.star)) {
      const es = parts.map((p) => p.e);
      return (f) => mapMP(es, (e) => e(f));
    }
    return async (f) => {
      const out: PyValue[] = [];
      for (const p of parts) {
        const v = await p.e(f);
        if (p.star) for (const x of await toArrayMP(v)) out.push(x);
        else out.push(v);
      }
      return out;
    };
  }

  private stringValue(node: SyntaxNode): string {
    const { prefix, body } = stringParts(text(node));
    return unescape(body, prefix.includes('r'));
  }

  expr(node: SyntaxNode, scope: Scope): Expr {
    const kids = children(node);
    switch (node.name) {
      case 'VariableName':
        return this.load(text(node), scope, node);
      case 'Number': {
        let v: PyValue;
        try {
          v = parseNumber(text(node));
        } catch (e) {
          const err = e;
          return () => {
            throw err;
          };
        }
        return () => v;
      }
      case 'String': {
        const v = this.stringValue(node);
        return () => v;
      }
      case 'FormatString':
        return this.fstring(node, scope);
      case 'ContinuedString': {
        const parts = kids.map((k) => this.expr(k, scope));
        return (f) =>
          then(
            mapMP(parts, (p) => p(f)),
            (xs) => xs.join(''),
          );
      }
      case 'Boolean':
        return text(node) === 'True' ? () => true : () => false;
      case 'None':
        return () => None;
      case 'Ellipsis':
        return () => Ellipsis;
      case 'ParenthesizedExpression': {
        const inner = kids.filter((k) => k.name !== '(' && k.name !== ')');
        if (inner.length === 1) return this.expr(inner[0], scope);
        if (inner.some((k) => k.name === 'for')) return this.comprehension(node, scope);
        return this.exprList(inner, scope);
      }
      case 'TupleExpression': {
        const items = this.starredItems(
          kids.filter((k) => k.name !== '(' && k.name !== ')'),
          scope,
        );
        return (f) => then(items(f), (xs) => new PyTuple(xs));
      }
      case 'ArrayExpression': {
        const items = this.starredItems(
          kids.filter((k) => k.name !== '[' && k.name !== ']'),
          scope,
        );
        return (f) => then(items(f), (xs) => new PyList(xs));
      }
      case 'SetExpression': {
        const items = this.starredItems(
          kids.filter((k) => k.name !== '{' && k.name !== '}'),
          scope,
        );
        return (f) => then(items(f), (xs) => new PySet(xs));
      }
      case 'DictionaryExpression':
        return this.dictDisplay(kids, scope);
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'DictionaryComprehensionExpression':
      case 'ComprehensionExpression':
        return this.comprehension(node, scope);
      case 'UnaryExpression': {
        const op = text(kids[0]);
        if (op === 'not') return this.boolExpr(node, scope);
        const operand = this.expr(kids[1], scope);
        if (op === '-' && kids[1].name === 'Number') {
          const v = parseNumber(text(kids[1]));
          const neg = unaryOp('-', v) as PyValue;
          return () => neg;
        }
        return (f) => then(operand(f), (v) => unaryOp(op, v));
      }
      case 'BinaryExpression':
        return this.binary(node, kids, scope);
      case 'ConditionalExpression': {
        const a = this.expr(kids[0], scope);
        const c = this.expr(kids[2], scope);
        const b = this.expr(kids[4], scope);
        return (f) => then(c(f), (cv) => then(truthy(cv), (t) => (t ? a(f) : b(f))));
      }
      case 'CallExpression':
        return this.callExpr(kids, scope);
      case 'MemberExpression': {
        if (
          kids[0].name === 'Number' &&
          kids[1]?.name === '.' &&
          kids[1].from === kids[0].to &&
          (!kids[2] || (kids[2].name === '⚠' && kids[2].from === kids[2].to))
        ) {
          // `1.`: the parser's reading is a member access with a missing name.
          const v = new PyFloat(Number(text(kids[0]).replace(/_/g, '')));
          return () => v;
        }
        const obj = this.expr(kids[0], scope);
        if (kids[1]?.name === '.') {
          const name = text(kids[2]);
          return (f) => {
            const o = obj(f);
            if (o instanceof Promise) return o.then((x) => getAttr(x, name));
            return getAttr(o, name);
          };
        }
        const key = this.subscript(kids, scope);
        return (f) => {
          const o = obj(f);
          if (o instanceof Promise) return o.then((x) => then(key(f), (k) => getItem(x, k)));
          const k = key(f);
          if (k instanceof Promise) return k.then((kv) => getItem(o, kv));
          return getItem(o, k);
        };
      }
      case 'LambdaExpression': {
        const colon = kids.findIndex((k) => k.name === ':');
        return this.makeFunction(node, scope, '<lambda>', kids[colon + 1], true);
      }
      case 'YieldExpression':
        return this.yieldExpr(kids, scope);
      case 'NamedExpression': {
        const name = text(kids[0]);
        let s = scope;
        while (s.kind === 'comp' || s.kind === 'genexp') s = s.parent!;
        const store = this.store(name, s === scope ? scope : s);
        const value = this.expr(kids[2], scope);
        return (f) => then(value(f), (v) => then(store(f, v), () => v));
      }
      case 'AwaitExpression':
        throw this.syntaxError(node, "'await' outside async function");
      case '⚠':
        throw this.syntaxError(node, 'invalid syntax');
      default:
        throw this.syntaxError(node, 'invalid syntax');
    }
  }

  private yieldExpr(kids: SyntaxNode[], scope: Scope): Expr {
    if (this.fnDepth === 0) throw this.syntaxError(kids[0], "'yield' outside function");
    const rest = kids.slice(1).filter((k) => k.name !== '⚠');
    if (rest[0]?.name === 'from') {
      const src = this.expr(rest[1], scope);
      return (f) =>
        then(src(f), (it) =>
          then(
            iterateAsync(it, (x) => f.gen!.yieldValue(x)),
            () => None,
          ),
        );
    }
    const value = rest.length ? this.exprList(rest, scope) : () => None;
    return (f) => then(value(f), (v) => f.gen!.yieldValue(v));
  }

  private dictDisplay(kids: SyntaxNode[], scope: Scope): Expr {
    const entries: ({ k: Expr; v: Expr } | { spread: Expr })[] = [];
    const inner = kids.filter((k) => k.name !== '{' && k.name !== '}');
    for (let i = 0; i < inner.length; i++) {
      const k = inner[i];
      if (k.name === ',') continue;
      if (k.name === '**') {
        entries.push({ spread: this.expr(inner[i + 1], scope) });
        i++;
        continue;
      }
      entries.push({ k: this.expr(k, scope), v: this.expr(inner[i + 2], scope) });
      i += 2;
    }
    return (f) => {
      const d = new PyDict();
      const step = (i: number): MaybePromise<PyValue> => {
        for (; i < entries.length; i++) {
          const e = entries[i];
          const next = i + 1;
          if ('spread' in e) {
            return then(e.spread(f), (m) => {
              if (!(m instanceof PyDict))
                throw pyError('TypeError', `'${typeName(m)}' object is not a mapping`);
              for (const [k, v] of m.entries()) d.set(k, v);
              return step(next);
            });
          }
          const k = e.k(f);
          if (k instanceof Promise) {
            return k.then((kv) =>
              then(e.v(f), (vv) => {
                d.set(kv, vv);
                return step(next);
              }),
            );
          }
          // The value is evaluated once: an async value is awaited, never evaluated again.
          const v = e.v(f);
          if (v instanceof Promise) {
            return v.then((vv) => {
              d.set(k, vv);
              return step(next);
            });
          }
          d.set(k, v);
        }
        return d;
      };
      return step(0);
    };
  }

  private subscript(kids: SyntaxNode[], scope: Scope): Expr {
    const open = kids.findIndex((k) => k.name === '[');
    const inner = kids.slice(open + 1, kids[kids.length - 1].name === ']' ? -1 : undefined);
    // Split on top-level commas; each part is an expression or a slice with ':' tokens.
    const parts: SyntaxNode[][] = [[]];
    for (const k of inner) {
      if (k.name === ',') parts.push([]);
      else parts[parts.length - 1].push(k);
    }
    const trailingComma = parts.length > 1 && parts[parts.length - 1].length === 0;
    if (trailingComma) parts.pop();
    const compiled = parts.map((p) => this.slicePart(p, scope));
    if (compiled.length === 1 && !trailingComma) return compiled[0];
    return (f) =>
      then(
        mapMP(compiled, (c) => c(f)),
        (xs) => new PyTuple(xs),
      );
  }

  private slicePart(nodes: SyntaxNode[], scope: Scope): Expr {
    if (!nodes.some((k) => k.name === ':')) {
      if (nodes[0]?.name === '*') {
        const e = this.expr(nodes[1], scope);
        return e;
      }
      return this.expr(nodes[0], scope);
    }
    const slots: (Expr | null)[] = [null, null, null];
    let idx = 0;
    for (const k of nodes) {
      if (k.name === ':') idx++;
      else slots[idx] = this.expr(k, scope);
    }
    const [a, b, c] = slots;
    return (f) =>
      then(a ? a(f) : None, (start) =>
        then(b ? b(f) : None, (stop) => then(c ? c(f) : None, (step) => new PySlice(start, stop, step))),
      );
  }

  private fstring(node: SyntaxNode, scope: Scope): Expr {
    const src = text(node);
    const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(src)!;
    const raw = m[1].toLowerCase().includes('r');
    const bodyStart = node.from + m[0].length;
    const bodyEnd = node.to - m[2].length;
    const parts: (string | Expr)[] = [];
    let pos = bodyStart;
    const literal = (from: number, to: number) => {
      if (to > from)
        parts.push(unescape(this.src.slice(from, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}'), raw));
    };
    for (const k of children(node)) {
      if (k.name !== 'FormatReplacement') continue;
      literal(pos, k.from);
      parts.push(this.replacement(k, scope, raw));
      pos = k.to;
    }
    literal(pos, bodyEnd);
    return (f) =>
      then(
        mapMP(parts, (p) => (typeof p === 'string' ? p : p(f))),
        (xs) => xs.join(''),
      );
  }

  private replacement(node: SyntaxNode, scope: Scope, raw: boolean): Expr {
    const kids = children(node).filter((k) => k.name !== '{' && k.name !== '}');
    let conv = '';
    let spec: Expr | undefined;
    let selfDoc = '';
    const exprNodes: SyntaxNode[] = [];
    for (const k of kids) {
      if (k.name === 'FormatConversion') conv = text(k).slice(1);
      else if (k.name === 'FormatSpec') spec = this.formatSpec(k, scope, raw);
      else if (k.name === 'FormatSelfDoc') {
        const next = k.nextSibling;
        selfDoc = this.src.slice(node.from + 1, next && next.name !== '}' ? next.from : node.to - 1);
      } else exprNodes.push(k);
    }
    const value = this.exprList(exprNodes, scope);
    if (selfDoc && !conv && !spec) conv = 'r';
    return (f) =>
      then(value(f), (v) =>
        then(spec ? spec(f) : '', (spv) => {
          const sp = spv as string;
          const conversion =
            conv === 'r' ? repr(v) : conv === 's' ? str(v) : conv === 'a' ? repr(v) : undefined;
          const formatted = conversion !== undefined ? then(conversion, (s) => format(s, sp)) : format(v, sp);
          return then(formatted, (s) => selfDoc + s);
        }),
      );
  }

  private formatSpec(node: SyntaxNode, scope: Scope, raw: boolean): Expr {
    const parts: (string | Expr)[] = [];
    let pos = node.from + 1;
    for (const k of children(node)) {
      if (k.name !== 'FormatReplacement') continue;
      if (k.from > pos) parts.push(unescape(this.src.slice(pos, k.from), raw));
      parts.push(this.replacement(k, scope, raw));
      pos = k.to;
    }
    if (node.to > pos) parts.push(unescape(this.src.slice(pos, node.to), raw));
    return (f) =>
      then(
        mapMP(parts, (p) => (typeof p === 'string' ? p : p(f))),
        (xs) => xs.join(''),
      );
  }

  /** and / or / not, re-associated with Python's precedence (or < and < not). */
  private boolExpr(node: SyntaxNode, scope: Scope): Expr {
    const tokens: (string | SyntaxNode)[] = [];
    const flatten = (n: SyntaxNode) => {
      const k = children(n);
      if (n.name === 'BinaryExpression' && (k[1]?.name === 'and' || k[1]?.name === 'or')) {
        flatten(k[0]);
        tokens.push(k[1].name);
        flatten(k[2]);
      } else if (n.name === 'UnaryExpression' && k[0]?.name === 'not') {
        tokens.push('not');
        flatten(k[1]);
      } else tokens.push(n);
    };
    flatten(node);
    let i = 0;
    const parseOr = (): Expr => {
      let left = parseAnd();
      while (tokens[i] === 'or') {
        i++;
        const l = left;
        const r = parseAnd();
        left = (f) => then(l(f), (a) => then(truthy(a), (t) => (t ? a : r(f))));
      }
      return left;
    };
    const parseAnd = (): Expr => {
      let left = parseNot();
      while (tokens[i] === 'and') {
        i++;
        const l = left;
        const r = parseNot();
        left = (f) => then(l(f), (a) => then(truthy(a), (t) => (t ? r(f) : a)));
      }
      return left;
    };
    const parseNot = (): Expr => {
      if (tokens[i] === 'not') {
        i++;
        const e = parseNot();
        return (f) => then(e(f), (v) => then(truthy(v), (t) => !t));
      }
      const t = tokens[i++];
      if (typeof t === 'string') throw this.syntaxError(node, 'invalid syntax');
      return this.expr(t, scope);
    };
    return parseOr();
  }

  private binary(node: SyntaxNode, kids: SyntaxNode[], scope: Scope): Expr {
    const opNode = kids[1];
    const opName = opNode.name;
    if (opName === 'and' || opName === 'or') return this.boolExpr(node, scope);
    let op: string;
    let rightIdx = 2;
    if (opName === 'not' && kids[2]?.name === 'in') {
      op = 'not in';
      rightIdx = 3;
    } else if (opName === 'is' && kids[2]?.name === 'not') {
      op = 'is not';
      rightIdx = 3;
    } else op = text(opNode);
    if (compareOps.has(op)) return this.comparison(node, scope);
    if (!kids[rightIdx] || kids[rightIdx].name === '⚠')
      throw this.syntaxError(kids[rightIdx] ?? node, 'invalid syntax');
    const left = this.expr(kids[0], scope);
    const right = this.expr(kids[rightIdx], scope);
    const fn = binaryOpFor(op);
    return (f) => {
      const a = left(f);
      if (a instanceof Promise) return a.then((x) => then(right(f), (y) => fn(x, y)));
      const b = right(f);
      if (b instanceof Promise) return b.then((y) => fn(a, y));
      return fn(a, b);
    };
  }

  private comparison(node: SyntaxNode, scope: Scope): Expr {
    // Flatten `a < b <= c` (left-nested in the tree) into operands and operators.
    const operands: SyntaxNode[] = [];
    const ops: string[] = [];
    const flatten = (n: SyntaxNode) => {
      const k = children(n);
      if (n.name === 'BinaryExpression') {
        let op: string | undefined;
        let r = 2;
        if (k[1].name === 'not' && k[2]?.name === 'in') {
          op = 'not in';
          r = 3;
        } else if (k[1].name === 'is' && k[2]?.name === 'not') {
          op = 'is not';
          r = 3;
        } else if (k[1].name === 'CompareOp' || k[1].name === 'in' || k[1].name === 'is') op = text(k[1]);
        if (op && compareOps.has(op)) {
          flatten(k[0]);
          ops.push(op);
          if (!k[r] || k[r].name === '⚠') throw this.syntaxError(n, 'invalid syntax');
          operands.push(k[r]);
          return;
        }
      }
      operands.push(n);
    };
    flatten(node);
    const es = operands.map((o) => this.expr(o, scope));
    const one = (op: string, a: PyValue, b: PyValue): MaybePromise<PyValue> => {
      switch (op) {
        case 'is':
          return a === b;
        case 'is not':
          return a !== b;
        case 'in':
          return contains(b, a);
        case 'not in':
          return then(contains(b, a), (r) => !r);
        default:
          return compare(op, a, b);
      }
    };
    if (ops.length === 1) {
      const [l, r] = es;
      const op = ops[0];
      const fn =
        compareOps.has(op) && !['in', 'not in', 'is', 'is not'].includes(op)
          ? compareFor(op)
          : (a: PyValue, b: PyValue) => one(op, a, b);
      return (f) => {
        const a = l(f);
        if (a instanceof Promise) return a.then((x) => then(r(f), (y) => fn(x, y)));
        const b = r(f);
        if (b instanceof Promise) return b.then((y) => fn(a, y));
        return fn(a, b);
      };
    }
    return (f) => {
      const step = (i: number, left: PyValue): MaybePromise<PyValue> =>
        then(es[i + 1](f), (right) =>
          then(one(ops[i], left, right), (res) => {
            if (i === ops.length - 1) return res;
            return then(truthy(res), (t) => (t ? step(i + 1, right) : res));
          }),
        );
      return then(es[0](f), (a) => step(0, a));
    };
  }

  private args(argList: SyntaxNode, scope: Scope): (f: Frame) => MaybePromise<[PyValue[], Kwargs | null]> {
    const kids = children(argList).filter((k) => k.name !== '(' && k.name !== ')');
    if (kids.some((k) => k.name === 'for')) {
      const gen = this.comprehension(argList, scope);
      return (f) => then(gen(f), (g) => [[g], null] as [PyValue[], Kwargs | null]);
    }
    type Part = { kind: 'pos' | 'star' | 'kw' | 'kwstar'; e: Expr; name?: string };
    const parts: Part[] = [];
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i];
      if (k.name === ',') continue;
      if (k.name === '*') {
        parts.push({ kind: 'star', e: this.expr(kids[i + 1], scope) });
        i++;
      } else if (k.name === '**') {
        parts.push({ kind: 'kwstar', e: this.expr(kids[i + 1], scope) });
        i++;
      } else if (k.name === 'VariableName' && kids[i + 1]?.name === 'AssignOp') {
        parts.push({ kind: 'kw', e: this.expr(kids[i + 2], scope), name: text(k) });
        i += 2;
      } else if (k.name === '⚠') {
        throw this.syntaxError(k, 'invalid syntax');
      } else parts.push({ kind: 'pos', e: this.expr(k, scope) });
    }
    if (parts.every((p) => p.kind === 'pos')) {
      const es = parts.map((p) => p.e);
      const n = es.length;
      return (f) => {
        const out: PyValue[] = new Array<PyValue>(n);
        for (let i = 0; i < n; i++) {
          const v = es[i](f);
          if (v instanceof Promise) {
            const idx = i;
            return (async () => {
              out[idx] = await v;
              for (let j = idx + 1; j < n; j++) out[j] = await es[j](f);
              return [out, null] as [PyValue[], Kwargs | null];
            })();
          }
          out[i] = v;
        }
        return [out, null];
      };
    }
    const addKw = (kwargs: Kwargs, k: string, v: PyValue) => {
      if (kwargs.has(k)) throw pyError('TypeError', `got multiple values for keyword argument '${k}'`);
      kwargs.set(k, v);
    };
    // Applies one evaluated part; starred parts may need to iterate (async).
    const apply = (p: Part, v: PyValue, args: PyValue[], kw: { map: Kwargs | null }): MaybePromise<void> => {
      switch (p.kind) {
        case 'pos':
          args.push(v);
          return;
        case 'star':
          if (v instanceof PyList || v instanceof PyTuple) {
            for (const x of v.items) args.push(x);
            return;
          }
          return then(toArrayMP(v), (xs) => {
            for (const x of xs) args.push(x);
          });
        case 'kw':
          addKw((kw.map ??= new Map()), p.name!, v);
          return;
        default:
          if (!(v instanceof PyDict))
            throw pyError('TypeError', `argument after ** must be a mapping, not ${typeName(v)}`);
          kw.map ??= new Map();
          for (const [k, x] of v.entries()) {
            if (typeof k !== 'string') throw pyError('TypeError', 'keywords must be strings');
            addKw(kw.map, k, x);
          }
      }
    };
    return (f) => {
      const args: PyValue[] = [];
      const kw: { map: Kwargs | null } = { map: null };
      const step = (i: number): MaybePromise<[PyValue[], Kwargs | null]> => {
        for (; i < parts.length; i++) {
          const p = parts[i];
          const v = p.e(f);
          const next = i + 1;
          if (v instanceof Promise) return v.then((x) => then(apply(p, x, args, kw), () => step(next)));
          const r = apply(p, v, args, kw);
          if (r instanceof Promise) return r.then(() => step(next));
        }
        return [args, kw.map];
      };
      return step(0);
    };
  }

  private callExpr(kids: SyntaxNode[], scope: Scope): Expr {
    const callee = kids[0];
    const argList = kids[1];
    if (!argList || argList.name !== 'ArgList') throw this.syntaxError(callee, 'invalid syntax');
    const args = this.args(argList, scope);
    // super() with no arguments: the class the method was defined in, and its first argument.
    if (callee.name === 'VariableName' && text(callee) === 'super' && children(argList).length === 2) {
      const loadSuper = this.load('super', scope);
      return (f) => {
        const fn = f.fn;
        if (!fn?.definingClass || fn.code.params.length === 0) {
          return then(loadSuper(f), (s) => call(s, [], null));
        }
        const first = f.slots[fn.code.params[0].slot];
        const self = first instanceof Cell ? first.v! : (first as PyValue);
        return new PySuper(f.session.superType, fn.definingClass, self);
      };
    }
    if (callee.name === 'MemberExpression') {
      const mk = children(callee);
      if (mk[1]?.name === '.') {
        const obj = this.expr(mk[0], scope);
        const name = text(mk[2]);
        const withObj = (f: Frame, o: PyValue): MaybePromise<PyValue> => {
          const a = args(f);
          if (a instanceof Promise) return a.then(([av, kw]) => callMethod(o, name, av, kw));
          return callMethod(o, name, a[0], a[1]);
        };
        return (f) => {
          const o = obj(f);
          if (o instanceof Promise) return o.then((x) => withObj(f, x));
          return withObj(f, o);
        };
      }
    }
    const fn = this.expr(callee, scope);
    return (f) => {
      const c = fn(f);
      if (c instanceof Promise) return c.then((cv) => then(args(f), ([a, kw]) => call(cv, a, kw)));
      const a = args(f);
      if (a instanceof Promise) return a.then(([av, kw]) => call(c, av, kw));
      return call(c, a[0], a[1]);
    };
  }

  // -------------------------------------------------------------------------------------------
  // Comprehensions

  private comprehension(node: SyntaxNode, scope: Scope): Expr {
    const inner = this.analysis.scopes.get(scopeKey(node))!;
    const kids = children(node).filter((k) => !['[', ']', '{', '}', '(', ')'].includes(k.name));
    const kind = node.name;
    const forIdx = kids.findIndex((k) => k.name === 'for');
    const head = kids.slice(0, forIdx);
    // Clauses: for targets in iter / if cond.
    interface Clause {
      kind: 'for' | 'if';
      target?: Store;
      iter?: Expr;
      cond?: Expr;
    }
    const isGenexp = inner.kind === 'genexp';
    const { cellSlots, freeSlots } = isGenexp
      ? this.allocateScope(inner)
      : { cellSlots: [] as number[], freeSlots: [] as number[] };
    if (!isGenexp) for (const n of inner.assigned) inner.allocate(n);
    const clauses: Clause[] = [];
    let firstIter: Expr | undefined;
    for (let i = forIdx; i < kids.length;) {
      const k = kids[i];
      if (k.name === 'for') {
        const inIdx = kids.findIndex((x, j) => j > i && x.name === 'in');
        const target = this.targetList(kids.slice(i + 1, inIdx), inner);
        let j = inIdx + 1;
        const iterNodes: SyntaxNode[] = [];
        while (j < kids.length && kids[j].name !== 'for' && kids[j].name !== 'if') iterNodes.push(kids[j++]);
        const iterScope = clauses.length === 0 ? scope : inner;
        const iter = this.exprList(iterNodes, iterScope);
        if (clauses.length === 0) firstIter = iter;
        clauses.push({ kind: 'for', target, iter });
        i = j;
      } else if (k.name === 'if') {
        const cond = this.expr(kids[i + 1], inner);
        clauses.push({ kind: 'if', cond });
        i += 2;
      } else if (k.name === 'async') {
        throw this.syntaxError(k, 'asynchronous comprehensions are not supported');
      } else i++;
    }
    let emit: (f: Frame, acc: PyValue) => MaybePromise<void>;
    if (kind === 'DictionaryComprehensionExpression') {
      const key = this.expr(head[0], inner);
      const value = this.expr(head[2], inner);
      emit = (f, acc) => then(key(f), (k) => then(value(f), (v) => (acc as PyDict).set(k, v)));
    } else {
      const elt = this.exprList(head, inner);
      if (kind === 'SetComprehensionExpression')
        emit = (f, acc) => then(elt(f), (v) => (acc as PySet).add(v));
      else
        emit = (f, acc) => {
          const v = elt(f);
          const items = (acc as PyList).items;
          if (v instanceof Promise) return v.then((x) => void items.push(x));
          items.push(v);
          if (items.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
        };
    }
    // Runs clauses[i..] for the current bindings.
    const run = (f: Frame, i: number, acc: PyValue, first: PyValue | undefined): MaybePromise<void> => {
      if (i === clauses.length) return emit(f, acc);
      const c = clauses[i];
      if (c.kind === 'if') {
        const v = c.cond!(f);
        const t = typeof v === 'boolean' ? v : v instanceof Promise ? v.then(truthy) : truthy(v);
        if (t instanceof Promise) return t.then((ok) => (ok ? run(f, i + 1, acc, undefined) : undefined));
        return t ? run(f, i + 1, acc, undefined) : undefined;
      }
      const src = first !== undefined ? first : c.iter!(f);
      // iterate() ticks the run control and finishes asynchronously without Promise chains.
      return then(src, (seq) =>
        iterate(seq, (x) => {
          const a = c.target!(f, x);
          if (a instanceof Promise) return a.then(() => run(f, i + 1, acc, undefined));
          return run(f, i + 1, acc, undefined);
        }),
      );
    };
    if (isGenexp) {
      const genElt = this.exprList(head, inner);
      const freeSources = inner.frees.map((n) => this.cellSource(n, scope));
      const forClauses = clauses.map((c, i) => (c.kind === 'for' ? i : -1)).filter((i) => i >= 0);
      return (f) =>
        then(firstIter!(f), (seq) =>
          then(getIter(seq), (it) => {
            const gf = new Frame(f.globals, f.session, inner.nslots);
            for (const s of cellSlots) gf.slots[s] = new Cell(undefined);
            freeSlots.forEach((s, k) => (gf.slots[s] = f.slots[freeSources[k]]));
            return genexpIterator(gf, clauses, forClauses, genElt, it);
          }),
        );
    }
    const cellsInComp = [...inner.cells].filter((n) => inner.isLocal(n)).map((n) => inner.slotOf.get(n)!);
    return (f) => {
      const acc: PyValue =
        kind === 'DictionaryComprehensionExpression'
          ? new PyDict()
          : kind === 'SetComprehensionExpression'
            ? new PySet()
            : new PyList();
      for (const s of cellsInComp) f.slots[s] = new Cell(undefined);
      return then(run(f, 0, acc, undefined), () => acc);
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers used by compiled code

interface GenClause {
  kind: 'for' | 'if';
  target?: Store;
  iter?: Expr;
  cond?: Expr;
}

const CONTINUE_FETCH: unique symbol = Symbol('continue');
type Step = IterResult | typeof CONTINUE_FETCH;

/**
 * A generator expression as a lazy iterator (an explicit stack of the for-clauses' iterators):
 * synchronous per item unless something in it waits, unlike a coroutine generator.
 */
function genexpIterator(
  gf: Frame,
  clauses: GenClause[],
  forClauses: number[],
  elt: Expr,
  first: PyIterator,
): PyIterator {
  const iters: (PyIterator | undefined)[] = new Array<PyIterator | undefined>(clauses.length);
  iters[0] = first;
  let depth = 0;
  let done = false;
  let count = 0;
  const proceed = (j: number): MaybePromise<Step> => {
    for (; j < clauses.length; j++) {
      const c = clauses[j];
      if (c.kind === 'if') {
        const cv = c.cond!(gf);
        const t = cv instanceof Promise ? cv.then(truthy) : typeof cv === 'boolean' ? cv : truthy(cv);
        if (t instanceof Promise) {
          const next = j + 1;
          return t.then((ok) => (ok ? proceed(next) : CONTINUE_FETCH));
        }
        if (!t) return CONTINUE_FETCH;
      } else {
        const jj = j;
        return then(c.iter!(gf), (seq) =>
          then(getIter(seq), (it) => {
            iters[jj] = it;
            depth = forClauses.indexOf(jj);
            return CONTINUE_FETCH;
          }),
        );
      }
    }
    return elt(gf);
  };
  const fetch = (): MaybePromise<Step> => {
    const ci = forClauses[depth];
    const handle = (v: IterResult): MaybePromise<Step> => {
      if (v === STOP) {
        if (depth === 0) {
          done = true;
          return STOP;
        }
        depth--;
        return CONTINUE_FETCH;
      }
      const a = clauses[ci].target!(gf, v);
      if (a instanceof Promise) return a.then(() => proceed(ci + 1));
      return proceed(ci + 1);
    };
    const x = iters[ci]!.next();
    return x instanceof Promise ? x.then(handle) : handle(x);
  };
  const next = (): MaybePromise<IterResult> => {
    for (;;) {
      if (done) return STOP;
      if ((++count & 1023) === 0) {
        const tk = gf.session.ctl.tick();
        if (tk !== undefined) return tk.then(next);
      }
      const r = fetch();
      if (r instanceof Promise) return r.then((v) => (v === CONTINUE_FETCH ? next() : v));
      if (r !== CONTINUE_FETCH) return r;
    }
  };
  return new PyIterator(next, generatorType);
}

function reprSyncSafe(v: PyValue): string {
  const r = repr(v);
  return typeof r === 'string' ? r : '...';
}

/** The exception being handled (for bare `raise`). */
let currentException: PyException | undefined;

function unbound(name: string, free: boolean): PyException {
  if (free)
    return pyError(
      'NameError',
      `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`,
    );
  return pyError(
    'UnboundLocalError',
    `cannot access local variable '${name}' where it is not associated with a value`,
  );
}

function loadGlobal(f: Frame, name: string): PyValue {
  const v = f.globals.get(name);
  if (v !== undefined) return v;
  const b = f.session.builtins.get(name);
  if (b !== undefined) return b;
  throw pyError('NameError', `name '${name}' is not defined`);
}

function setName(f: Frame, _scope: Scope, name: string, v: PyValue, _c: Compiler): void {
  if (f.classNs) f.classNs.set(name, v);
  else f.globals.set(name, v);
}

function describe(node: SyntaxNode): string {
  switch (node.name) {
    case 'CallExpression':
      return 'function call';
    case 'Number':
    case 'String':
    case 'Boolean':
    case 'None':
      return 'literal';
    case 'BinaryExpression':
      return 'expression';
    default:
      return 'expression';
  }
}

export function excMatches(exc: PyInstance, t: PyValue): boolean {
  if (t instanceof PyTuple) return t.items.some((x) => excMatches(exc, x));
  if (!(t instanceof PyType) || !t.isException)
    throw pyError('TypeError', 'catching classes that do not inherit from BaseException is not allowed');
  return exc.cls.isSubtypeOf(t);
}

/** An exception instance from `raise X` / `raise X(...)`. */
export function makeException(v: PyValue): MaybePromise<PyInstance> {
  if (v instanceof PyType && v.isException) {
    return then(call(v, [], null), (inst) => {
      if (!(inst instanceof PyInstance))
        throw pyError('TypeError', 'exceptions must derive from BaseException');
      return inst;
    });
  }
  if (v instanceof PyInstance && v.cls.isException) return v;
  throw pyError('TypeError', 'exceptions must derive from BaseException');
}

/** obj.name(args) without allocating a bound method for builtin and native methods. */
export function callMethod(
  o: PyValue,
  name: string,
  args: PyValue[],
  kwargs: Kwargs | null,
): MaybePromise<PyValue> {
  if (o instanceof PyInstance) {
    if (!o.dict.has(name)) {
      const m = o.cls.lookup(name);
      if (m instanceof PyFunction || m instanceof NativeFunction) {
        args.unshift(o);
        return m.call(args, kwargs);
      }
    }
  } else if (!(o instanceof PyModule) && !(o instanceof PyType) && !(o instanceof PySuper)) {
    const t = typeOf(o);
    const m = t.lookup(name);
    if (m instanceof NativeFunction || m instanceof PyFunction) {
      args.unshift(o);
      return m.call(args, kwargs);
    }
  }
  const fn = getAttr(o, name);
  if (fn instanceof Promise) return fn.then((x) => call(x, args, kwargs));
  return call(fn, args, kwargs);
}

function iterateAsync(it: PyValue, body: (x: PyValue) => MaybePromise<unknown>): MaybePromise<void> {
  return iterate(it, (x) => then(body(x), () => undefined));
}

export { BoundMethod, lineOf };
