// The methods of str, and str.format.
import {
  builtinExceptions,
  Kwargs,
  MaybePromise,
  NativeFunction,
  newException,
  None,
  NotImplemented,
  PyDict,
  pyError,
  PyException,
  PyList,
  PyTuple,
  PyValue,
  strType,
  toIndex,
  typeName,
} from '../objects.js';
import {
  binaryOp,
  contains,
  format,
  getAttr,
  getItem,
  mapMP,
  repr,
  str,
  then,
  toArrayMP,
} from '../runtime.js';
import { method, normIndex, optIndex, selfStr } from './helpers.js';

export function strMethods(): void {
  const t = strType;
  const ws = /^\s+|\s+$/g;
  const stripChars = (s: string, chars: PyValue, left: boolean, right: boolean) => {
    if (chars === None) {
      if (left && right) return s.replace(ws, '');
      if (left) return s.replace(/^\s+/, '');
      return s.replace(/\s+$/, '');
    }
    const cs = chars as string;
    let i = 0;
    let j = s.length;
    if (left) while (i < j && cs.includes(s[i])) i++;
    if (right) while (j > i && cs.includes(s[j - 1])) j--;
    return s.slice(i, j);
  };
  method(t, 'strip', 'self, chars=None, /', (a) => stripChars(selfStr(a), a.chars, true, true));
  method(t, 'lstrip', 'self, chars=None, /', (a) => stripChars(selfStr(a), a.chars, true, false));
  method(t, 'rstrip', 'self, chars=None, /', (a) => stripChars(selfStr(a), a.chars, false, true));
  method(t, 'upper', 'self, /', (a) => selfStr(a).toUpperCase());
  method(t, 'lower', 'self, /', (a) => selfStr(a).toLowerCase());
  method(t, 'casefold', 'self, /', (a) => selfStr(a).toLowerCase());
  method(t, 'swapcase', 'self, /', (a) =>
    [...selfStr(a)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  );
  method(t, 'capitalize', 'self, /', (a) => {
    const s = selfStr(a);
    return s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase();
  });
  method(t, 'title', 'self, /', (a) =>
    selfStr(a)
      .toLowerCase()
      .replace(/(^|[^a-zA-Z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()),
  );
  method(
    t,
    'split',
    'self, /, sep=None, maxsplit=-1',
    (a) => new PyList(splitStr(selfStr(a), a.sep, toIndex(a.maxsplit))),
  );
  method(t, 'rsplit', 'self, /, sep=None, maxsplit=-1', (a) => {
    const max = toIndex(a.maxsplit);
    if (max < 0) return new PyList(splitStr(selfStr(a), a.sep, -1));
    const rev = (s: string) => [...s].reverse().join('');
    const parts = splitStr(rev(selfStr(a)), a.sep === None ? None : rev(a.sep as string), max);
    return new PyList(parts.map((p) => rev(p as string)).reverse());
  });
  method(t, 'splitlines', 'self, /, keepends=False', (a) => {
    const s = selfStr(a);
    if (!s) return new PyList();
    const parts = s.split(/(\r\n|\r|\n)/);
    const out: PyValue[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      const line = parts[i] + (a.keepends && parts[i + 1] ? parts[i + 1] : '');
      if (i === parts.length - 1 && parts[i] === '') break;
      out.push(line);
    }
    return new PyList(out);
  });
  method(t, 'join', 'self, iterable, /', (a) =>
    then(toArrayMP(a.iterable), (xs) => {
      xs.forEach((x, i) => {
        if (typeof x !== 'string')
          throw pyError('TypeError', `sequence item ${i}: expected str instance, ${typeName(x)} found`);
      });
      return xs.join(selfStr(a));
    }),
  );
  method(t, 'replace', 'self, old, new, count=-1, /', (a) => {
    const s = selfStr(a);
    const old = a.old as string;
    const nw = a.new as string;
    let count = toIndex(a.count);
    if (count < 0) return old === '' ? [...s].map((c) => nw + c).join('') + nw : s.split(old).join(nw);
    let out = '';
    let pos = 0;
    while (count-- > 0) {
      const i = s.indexOf(old, pos);
      if (i < 0) break;
      out += s.slice(pos, i) + nw;
      pos = i + old.length;
      if (old === '') {
        out += s[pos] ?? '';
        pos++;
      }
    }
    return out + s.slice(pos);
  });
  const startsEnds = (name: string, isStart: boolean) =>
    method(
      t,
      name,
      'self, prefix, start=None, end=None, /',
      (a) => {
        const s = selfStr(a).slice(optIndex(a.start, 0), a.end === None ? undefined : toIndex(a.end));
        const p = a.prefix;
        const options = p instanceof PyTuple ? p.items : [p];
        return options.some((o) => {
          if (typeof o !== 'string')
            throw pyError('TypeError', `${name} first arg must be str or a tuple of str, not ${typeName(o)}`);
          return isStart ? s.startsWith(o) : s.endsWith(o);
        });
      },
      'parsetuple',
    );
  startsEnds('startswith', true);
  startsEnds('endswith', false);
  const finder = (name: string, fromRight: boolean, raise: boolean) =>
    method(
      t,
      name,
      'self, sub, start=None, end=None, /',
      (a) => {
        const s = selfStr(a);
        const start = normIndex(optIndex(a.start, 0), s.length);
        const end = a.end === None ? s.length : normIndex(toIndex(a.end), s.length);
        const hay = s.slice(start, end);
        const i = fromRight ? hay.lastIndexOf(a.sub as string) : hay.indexOf(a.sub as string);
        if (i < 0) {
          if (raise) throw pyError('ValueError', 'substring not found');
          return -1;
        }
        return i + start;
      },
      'parsetuple',
    );
  finder('find', false, false);
  finder('rfind', true, false);
  finder('index', false, true);
  finder('rindex', true, true);
  method(
    t,
    'count',
    'self, sub, start=None, end=None, /',
    (a) => {
      const s = selfStr(a).slice(optIndex(a.start, 0), a.end === None ? undefined : toIndex(a.end));
      const sub = a.sub as string;
      if (sub === '') return s.length + 1;
      return s.split(sub).length - 1;
    },
    'parsetuple',
  );
  const justify = (name: string, how: 'l' | 'r' | 'c') =>
    method(t, name, "self, width, fillchar=' ', /", (a) => {
      const s = selfStr(a);
      const w = toIndex(a.width);
      const fill = a.fillchar as string;
      const n = w - [...s].length;
      if (n <= 0) return s;
      if (how === 'l') return s + fill.repeat(n);
      if (how === 'r') return fill.repeat(n) + s;
      const left = Math.floor(n / 2) + (n & w & 1);
      return fill.repeat(left) + s + fill.repeat(n - left);
    });
  justify('ljust', 'l');
  justify('rjust', 'r');
  justify('center', 'c');
  method(t, 'zfill', 'self, width, /', (a) => {
    const s = selfStr(a);
    const w = toIndex(a.width);
    if (s.length >= w) return s;
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    return sign + '0'.repeat(w - s.length) + s.slice(sign.length);
  });
  const pred = (name: string, re: RegExp) =>
    method(t, name, 'self, /', (a) => selfStr(a).length > 0 && re.test(selfStr(a)));
  pred('isdigit', /^\d+$/);
  pred('isnumeric', /^\d+$/);
  pred('isdecimal', /^\d+$/);
  pred('isalpha', /^\p{L}+$/u);
  pred('isalnum', /^[\p{L}\d]+$/u);
  pred('isspace', /^\s+$/);
  method(
    t,
    'isupper',
    'self, /',
    (a) => /\p{Lu}/u.test(selfStr(a)) && selfStr(a) === selfStr(a).toUpperCase(),
  );
  method(
    t,
    'islower',
    'self, /',
    (a) => /\p{Ll}/u.test(selfStr(a)) && selfStr(a) === selfStr(a).toLowerCase(),
  );
  method(t, 'isidentifier', 'self, /', (a) => /^[\p{L}_][\p{L}\d_]*$/u.test(selfStr(a)));
  method(t, 'isascii', 'self, /', (a) => [...selfStr(a)].every((c) => c.charCodeAt(0) < 128));
  // Printable: no control, format, unassigned or separator character, except the space itself.
  method(t, 'isprintable', 'self, /', (a) => /^(?:[^\p{C}\p{Z}]| )*$/u.test(selfStr(a)));
  method(t, 'istitle', 'self, /', (a) => {
    // CPython's rule: an uppercase (or titlecase) letter only after an uncased one, a lowercase
    // only after a cased one, and at least one cased letter.
    let cased = false;
    let previousCased = false;
    for (const c of selfStr(a)) {
      if (/[\p{Lu}\p{Lt}]/u.test(c)) {
        if (previousCased) return false;
        previousCased = cased = true;
      } else if (/\p{Ll}/u.test(c)) {
        if (!previousCased) return false;
        previousCased = cased = true;
      } else previousCased = false;
    }
    return cased;
  });
  method(t, 'partition', 'self, sep, /', (a) => {
    const s = selfStr(a);
    const i = s.indexOf(a.sep as string);
    if (i < 0) return new PyTuple([s, '', '']);
    return new PyTuple([s.slice(0, i), a.sep, s.slice(i + (a.sep as string).length)]);
  });
  method(t, 'rpartition', 'self, sep, /', (a) => {
    const s = selfStr(a);
    const i = s.lastIndexOf(a.sep as string);
    if (i < 0) return new PyTuple(['', '', s]);
    return new PyTuple([s.slice(0, i), a.sep, s.slice(i + (a.sep as string).length)]);
  });
  method(t, 'removeprefix', 'self, prefix, /', (a) =>
    selfStr(a).startsWith(a.prefix as string) ? selfStr(a).slice((a.prefix as string).length) : selfStr(a),
  );
  method(t, 'removesuffix', 'self, suffix, /', (a) =>
    (a.suffix as string) && selfStr(a).endsWith(a.suffix as string)
      ? selfStr(a).slice(0, -(a.suffix as string).length)
      : selfStr(a),
  );
  method(t, 'expandtabs', 'self, /, tabsize=8', (a) => {
    const size = toIndex(a.tabsize);
    let col = 0;
    let out = '';
    for (const ch of selfStr(a)) {
      if (ch === '\t') {
        const n = size > 0 ? size - (col % size) : 0;
        out += ' '.repeat(n);
        col += n;
      } else {
        out += ch;
        col = ch === '\n' || ch === '\r' ? 0 : col + 1;
      }
    }
    return out;
  });
  method(t, 'encode', "self, /, encoding='utf-8', errors='strict'", (a) => selfStr(a));
  t.dict.set(
    'format',
    new NativeFunction('format', (args, kwargs) => strFormat(args[0] as string, args.slice(1), kwargs)),
  );
  method(t, 'format_map', 'self, mapping, /', (a) => {
    const m = a.mapping as PyDict;
    const kw = new Map<string, PyValue>();
    for (const [k, v] of m.entries()) kw.set(String(k), v);
    return strFormat(selfStr(a), [], kw);
  });
  method(t, '__len__', 'self', (a) => [...selfStr(a)].length);
  method(t, '__contains__', 'self, item', (a) => contains(a.self, a.item));
  method(t, '__getitem__', 'self, key', (a) => getItem(a.self, a.key));
  method(t, '__add__', 'self, other', (a) =>
    typeof a.other === 'string' ? selfStr(a) + a.other : NotImplemented,
  );
  method(t, '__mul__', 'self, n', (a) => binaryOp('*', a.self, a.n));
  method(t, '__mod__', 'self, args', (a) => binaryOp('%', a.self, a.args));
  method(t, '__str__', 'self', (a) => a.self);
  method(t, '__format__', 'self, spec', (a) => format(a.self, a.spec as string));
}

function splitStr(s: string, sep: PyValue, maxsplit: number): PyValue[] {
  if (sep === None) {
    const out: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest.length > 0) {
      if (maxsplit >= 0 && out.length >= maxsplit) {
        out.push(rest.replace(/\s+$/, '') === rest ? rest : rest);
        return out.map((x, i) => (i === out.length - 1 && maxsplit >= 0 && out.length > maxsplit ? x : x));
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  }
  if (typeof sep !== 'string') throw pyError('TypeError', `must be str or None, not ${typeName(sep)}`);
  if (sep === '') throw pyError('ValueError', 'empty separator');
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

/** str.format: {} {0} {name} {0.attr} {0[key]} {!r} {:spec}. */
export function strFormat(fmt: string, args: PyValue[], kwargs: Kwargs | null): MaybePromise<string> {
  let auto = 0;
  const parts: (string | (() => MaybePromise<string>))[] = [];
  let i = 0;
  let lit = '';
  while (i < fmt.length) {
    const c = fmt[i];
    if (c === '{' && fmt[i + 1] === '{') {
      lit += '{';
      i += 2;
      continue;
    }
    if (c === '}' && fmt[i + 1] === '}') {
      lit += '}';
      i += 2;
      continue;
    }
    if (c === '}') throw pyError('ValueError', "Single '}' encountered in format string");
    if (c !== '{') {
      lit += c;
      i++;
      continue;
    }
    // Find the matching close brace (one nesting level for specs).
    let depth = 1;
    let j = i + 1;
    while (j < fmt.length && depth > 0) {
      if (fmt[j] === '{') depth++;
      else if (fmt[j] === '}') depth--;
      if (depth > 0) j++;
    }
    if (depth > 0) throw pyError('ValueError', "expected '}' before end of string");
    const field = fmt.slice(i + 1, j);
    parts.push(lit);
    lit = '';
    const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(field)!;
    const [, name, conv, specRaw] = m;
    const refMatch = /^([^.[]*)(.*)$/.exec(name)!;
    let first: PyValue;
    if (refMatch[1] === '') {
      if (auto < 0)
        throw pyError(
          'ValueError',
          'cannot switch from manual field specification to automatic field numbering',
        );
      if (auto >= args.length)
        throw pyError('IndexError', `Replacement index ${auto} out of range for positional args tuple`);
      first = args[auto++];
    } else if (/^\d+$/.test(refMatch[1])) {
      const k = Number(refMatch[1]);
      if (k >= args.length)
        throw pyError('IndexError', `Replacement index ${k} out of range for positional args tuple`);
      first = args[k];
    } else {
      const v = kwargs?.get(refMatch[1]);
      if (v === undefined) throw new PyException(newException(builtinExceptions.KeyError, [refMatch[1]]));
      first = v;
    }
    const accessors = [...refMatch[2].matchAll(/\.(\w+)|\[([^\]]*)\]/g)];
    const spec = specRaw ?? '';
    parts.push(() => {
      let v: MaybePromise<PyValue> = first;
      for (const acc of accessors) {
        if (acc[1] !== undefined) {
          const name2 = acc[1];
          v = then(v, (x) => getAttr(x, name2));
        } else {
          const key = /^\d+$/.test(acc[2]) ? Number(acc[2]) : acc[2];
          v = then(v, (x) => getItem(x, key));
        }
      }
      const specText = spec.includes('{') ? strFormat(spec, args, kwargs) : spec;
      return then(v, (x) =>
        then(specText, (sp) => {
          if (conv === 'r' || conv === 'a') return then(repr(x), (s) => format(s, sp));
          if (conv === 's') return then(str(x), (s) => format(s, sp));
          return format(x, sp);
        }),
      );
    });
    i = j + 1;
  }
  parts.push(lit);
  return then(
    mapMP(parts, (p) => (typeof p === 'string' ? p : p())),
    (xs) => xs.join(''),
  );
}

// list, tuple, dict, set methods
