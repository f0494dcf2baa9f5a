// Arithmetic: int (exact, bigint past 2^53), float and sequence operators, the binary, in-place
// and unary operators with their dunder fallbacks, and the operators specialised per call site
// (the common int and float cases inline, the rest through binaryOp).
// C's pow, correctly rounded as glibc's (CPython's float ** float); V8's ** may be an ulp off.
import { pow } from '../../core/crlibm.js';
import {
  MaybePromise,
  NotImplemented,
  PyDict,
  pyError,
  PyException,
  PyFloat,
  PyInstance,
  pyInt,
  PyList,
  PyObject,
  PySet,
  PyTuple,
  PyValue,
  typeName,
  typeOf,
} from '../objects.js';
import { isPromise, then } from '../maybe-promise.js';
import { big, intOf, isIntLike, numValue } from './numbers.js';
import { MAX_SEQUENCE } from './values.js';
import { call, callDunder } from './attributes.js';
import { toArrayMP } from './iteration.js';
import { percentFormat } from './formatting.js';

function intArith(op: string, a: number | bigint, b: number | bigint): PyValue {
  if (typeof a === 'number' && typeof b === 'number') {
    let r: number;
    switch (op) {
      case '+':
        r = a + b;
        break;
      case '-':
        r = a - b;
        break;
      case '*':
        r = a * b;
        break;
      case '/':
        if (b === 0) throw pyError('ZeroDivisionError', 'division by zero');
        return new PyFloat(a / b);
      case '//':
        if (b === 0) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
        return Math.floor(a / b) === a / b || Math.abs(a) < 2 ** 52
          ? Math.floor(a / b)
          : pyInt(floorDivBig(big(a), big(b)));
      case '%':
        if (b === 0) throw pyError('ZeroDivisionError', 'integer modulo by zero');
        r = a % b;
        if (r !== 0 && r < 0 !== b < 0) r += b;
        return r;
      case '**':
        if (b < 0) {
          if (a === 0) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
          return new PyFloat(pow(a, b));
        }
        r = a ** b;
        if (Number.isSafeInteger(r)) return r;
        return pyInt(powBig(big(a), big(b)));
      default:
        return bitOp(op, big(a), big(b));
    }
    if (Number.isSafeInteger(r)) return r;
  }
  const x = big(a);
  const y = big(b);
  switch (op) {
    case '+':
      return pyInt(x + y);
    case '-':
      return pyInt(x - y);
    case '*':
      return pyInt(x * y);
    case '/':
      if (y === 0n) throw pyError('ZeroDivisionError', 'division by zero');
      return new PyFloat(bigDivToFloat(x, y));
    case '//':
      if (y === 0n) throw pyError('ZeroDivisionError', 'integer division or modulo by zero');
      return pyInt(floorDivBig(x, y));
    case '%': {
      if (y === 0n) throw pyError('ZeroDivisionError', 'integer modulo by zero');
      return pyInt(x - floorDivBig(x, y) * y);
    }
    case '**':
      if (y < 0n) return new PyFloat(pow(Number(x), Number(y)));
      return pyInt(powBig(x, y));
    default:
      return bitOp(op, x, y);
  }
}

function bigDivToFloat(x: bigint, y: bigint): number {
  const q = Number(x) / Number(y);
  if (Number.isFinite(q)) return q;
  const r = Number(x / y);
  if (!Number.isFinite(r)) throw pyError('OverflowError', 'integer division result too large for a float');
  return r;
}

function powBig(x: bigint, y: bigint): bigint {
  // Rough size check before allocating: bits(x) * y.
  const bits = x.toString(2).length;
  if (bits * Number(y) > 1e7 && x !== 1n && x !== -1n && x !== 0n) throw pyError('MemoryError', '');
  return x ** y;
}

function floorDivBig(x: bigint, y: bigint): bigint {
  const q = x / y;
  return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
}

function bitOp(op: string, x: bigint, y: bigint): PyValue {
  switch (op) {
    case '&':
      return pyInt(x & y);
    case '|':
      return pyInt(x | y);
    case '^':
      return pyInt(x ^ y);
    case '<<':
      if (y < 0n) throw pyError('ValueError', 'negative shift count');
      if (y > 100000n) throw pyError('MemoryError', '');
      return pyInt(x << y);
    case '>>':
      if (y < 0n) throw pyError('ValueError', 'negative shift count');
      return pyInt(x >> y);
  }
  return NotImplemented;
}

function floatArith(op: string, a: number, b: number): PyValue {
  switch (op) {
    case '+':
      return new PyFloat(a + b);
    case '-':
      return new PyFloat(a - b);
    case '*':
      return new PyFloat(a * b);
    case '/':
      if (b === 0) throw pyError('ZeroDivisionError', 'float division by zero');
      return new PyFloat(a / b);
    case '//':
      if (b === 0) throw pyError('ZeroDivisionError', 'float floor division by zero');
      return new PyFloat(Math.floor(a / b));
    case '%': {
      if (b === 0) throw pyError('ZeroDivisionError', 'float modulo');
      let r = a % b;
      if (r !== 0 && r < 0 !== b < 0) r += b;
      else if (r === 0) r = b < 0 ? -0 : 0;
      return new PyFloat(r);
    }
    case '**': {
      if (a === 0 && b < 0) throw pyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
      const r = pow(a, b);
      if (Number.isNaN(r) && a < 0 && Number.isFinite(b)) throw pyError('ValueError', 'math domain error');
      if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b))
        throw pyError('OverflowError', "(34, 'Numerical result out of range')");
      return new PyFloat(r);
    }
  }
  return NotImplemented;
}

const opNames: Record<string, [string, string]> = {
  '+': ['__add__', '__radd__'],
  '-': ['__sub__', '__rsub__'],
  '*': ['__mul__', '__rmul__'],
  '/': ['__truediv__', '__rtruediv__'],
  '//': ['__floordiv__', '__rfloordiv__'],
  '%': ['__mod__', '__rmod__'],
  '**': ['__pow__', '__rpow__'],
  '@': ['__matmul__', '__rmatmul__'],
  '&': ['__and__', '__rand__'],
  '|': ['__or__', '__ror__'],
  '^': ['__xor__', '__rxor__'],
  '<<': ['__lshift__', '__rlshift__'],
  '>>': ['__rshift__', '__rrshift__'],
};

/** The forward method of a binary operator (`+` → `__add__`); undefined for any other token. */
export function forwardDunder(op: string): string | undefined {
  return opNames[op]?.[0];
}

/** The method of a unary operator (`-` → `__neg__`, `+` → `__pos__`, `~` → `__invert__`). */
export function unaryDunder(op: string): string {
  return op === '-' ? '__neg__' : op === '+' ? '__pos__' : '__invert__';
}

export const inplaceNames: Record<string, string> = {
  '+': '__iadd__',
  '-': '__isub__',
  '*': '__imul__',
  '/': '__itruediv__',
  '//': '__ifloordiv__',
  '%': '__imod__',
  '**': '__ipow__',
  '@': '__imatmul__',
  '&': '__iand__',
  '|': '__ior__',
  '^': '__ixor__',
  '<<': '__ilshift__',
  '>>': '__irshift__',
};

function repeatSeq(items: PyValue[], n: number | bigint | boolean): PyValue[] {
  const k = Number(intOf(n));
  // An empty sequence repeated 10**9 times is empty at once (not a billion-step loop past the budget).
  if (k <= 0 || items.length === 0) return [];
  if (items.length * k > MAX_SEQUENCE) throw pyError('MemoryError', '');
  const out: PyValue[] = [];
  for (let i = 0; i < k; i++) for (const x of items) out.push(x);
  return out;
}

function concatChecked(a: PyValue[], b: PyValue[]): PyValue[] {
  if (a.length + b.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
  return a.concat(b);
}

function seqOp(op: string, a: PyValue, b: PyValue): MaybePromise<PyValue> | undefined {
  if (typeof a === 'string') {
    if (op === '+' && typeof b === 'string') {
      if (a.length + b.length > MAX_SEQUENCE * 4) throw pyError('MemoryError', '');
      return a + b;
    }
    if (op === '*' && isIntLike(b)) {
      const k = Number(intOf(b));
      if (k <= 0) return '';
      if (a.length * k > MAX_SEQUENCE * 4) throw pyError('MemoryError', '');
      return a.repeat(k);
    }
    if (op === '%') return percentFormat(a, b);
    if (op === '+') throw pyError('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
    if (op === '*' && !(b instanceof PyObject && b.cls.lookup('__rmul__')))
      throw pyError('TypeError', `can't multiply sequence by non-int of type '${typeName(b)}'`);
    return undefined;
  }
  if (a instanceof PyList) {
    if (op === '+' && b instanceof PyList) return new PyList(concatChecked(a.items, b.items));
    if (op === '*' && isIntLike(b)) return new PyList(repeatSeq(a.items, b));
    if (op === '+' && !(b instanceof PyObject && b.cls.lookup('__radd__')))
      throw pyError('TypeError', `can only concatenate list (not "${typeName(b)}") to list`);
    if (op === '*' && !(b instanceof PyObject && b.cls.lookup('__rmul__')))
      throw pyError('TypeError', `can't multiply sequence by non-int of type '${typeName(b)}'`);
    return undefined;
  }
  if (a instanceof PyTuple) {
    if (op === '+' && b instanceof PyTuple) return new PyTuple(concatChecked(a.items, b.items));
    if (op === '*' && isIntLike(b)) return new PyTuple(repeatSeq(a.items, b));
    if (op === '+' && !(b instanceof PyObject && b.cls.lookup('__radd__')))
      throw pyError('TypeError', `can only concatenate tuple (not "${typeName(b)}") to tuple`);
    return undefined;
  }
  if (isIntLike(a) && op === '*') {
    if (typeof b === 'string') return seqOp('*', b, a);
    if (b instanceof PyList || b instanceof PyTuple) return seqOp('*', b, a);
  }
  if (a instanceof PySet && b instanceof PySet) {
    const out = new PySet(undefined, a.cls.name === 'frozenset');
    if (op === '|') {
      for (const x of a.values()) out.add(x);
      for (const x of b.values()) out.add(x);
    } else if (op === '&') {
      for (const x of a.values()) if (b.has(x)) out.add(x);
    } else if (op === '-') {
      for (const x of a.values()) if (!b.has(x)) out.add(x);
    } else if (op === '^') {
      for (const x of a.values()) if (!b.has(x)) out.add(x);
      for (const x of b.values()) if (!a.has(x)) out.add(x);
    } else return undefined;
    return out;
  }
  // dict | dict merges; a dict class with its own | (Counter) is asked first, as its dunder.
  if (a instanceof PyDict && b instanceof PyDict && op === '|' && a.cls.lookup('__or__') === undefined) {
    const out = new PyDict(a.entries());
    for (const [k, v] of b.entries()) out.set(k, v);
    return out;
  }
  return undefined;
}

/** a OP b for + - * / // % ** @ & | ^ << >>. */
export function binaryOp(op: string, a: PyValue, b: PyValue): MaybePromise<PyValue> {
  if (typeof a === 'number' && typeof b === 'number') return intArith(op, a, b);
  if (a instanceof PyFloat) {
    const y = numValue(b);
    if (y !== undefined && op.length <= 2 && op !== '@' && !'&|^<<>>'.includes(op))
      return floatArith(op, a.v, y);
  } else if (b instanceof PyFloat && isIntLike(a) && !'&|^<<>>@'.includes(op)) {
    return floatArith(op, Number(intOf(a)), b.v);
  }
  // A class defined in Python has no builtin sequence or set behaviour: its dunders decide.
  if (a instanceof PyInstance) return dispatchBinary(op, a, b);
  if (isIntLike(a) && isIntLike(b)) {
    if (typeof a === 'boolean' && typeof b === 'boolean' && (op === '&' || op === '|' || op === '^')) {
      return op === '&' ? a && b : op === '|' ? a || b : a !== b;
    }
    return intArith(op, intOf(a), intOf(b));
  }
  const s = seqOp(op, a, b);
  if (s !== undefined) return s;
  return dispatchBinary(op, a, b);
}

function dispatchBinary(op: string, a: PyValue, b: PyValue): MaybePromise<PyValue> {
  const names = opNames[op];
  if (!names) throw pyError('TypeError', `unsupported operator ${op}`);
  const fwd = typeOf(a).lookup(names[0]);
  if (fwd !== undefined) {
    const r = call(fwd, [a, b], null);
    if (isPromise(r)) return r.then((x) => (x === NotImplemented ? reflected(op, a, b, fwd) : x));
    if (r !== NotImplemented) return r;
  }
  return reflected(op, a, b, fwd);
}

/** b's reflected method (`__radd__` …), after a's forward one was missing or NotImplemented. */
export function reflected(
  op: string,
  a: PyValue,
  b: PyValue,
  fwd: PyValue | undefined,
): MaybePromise<PyValue> {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (tb !== ta || fwd === undefined) {
    const rev = tb.lookup(opNames[op][1]);
    if (rev !== undefined) {
      return then(call(rev, [b, a], null), (r) => {
        if (r === NotImplemented) throw unsupported(op, a, b);
        return r;
      });
    }
  }
  throw unsupported(op, a, b);
}

function unsupported(op: string, a: PyValue, b: PyValue): PyException {
  if (op === '**')
    return pyError(
      'TypeError',
      `unsupported operand type(s) for ** or pow(): '${typeName(a)}' and '${typeName(b)}'`,
    );
  return pyError('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** a OP= b: __iOP__ when defined, else the binary op. Lists extend in place. */
export function inplaceOp(op: string, a: PyValue, b: PyValue): MaybePromise<PyValue> {
  if (typeof a === 'number' && typeof b === 'number') return intArith(op, a, b);
  if (a instanceof PyList && op === '+') {
    if (b instanceof PyList || b instanceof PyTuple) {
      if (a.items.length + b.items.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
      for (const x of b === a ? b.items.slice() : b.items) a.items.push(x);
      return a;
    }
    return then(toArrayMP(b), (xs) => {
      if (a.items.length + xs.length > MAX_SEQUENCE) throw pyError('MemoryError', '');
      for (const x of xs) a.items.push(x);
      return a;
    });
  }
  if (a instanceof PyObject) {
    const m = a.cls.lookup(inplaceNames[op]);
    if (m !== undefined)
      return then(call(m, [a, b], null), (r) => (r === NotImplemented ? binaryOp(op, a, b) : r));
  }
  return binaryOp(op, a, b);
}

export function unaryOp(op: string, v: PyValue): MaybePromise<PyValue> {
  if (typeof v === 'number') {
    if (op === '-') return v === 0 ? 0 : -v;
    if (op === '+') return v;
    if (op === '~') return -v - 1;
  }
  if (v instanceof PyFloat) {
    if (op === '-') return new PyFloat(-v.v);
    if (op === '+') return v;
  }
  if (typeof v === 'boolean') return unaryOp(op, v ? 1 : 0);
  if (typeof v === 'bigint') return pyInt(op === '-' ? -v : op === '~' ? -v - 1n : v);
  const r = callDunder(v, unaryDunder(op));
  if (r === undefined) throw pyError('TypeError', `bad operand type for unary ${op}: '${typeName(v)}'`);
  return r;
}

// Comparison

export type BinFn = (a: PyValue, b: PyValue) => MaybePromise<PyValue>;

export function binaryOpFor(op: string): BinFn {
  switch (op) {
    case '+':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a + b;
          if (Number.isSafeInteger(r)) return r;
        } else if (a instanceof PyFloat) {
          if (b instanceof PyFloat) return new PyFloat(a.v + b.v);
          if (typeof b === 'number') return new PyFloat(a.v + b);
        } else if (typeof a === 'number' && b instanceof PyFloat) return new PyFloat(a + b.v);
        else if (typeof a === 'string' && typeof b === 'string' && a.length + b.length < 1 << 20)
          return a + b;
        return binaryOp('+', a, b);
      };
    case '-':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a - b;
          if (Number.isSafeInteger(r)) return r;
        } else if (a instanceof PyFloat) {
          if (b instanceof PyFloat) return new PyFloat(a.v - b.v);
          if (typeof b === 'number') return new PyFloat(a.v - b);
        } else if (typeof a === 'number' && b instanceof PyFloat) return new PyFloat(a - b.v);
        return binaryOp('-', a, b);
      };
    case '*':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number') {
          const r = a * b;
          if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
        } else if (a instanceof PyFloat) {
          if (b instanceof PyFloat) return new PyFloat(a.v * b.v);
          if (typeof b === 'number') return new PyFloat(a.v * b);
        } else if (typeof a === 'number' && b instanceof PyFloat) return new PyFloat(a * b.v);
        return binaryOp('*', a, b);
      };
    case '/':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number' && b !== 0) return new PyFloat(a / b);
        if (a instanceof PyFloat && b instanceof PyFloat && b.v !== 0) return new PyFloat(a.v / b.v);
        return binaryOp('/', a, b);
      };
    case '%':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number' && b > 0) {
          const r = a % b;
          return r < 0 ? r + b : r === 0 ? 0 : r;
        }
        return binaryOp('%', a, b);
      };
    case '//':
      return (a, b) => {
        if (typeof a === 'number' && typeof b === 'number' && b !== 0 && Math.abs(a) < 2 ** 52) {
          const r = Math.floor(a / b);
          return r === 0 ? 0 : r;
        }
        return binaryOp('//', a, b);
      };
    default:
      return (a, b) => binaryOp(op, a, b);
  }
}
