// A native function's signature: its parameters, parsed from the Python text that defines them,
// and the wording of a wrong call, as a def's or as the C method's CPython declares. Pure: the
// binder in objects.ts raises the messages.
import { pyFloat } from '../core/float.js';
import type { PyValue } from './objects.js';

/**
 * How a native function takes its arguments, which decides the TypeError a wrong call raises.
 * - `python`: as a `def` ("f() takes 2 positional arguments but 3 were given").
 * - `clinic`: a builtin written in C, its kind read off its text signature as Argument Clinic
 *   declares it: no parameter after self → METH_NOARGS ("str.upper() takes no arguments (1 given)"),
 *   one positional-only → METH_O ("list.append() takes exactly one argument (0 given)"), only
 *   positional-only → _PyArg_CheckPositional ("strip expected at most 1 argument, got 2"), some
 *   that may be named (after `/`) → _PyArg_UnpackKeywords ("split() takes at most 2 arguments (3 given)").
 * - `parsetuple`: a C method parsing with PyArg_ParseTuple("O|OO:find") ("find() takes at least 1
 *   argument (0 given)"): str.find, count, startswith and their kin.
 */
export type CallConvention = 'python' | 'clinic' | 'parsetuple';

/** The C declaration a `clinic` signature stands for (or `python`/`parsetuple` as declared). */
export type ArgForm = 'python' | 'noargs' | 'o' | 'positional' | 'parsetuple' | 'keywords';

/** What the messages need to know of a function's parameters. `self` is never counted. */
export interface ArgShape {
  readonly name: string;
  /** The type a method belongs to ("str"): METH_NOARGS, METH_O and keyword-less methods name it. */
  readonly owner: string | undefined;
  readonly form: ArgForm;
  /** Positional arguments needed and taken (Infinity with *args). */
  readonly min: number;
  readonly max: number;
  /** Positional-only parameters (after self), for _PyArg_UnpackKeywords. */
  readonly positionalOnly: number;
  /** Parameters that may be given at all, by position or name (_PyArg_UnpackKeywords). */
  readonly maxArgs: number;
}

/** The shape of a C function taking from `min` to `max` positional arguments and no keywords. */
export function cShape(
  name: string,
  owner: string | undefined,
  form: ArgForm,
  min: number,
  max: number,
): ArgShape {
  return { name, owner, form, min, max, positionalOnly: max, maxArgs: max };
}

/** The form of a `clinic` signature from its parameters (self excluded). */
export function clinicForm(p: {
  required: number;
  optional: number;
  varargs: boolean;
  /** Parameters that may be passed by name: after `/`, keyword-only or **kwargs. */
  named: number;
}): ArgForm {
  if (p.named > 0) return 'keywords';
  if (p.varargs) return 'positional';
  if (p.required + p.optional === 0) return 'noargs';
  if (p.required === 1 && p.optional === 0) return 'o';
  return 'positional';
}

/** `str.upper`, or the bare name of a function without an owner. */
function qualified(s: ArgShape): string {
  return s.owner ? `${s.owner}.${s.name}` : s.name;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** Whether the form refuses every keyword (all but `python` and `keywords`). */
export function refusesKeywords(form: ArgForm): boolean {
  return form !== 'python' && form !== 'keywords';
}

/** "str.strip() takes no keyword arguments". */
export function noKeywordsMessage(s: ArgShape): string {
  return `${qualified(s)}() takes no keyword arguments`;
}

/** A C method called on its class with no object: `str.upper()`. */
export function unboundMessage(s: ArgShape): string {
  return `unbound method ${qualified(s)}() needs an argument`;
}

/**
 * The message for `n` positional arguments outside [min, max] (`given` counts the keywords too,
 * for _PyArg_UnpackKeywords). Not for the `python` form, whose messages name the parameters.
 */
export function countMessage(s: ArgShape, n: number, given = n): string {
  const bound = n < s.min ? s.min : s.max;
  switch (s.form) {
    case 'noargs':
      return `${qualified(s)}() takes no arguments (${n} given)`;
    case 'o':
      return `${qualified(s)}() takes exactly one argument (${n} given)`;
    case 'positional': {
      // _PyArg_CheckPositional
      const how = s.min === s.max ? '' : n < s.min ? 'at least ' : 'at most ';
      return `${s.name} expected ${how}${bound} argument${plural(bound)}, got ${n}`;
    }
    case 'parsetuple': {
      const how = s.min === s.max ? 'exactly' : n < s.min ? 'at least' : 'at most';
      return `${s.name}() takes ${how} ${bound} argument${plural(bound)} (${n} given)`;
    }
    default: {
      // _PyArg_UnpackKeywords: too many in all, then too many or too few positional.
      if (given > s.maxArgs)
        return `${s.name}() takes at most ${s.maxArgs} ${n === 0 ? 'keyword ' : ''}argument${plural(s.maxArgs)} (${given} given)`;
      if (n > s.max) {
        if (s.max === 0) return `${s.name}() takes no positional arguments`;
        return `${s.name}() takes ${s.min < s.max ? 'at most' : 'exactly'} ${s.max} positional argument${plural(s.max)} (${n} given)`;
      }
      const least = Math.min(s.positionalOnly, s.min);
      return `${s.name}() takes ${least < s.max ? 'at least' : 'exactly'} ${least} positional argument${plural(least)} (${n} given)`;
    }
  }
}

/** _PyArg_UnpackKeywords on a keyword no parameter takes. */
export function invalidKeywordMessage(s: ArgShape, keyword: string): string {
  return `'${keyword}' is an invalid keyword argument for ${s.name}()`;
}

/** _PyArg_UnpackKeywords on an argument given by position and by name (`position` from 1). */
export function givenTwiceMessage(s: ArgShape, keyword: string, position: number): string {
  return `argument for ${s.name}() given by name ('${keyword}') and position (${position})`;
}

/** _PyArg_UnpackKeywords on a required parameter given neither way (`position` from 1). */
export function missingMessage(s: ArgShape, parameter: string, position: number): string {
  return `${s.name}() missing required argument '${parameter}' (pos ${position})`;
}

export interface ParamSpec {
  name: string;
  kind: 'pos' | 'kwonly' | 'varargs' | 'varkw';
  default?: PyValue;
  hasDefault: boolean;
  /** Before a `/`: C methods take it by position only. */
  positionalOnly?: boolean;
}

function parseDefault(text: string): PyValue {
  const t = text.trim();
  if (t === 'None') return null;
  if (t === 'True') return true;
  if (t === 'False') return false;
  if (/^-?\d+$/.test(t)) {
    // An int: a number when safe, else a bigint (as pyInt normalises).
    const n = BigInt(t);
    return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
  }
  if (/^-?[\d.]+(e[-+]?\d+)?$/i.test(t) || t === 'inf' || t === '-inf')
    return pyFloat(Number(t.replace('inf', 'Infinity')));
  const m = /^(['"])(.*)\1$/.exec(t);
  if (m) return m[2];
  throw new Error(`defineFunction: unsupported default ${t}`);
}

/** Parses `'a, b=1, *args, c=None, **kw'`. */
export function parseSpec(spec: string): ParamSpec[] {
  const out: ParamSpec[] = [];
  let kwOnly = false;
  for (const raw of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (raw === '/') {
      for (const p of out) p.positionalOnly = true;
      continue;
    }
    if (raw === '*') {
      kwOnly = true;
      continue;
    }
    if (raw.startsWith('**')) {
      out.push({ name: raw.slice(2), kind: 'varkw', hasDefault: false });
      continue;
    }
    if (raw.startsWith('*')) {
      out.push({ name: raw.slice(1), kind: 'varargs', hasDefault: false });
      kwOnly = true;
      continue;
    }
    const eq = raw.indexOf('=');
    const name = (eq < 0 ? raw : raw.slice(0, eq)).trim();
    out.push({
      name,
      kind: kwOnly ? 'kwonly' : 'pos',
      hasDefault: eq >= 0,
      default: eq >= 0 ? parseDefault(raw.slice(eq + 1)) : undefined,
    });
  }
  return out;
}

/** How a native function's wrong calls are worded (`owner` names a method's type, as CPython does). */
export interface DefineOptions {
  owner?: string;
  convention?: CallConvention;
}

/** The argument shape `defineFunction` words its errors from. */
export function argShape(name: string, params: ParamSpec[], options: DefineOptions): ArgShape {
  const positional = params.filter((p) => p.kind === 'pos');
  const own = positional[0]?.name === 'self' ? positional.slice(1) : positional;
  const required = own.filter((p) => !p.hasDefault).length;
  const varargs = params.some((p) => p.kind === 'varargs');
  const named = params.filter((p) => p.kind !== 'varargs' && p.name !== 'self' && !p.positionalOnly);
  const convention = options.convention ?? 'python';
  const form =
    convention === 'clinic'
      ? clinicForm({ required, optional: own.length - required, varargs, named: named.length })
      : convention;
  return {
    name,
    owner: options.owner,
    form,
    min: required,
    max: varargs ? Infinity : own.length,
    positionalOnly: own.filter((p) => p.positionalOnly).length,
    maxArgs: own.length + params.filter((p) => p.kind === 'kwonly').length,
  };
}

/** A def's message for `n` positional arguments given to `max` (self not counted). */
export function tooManyPositional(
  name: string,
  least: number,
  max: number,
  n: number,
  hasDefaults: boolean,
): string {
  const range = hasDefaults ? `from ${least} to ` : '';
  return `${name}() takes ${range}${max} positional argument${max === 1 ? '' : 's'} but ${n} ${n === 1 ? 'was' : 'were'} given`;
}
