// try/except/else/finally, with, raise: how compiled code raises, catches and re-raises.
import type { SyntaxNode } from '@lezer/common';
import { None, pyError, PyException, PyInstance, PyTuple, PyType, PyValue, typeOf } from '../objects.js';
import { call, truthy } from '../runtime.js';
import { isPromise, MaybePromise, then } from '../maybe-promise.js';
import { Scope, text } from '../scope.js';
import type { CompileContext } from './context.js';
import { Expr, Frame, Signal, Stmt, Store, toPyException } from './frame.js';
import { delName, storeName, target } from './names.js';

/** The exception being handled (for bare `raise`). */
let currentException: PyException | undefined;

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

export function tryStmt(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Stmt {
  const body = comp.body(kids[1], scope);
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
        type = comp.expr(kids[j], scope);
        j++;
        if (kids[j].name === 'as') {
          const nameNode = kids[j + 1];
          store = storeName(comp, text(nameNode), scope);
          const del = delName(comp, text(nameNode), scope);
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
      handlers.push({ type, store, unbind, body: comp.body(kids[j], scope) });
      i = j;
    } else if (k === 'else') {
      orelse = comp.body(kids[i + 1], scope);
      i++;
    } else if (k === 'finally') {
      final = comp.body(kids[i + 1], scope);
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
          if (isPromise(r))
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
    if (isPromise(r)) {
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
    if (isPromise(r)) {
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

export function withStmt(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Stmt {
  const items: { mgr: Expr; store: Store | null }[] = [];
  const bodyNode = kids[kids.length - 1];
  for (let i = 1; i < kids.length - 1; i++) {
    if (kids[i].name === ',') continue;
    const mgr = comp.expr(kids[i], scope);
    let store: Store | null = null;
    if (kids[i + 1]?.name === 'as') {
      store = target(comp, kids[i + 2], scope);
      i += 2;
    }
    items.push({ mgr, store });
  }
  const body = comp.body(bodyNode, scope);
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
          if (isPromise(r))
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

export function raiseStmt(comp: CompileContext, kids: SyntaxNode[], scope: Scope): Stmt {
  if (kids.length === 1) {
    return () => {
      if (!currentException) throw pyError('RuntimeError', 'No active exception to reraise');
      throw currentException;
    };
  }
  const e = comp.expr(kids[1], scope);
  const cause = kids[2]?.name === 'from' ? comp.expr(kids[3], scope) : undefined;
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
