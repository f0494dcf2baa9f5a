// The Python the gradient plot sends to the kernel, and the code it shows to students. Pure string
// building (no DOM, no kernel) so it is tested in Node. Every number drawn comes from running these
// snippets: values from the user's functions, slopes from `backward()` and `.grad`.

/** One curve of the plot: a Python function of one argument. */
export interface CurveSpec {
  /** The Python function's name in the plot's session, e.g. `f1`. */
  name: string;
  /** What the legend, readout and table call it. */
  label: string;
  /** A CSS colour. */
  color: string;
  /** The expression in `x` when the curve came from an `fn` attribute; absent for script functions. */
  expr?: string;
}

/** The lesson's two functions: the plot's curves when the page gives none. */
export const LESSON_CURVES: readonly CurveSpec[] = [
  { name: 'f1', label: 'f1', color: 'red', expr: '3 - x + (x/2)**2' },
  { name: 'f2', label: 'f2', color: 'blue', expr: '3 - (x/2)**2' },
];

/** Colours for curves that name none: matplotlib's order after the lesson's red and blue. */
export const CURVE_PALETTE = [
  '#d62728',
  '#1f77b4',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#8c564b',
  '#e377c2',
  '#17becf',
];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !PYTHON_KEYWORDS.has(name);
}

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

/** Removes the indentation common to every non-blank line (scripts are indented inside HTML). */
export function dedent(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  let common = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    common = Math.min(common, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(common)) return '';
  return lines.map((line) => line.slice(common)).join('\n');
}

/**
 * The functions of one argument a script defines at top level (`def f1(x):`), in order. Helpers
 * with other signatures, like the lesson's `plot_func(func, color)`, are not curves.
 */
export function scriptFunctionNames(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(
    /^def[ \t]+([A-Za-z_]\w*)[ \t]*\([ \t]*[A-Za-z_]\w*[ \t]*(?::[^,)=]*)?\)[^:\n]*:/gm,
  )) {
    if (!match[1].startsWith('_') && !names.includes(match[1])) names.push(match[1]);
  }
  return names;
}

/** A number as a Python float literal (the kernel parses it back exactly). */
export function pyFloat(value: number): string {
  if (Number.isNaN(value)) return "float('nan')";
  if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "float('-inf')";
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** `def f1(x): return (<expr>)` for a curve given as an expression. */
export function definitionCode(curve: CurveSpec): string {
  return `def ${curve.name}(x):\n    return (${curve.expr ?? 'x'})\n`;
}

/** Converts Python floats to text so nan and inf cross JSON intact (`parsePythonFloat` reads them). */
const STR = (expr: string) => `str(float(${expr}))`;

/**
 * Values and autograd slopes of one curve at every grid point, vectorised: one tensor of xs, one
 * `backward()` of the sum, whose gradient holds each point's own slope for an elementwise function.
 * Answers `[[values...], [slopes...]]` as text floats.
 */
export function samplesCode(name: string, xs: readonly number[]): string {
  return [
    `_gp_s = torch.tensor([${xs.map(pyFloat).join(', ')}], requires_grad=True)`,
    `_gp_sy = ${name}(_gp_s) + 0 * _gp_s`,
    `_gp_sy.sum().backward()`,
    `[[str(_gp_v) for _gp_v in _gp_sy.tolist()], [str(_gp_v) for _gp_v in _gp_s.grad.tolist()]]`,
  ].join('\n');
}

/** The same as `samplesCode`, one point at a time, for functions that only take a single number. */
export function samplesLoopCode(name: string, xs: readonly number[]): string {
  return [
    `_gp_out = [[], []]`,
    `for _gp_v in [${xs.map(pyFloat).join(', ')}]:`,
    `    _gp_t = torch.tensor(_gp_v, requires_grad=True)`,
    `    _gp_y = ${name}(_gp_t)`,
    `    _gp_y.backward()`,
    `    _gp_out[0].append(${STR('_gp_y')})`,
    `    _gp_out[1].append(${STR('_gp_t.grad')})`,
    `_gp_out`,
  ].join('\n');
}

export interface TangentStep {
  name: string;
  /** Create the shared leaf `_gp_x` first (the first curve that computes). */
  createLeaf: boolean;
  x: number;
  /** Zero the shared leaf's gradient first (the lesson's `x.grad.zero_()`); only when it has one. */
  zeroFirst: boolean;
  /** How far left and right of x to take the side slopes. */
  h: number;
}

/**
 * One curve's tangent, computed three ways in one run:
 * - on the shared leaf `_gp_x`, exactly as the lesson's cell does (`y.backward()` accumulates into
 *   `x.grad` unless it was zeroed): the slope drawn;
 * - on a fresh leaf: the function's own slope, to explain an accumulated one;
 * - on fresh leaves at x - h and x + h: a function whose slope jumps there (|x| at 0) is not
 *   differentiable at x, although autograd still reports a number.
 * Answers `[value, slope on the shared leaf, own slope, left slope, right slope]` as text floats.
 */
export function tangentCode(step: TangentStep): string {
  const lines: string[] = [];
  if (step.createLeaf) lines.push(`_gp_x = torch.tensor(${pyFloat(step.x)}, requires_grad=True)`);
  if (step.zeroFirst) lines.push(`_gp_x.grad.zero_()`);
  // `+ 0 * x` turns a constant (a plain number) into a tensor of x with slope 0; it changes no value.
  lines.push(`_gp_y = ${step.name}(_gp_x) + 0 * _gp_x`, `_gp_y.backward()`);
  const fresh = (variable: string, at: number) => [
    `${variable} = torch.tensor(${pyFloat(at)}, requires_grad=True)`,
    `(${step.name}(${variable}) + 0 * ${variable}).backward()`,
  ];
  lines.push(
    ...fresh('_gp_t', step.x),
    ...fresh('_gp_l', step.x - step.h),
    ...fresh('_gp_r', step.x + step.h),
  );
  lines.push(`[${['_gp_y', '_gp_x.grad', '_gp_t.grad', '_gp_l.grad', '_gp_r.grad'].map(STR).join(', ')}]`);
  return lines.join('\n');
}

/** What one curve's computation gave, for the code view's comments. */
export interface ShownTangent {
  curve: CurveSpec;
  value?: string;
  grad?: string;
}

/**
 * The lesson's cell for the current picture: the functions, then `requires_grad_()`,
 * `backward()`, `.grad` and, when the switch is on, `x.grad.zero_()` between functions; the
 * comments carry the numbers drawn.
 */
export function lessonCode(options: {
  curves: readonly CurveSpec[];
  script?: string;
  x: string;
  reset: boolean;
  tangents: readonly ShownTangent[];
}): string {
  const { curves, script, x, reset, tangents } = options;
  const out: string[] = ['import torch', ''];
  if (script?.trim()) out.push(script.trimEnd(), '');
  for (const curve of curves) {
    if (curve.expr === undefined) continue;
    out.push(`def ${curve.name}(x):`, `    return ${curve.expr}`, '');
  }
  out.push(`x = torch.tensor(${x}).requires_grad_()`);
  curves.forEach((curve, i) => {
    const t = tangents[i];
    const y = `y${i + 1}`;
    if (i > 0) out.push(reset ? 'x.grad.zero_()' : '# x.grad.zero_()   <- forgotten: the gradients add up');
    out.push(`${y} = ${curve.name}(x)${t?.value ? `   # ${t.value}` : ''}`);
    out.push(`${y}.backward()`);
    out.push(`${curve.name}_grad = x.grad.item()${t?.grad ? `   # ${t.grad}` : ''}`);
  });
  return out.join('\n');
}

/** The lesson's exercise cell (section 3) with its five `????` blanks, for the exercise mode. */
export const LESSON_EXERCISE_CODE = `import numpy as np
import matplotlib.pyplot as plt
from torch import tensor

def plot_func(func, color="red"):
    x_vals = np.arange(-3, 3, 0.1)
    y_vals = func(x_vals)
    plt.plot(x_vals, y_vals, color)

def plot_gradient(x, y, slope):
    x, y, slope = map(float, (x, y, slope))
    dx = 3
    dy = dx*slope
    plt.arrow(x-dx/2, y-dy/2, dx, dy, linewidth=2)

def f1(x):
    y = 3 - x + (x/2)**2
    return y

def f2(x):
    y = 3 - (x/2) ** 2
    return y

plot_func(f1)
plot_func(f2, "blue")

x = tensor(-1.0).????
y1 = f1(x)
y2 = f2(x)

y1.????
f1_grad = x.????
plot_gradient(x, y1, f1_grad)

x.grad.zero_()

y2.????
f2_grad = x.????
plot_gradient(x, y2, f2_grad)
`;

/**
 * How the legend and the table name a curve's value: `f1(x)` for a plain name, but a teacher's
 * own label as written (`label="sin(x)"` must not become `sin(x)(x)`).
 */
export function valueHeading(curve: Pick<CurveSpec, 'name' | 'label'>): string {
  return curve.label === curve.name ? `${curve.name}(x)` : curve.label;
}
