// format(value, spec) with __format__, and printf-style `%` formatting.
import {
  builtinExceptions,
  MaybePromise,
  newException,
  PyDict,
  pyError,
  PyException,
  PyFloat,
  PyTuple,
  PyValue,
  toIndex,
  typeName,
} from '../objects.js';
import { floatRepr, formatNumber, formatString } from '../format.js';
import { then } from '../maybe-promise.js';
import { call } from './attributes.js';
import { repr, str } from './repr.js';
import { intOf, numValue } from './numbers.js';

export function format(v: PyValue, spec: string): MaybePromise<string> {
  if (typeof v === 'number' || typeof v === 'bigint')
    return spec === '' ? String(v) : formatNumber(v, false, spec);
  if (typeof v === 'boolean')
    return spec === '' ? (v ? 'True' : 'False') : formatNumber(v ? 1 : 0, false, spec);
  if (v instanceof PyFloat) return spec === '' ? floatRepr(v.v) : formatNumber(v.v, true, spec);
  if (typeof v === 'string') return spec === '' ? v : formatString(v, spec);
  const custom = v === null ? undefined : v.cls.lookup('__format__');
  if (custom !== undefined) return then(call(custom, [v, spec], null), (s) => String(s));
  if (spec !== '')
    throw pyError('TypeError', `unsupported format string passed to ${typeName(v)}.__format__`);
  return str(v);
}

/** str % args; %s and %r may run Python __str__/__repr__, so the result may be a Promise. */
export function percentFormat(fmt: string, args: PyValue): MaybePromise<string> {
  const cache = new Map<number, string>();
  const pending: Promise<void>[] = [];
  let index = 0;
  const convert = (v: PyValue, conv: string): string => {
    const i = index++;
    const known = cache.get(i);
    if (known !== undefined) return known;
    const r = conv === 's' ? str(v) : repr(v);
    if (typeof r === 'string') return r;
    pending.push(r.then((x) => void cache.set(i, x)));
    return '';
  };
  const first = percentFormatWith(fmt, args, convert);
  if (pending.length === 0) return first;
  return Promise.all(pending).then(() => {
    index = 0;
    return percentFormatWith(fmt, args, convert);
  });
}

function percentFormatWith(
  fmt: string,
  args: PyValue,
  convert: (v: PyValue, conv: string) => string,
): string {
  const list = args instanceof PyTuple ? args.items : [args];
  let k = 0;
  const next = () => {
    if (k >= list.length) throw pyError('TypeError', 'not enough arguments for format string');
    return list[k++];
  };
  const out = fmt.replace(
    /%(\([^)]*\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g,
    (
      _m,
      key: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      conv: string,
    ) => {
      if (conv === '%') return '%';
      let value: PyValue;
      if (key) {
        if (!(args instanceof PyDict)) throw pyError('TypeError', 'format requires a mapping');
        const r = args.get(key.slice(1, -1));
        if (r === undefined)
          throw new PyException(newException(builtinExceptions.KeyError, [key.slice(1, -1)]));
        value = r;
      } else {
        if (width === '*') width = String(toIndex(next()));
        if (prec === '*') prec = String(toIndex(next()));
        value = next();
      }
      let spec = '';
      const left = flags.includes('-');
      if (flags.includes('+')) spec += '+';
      else if (flags.includes(' ')) spec += ' ';
      if (flags.includes('#')) spec += '#';
      if (flags.includes('0') && !left) spec += '0';
      if (width) spec = (left ? '<' : '') + spec + width;
      if (prec !== undefined) spec += '.' + prec;
      if (conv === 's' || conv === 'r' || conv === 'a') {
        const s = convert(value, conv === 's' ? 's' : 'r');
        const sp = (left ? '<' : '>') + (width ?? '') + (prec !== undefined ? '.' + prec : '');
        return formatString(s, sp);
      }
      if (conv === 'c') return typeof value === 'string' ? value : String.fromCodePoint(toIndex(value));
      const n = numValue(value);
      if (n === undefined) {
        throw pyError(
          'TypeError',
          `%${conv} format: a ${'di'.includes(conv) || 'ouxX'.includes(conv) ? (conv === 'd' || conv === 'i' ? 'real number' : 'integer') : 'real number'} is required, not ${typeName(value)}`,
        );
      }
      if ('diu'.includes(conv)) {
        const iv = value instanceof PyFloat ? Math.trunc(value.v) : intOf(value as number);
        return formatNumber(iv, false, spec + 'd');
      }
      if ('oxX'.includes(conv)) return formatNumber(intOf(value as number), false, spec + conv);
      return formatNumber(n, true, spec + conv);
    },
  );
  if (k < list.length && !(args instanceof PyDict) && !(list.length === 1 && list[0] instanceof PyDict))
    throw pyError('TypeError', 'not all arguments converted during string formatting');
  return out;
}

// Identity
