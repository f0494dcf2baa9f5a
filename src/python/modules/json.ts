// `import json`: json.dumps and json.loads as CPython 3.11's (separators, indent, sort_keys,
// ensure_ascii, allow_nan, default; ints and floats kept apart when reading) with its errors,
// JSONDecodeError's "Expecting value: line 1 column 1 (char 0)" among them. No files: there is
// no open() here, so dump and load are not provided.
import {
  builtinExceptions,
  defineFunction,
  type MaybePromise,
  type ModuleFactory,
  newException,
  newModule,
  None,
  PyDict,
  PyException,
  PyFloat,
  pyError,
  pyFloat,
  PyList,
  PyTuple,
  PyType,
  type PyValue,
  pyInt,
  typeName,
} from '../objects.js';
import { floatRepr } from '../format.js';
import { call, mapMP, then } from '../runtime.js';
import { sortSync } from '../builtins/container-methods.js';

// ---- dumps ---------------------------------------------------------------------------------------

interface Options {
  itemSeparator: string;
  keySeparator: string;
  indent: string | null;
  sortKeys: boolean;
  ensureAscii: boolean;
  allowNan: boolean;
  skipKeys: boolean;
  default: PyValue;
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string literal: ASCII only (\uXXXX, surrogate pairs for astral code points) or not. */
function quote(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function floatText(x: number, o: Options): string {
  if (Number.isFinite(x)) return floatRepr(x);
  if (!o.allowNan) throw pyError('ValueError', 'Out of range float values are not JSON compliant');
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

/** A dict key as JSON has it: a str, or the text of an int, float, bool or None; null: skip it. */
function keyText(k: PyValue, o: Options): string | null {
  if (typeof k === 'string') return k;
  if (k instanceof PyFloat) return floatText(k.v, o);
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (k === None) return 'null';
  if (typeof k === 'number' || typeof k === 'bigint') return String(k);
  if (o.skipKeys) return null;
  throw pyError('TypeError', `keys must be str, int, float, bool or None, not ${typeName(k)}`);
}

function encode(v: PyValue, o: Options, level: number, active: Set<object>): MaybePromise<string> {
  if (v === None) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'string') return quote(v, o.ensureAscii);
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof PyFloat) return floatText(v.v, o);
  const container = v instanceof PyList || v instanceof PyTuple || v instanceof PyDict;
  if (container) {
    if (active.has(v)) throw pyError('ValueError', 'Circular reference detected');
    active.add(v);
    const done = (text: string) => (active.delete(v), text);
    return then(
      v instanceof PyDict ? encodeDict(v, o, level, active) : encodeList(v.items, o, level, active),
      done,
    );
  }
  if (o.default === None)
    throw pyError('TypeError', `Object of type ${typeName(v)} is not JSON serializable`);
  return then(call(o.default, [v]), (replacement) => encode(replacement, o, level, active));
}

/** Items between brackets: on one line, or one per line indented to `level + 1`. */
function joined(open: string, parts: string[], close: string, o: Options, level: number): string {
  if (parts.length === 0) return open + close;
  if (o.indent === null) return open + parts.join(o.itemSeparator) + close;
  const inner = '\n' + o.indent.repeat(level + 1);
  return open + inner + parts.join(o.itemSeparator + inner) + '\n' + o.indent.repeat(level) + close;
}

function encodeList(items: PyValue[], o: Options, level: number, active: Set<object>): MaybePromise<string> {
  return then(
    mapMP(items, (x) => encode(x, o, level + 1, active)),
    (parts) => joined('[', parts, ']', o, level),
  );
}

function encodeDict(d: PyDict, o: Options, level: number, active: Set<object>): MaybePromise<string> {
  const pairs = d.entries().map(([k, x]) => new PyTuple([k, x]));
  const ordered = o.sortKeys
    ? sortSync(
        pairs,
        defineFunction('key', 'pair', (a) => (a.pair as PyTuple).items[0]),
        false,
      )
    : pairs;
  return then(ordered, (sorted) =>
    then(
      mapMP(sorted as PyTuple[], (pair) => {
        const key = keyText(pair.items[0], o);
        if (key === null) return null;
        return then(
          encode(pair.items[1], o, level + 1, active),
          (text) => quote(key, o.ensureAscii) + o.keySeparator + text,
        );
      }),
      (parts) =>
        joined(
          '{',
          parts.filter((p): p is string => p !== null),
          '}',
          o,
          level,
        ),
    ),
  );
}

function indentOf(v: PyValue): string | null {
  if (v === None) return null;
  if (typeof v === 'string') return v;
  return ' '.repeat(Math.max(0, Number(v)));
}

const dumps = defineFunction(
  'dumps',
  'obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, indent=None, separators=None, default=None, sort_keys=False',
  (a) => {
    const indent = indentOf(a.indent);
    let [itemSeparator, keySeparator] = indent === null ? [', ', ': '] : [',', ': '];
    if (a.separators !== None) {
      const items = (a.separators as PyTuple | PyList).items;
      [itemSeparator, keySeparator] = [String(items[0]), String(items[1])];
    }
    const options: Options = {
      itemSeparator,
      keySeparator,
      indent,
      sortKeys: a.sort_keys === true,
      ensureAscii: a.ensure_ascii !== false,
      allowNan: a.allow_nan !== false,
      skipKeys: a.skipkeys === true,
      default: a.default,
    };
    return encode(a.obj, options, 0, new Set());
  },
);

// ---- loads ---------------------------------------------------------------------------------------

const jsonDecodeError = new PyType('JSONDecodeError', {
  module: 'json.decoder',
  bases: [builtinExceptions.ValueError],
});
jsonDecodeError.isException = true;

/** JSONDecodeError(msg, doc, pos): "msg: line L column C (char pos)", with its attributes. */
function decodeError(message: string, doc: string, pos: number): PyException {
  const line = doc.slice(0, pos).split('\n').length;
  const column = pos - (doc.lastIndexOf('\n', pos - 1) + 1) + 1;
  const exc = newException(jsonDecodeError, [`${message}: line ${line} column ${column} (char ${pos})`]);
  exc.dict.set('msg', message);
  exc.dict.set('doc', doc);
  exc.dict.set('pos', pos);
  exc.dict.set('lineno', line);
  exc.dict.set('colno', column);
  return new PyException(exc);
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;
// The run of plain characters up to a quote, a backslash or a control character (CPython's STRINGCHUNK).
// eslint-disable-next-line no-control-regex
const STRING_CHUNK = /[^"\\\x00-\x1f]*/y;
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** CPython's json.decoder scanner over `doc`, with its error messages and positions. */
class Scanner {
  constructor(private readonly doc: string) {}

  skip(at: number): number {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(this.doc);
    return WHITESPACE.lastIndex;
  }

  value(at: number): [PyValue, number] {
    const d = this.doc;
    const ch = d[at];
    if (ch === '"') return this.string(at + 1);
    if (ch === '{') return this.object(at + 1);
    if (ch === '[') return this.array(at + 1);
    for (const [word, v] of [
      ['null', None],
      ['true', true],
      ['false', false],
      ['NaN', pyFloat(NaN)],
      ['Infinity', pyFloat(Infinity)],
      ['-Infinity', pyFloat(-Infinity)],
    ] as const)
      if (d.startsWith(word, at)) return [v, at + word.length];
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(d);
    if (m && m.index === at && m[0].length > 0) {
      const end = at + m[0].length;
      if (m[2] || m[3]) return [pyFloat(Number(m[0])), end];
      return [pyInt(BigInt(m[1])), end];
    }
    throw decodeError('Expecting value', d, at);
  }

  string(start: number): [string, number] {
    const d = this.doc;
    let out = '';
    let at = start;
    for (;;) {
      STRING_CHUNK.lastIndex = at;
      STRING_CHUNK.exec(d);
      out += d.slice(at, STRING_CHUNK.lastIndex);
      at = STRING_CHUNK.lastIndex;
      const ch = d[at];
      if (ch === undefined) throw decodeError('Unterminated string starting at', d, start - 1);
      if (ch === '"') return [out, at + 1];
      if (ch !== '\\') throw decodeError('Invalid control character at', d, at);
      const esc = d[at + 1];
      if (esc === undefined) throw decodeError('Unterminated string starting at', d, start - 1);
      if (esc in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[esc];
        at += 2;
        continue;
      }
      if (esc !== 'u' || !/^[0-9a-fA-F]{4}$/.test(d.slice(at + 2, at + 6))) {
        if (esc === 'u') throw decodeError('Invalid \\uXXXX escape', d, at + 1);
        throw decodeError('Invalid \\escape', d, at);
      }
      out += String.fromCharCode(parseInt(d.slice(at + 2, at + 6), 16));
      at += 6;
    }
  }

  object(start: number): [PyDict, number] {
    const d = this.doc;
    const result = new PyDict();
    let at = this.skip(start);
    if (d[at] === '}') return [result, at + 1];
    for (;;) {
      if (d[at] !== '"') throw decodeError('Expecting property name enclosed in double quotes', d, at);
      const [key, afterKey] = this.string(at + 1);
      at = this.skip(afterKey);
      if (d[at] !== ':') throw decodeError("Expecting ':' delimiter", d, at);
      at = this.skip(at + 1);
      const [value, afterValue] = this.value(at);
      result.set(key, value);
      at = this.skip(afterValue);
      if (d[at] === '}') return [result, at + 1];
      if (d[at] !== ',') throw decodeError("Expecting ',' delimiter", d, at);
      at = this.skip(at + 1);
      if (d[at] !== '"') throw decodeError('Expecting property name enclosed in double quotes', d, at);
    }
  }

  array(start: number): [PyList, number] {
    const d = this.doc;
    const items: PyValue[] = [];
    let at = this.skip(start);
    if (d[at] === ']') return [new PyList(items), at + 1];
    for (;;) {
      const [value, after] = this.value(at);
      items.push(value);
      at = this.skip(after);
      if (d[at] === ']') return [new PyList(items), at + 1];
      if (d[at] !== ',') throw decodeError("Expecting ',' delimiter", d, at);
      at = this.skip(at + 1);
    }
  }
}

const loads = defineFunction('loads', 's, *, object_hook=None', (a) => {
  if (typeof a.s !== 'string')
    throw pyError('TypeError', `the JSON object must be str, bytes or bytearray, not ${typeName(a.s)}`);
  const scanner = new Scanner(a.s);
  const [value, end] = scanner.value(scanner.skip(0));
  const rest = scanner.skip(end);
  if (rest !== a.s.length) throw decodeError('Extra data', a.s, rest);
  return a.object_hook === None ? value : hook(value, a.object_hook);
});

/** object_hook: each decoded dict, innermost first, replaced by what the hook returns. */
function hook(v: PyValue, fn: PyValue): MaybePromise<PyValue> {
  if (v instanceof PyList)
    return then(
      mapMP(v.items, (x) => hook(x, fn)),
      (items) => new PyList(items),
    );
  if (v instanceof PyDict)
    return then(
      mapMP(v.entries(), ([k, x]) => then(hook(x, fn), (y) => [k, y] as [PyValue, PyValue])),
      (entries) => call(fn, [new PyDict(entries)]),
    );
  return v;
}

export const jsonModule: ModuleFactory = () =>
  newModule(
    'json',
    { dumps, loads, JSONDecodeError: jsonDecodeError },
    'JSON encoder and decoder, as CPython 3.11’s.',
  );
