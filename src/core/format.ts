// PyTorch's tensor printing (torch/_tensor_str.py's algorithm): one formatter per tensor choosing
// int, fixed or scientific notation and a common width; nesting, `...` summaries and line wrapping;
// suffixes dtype=, device=, requires_grad=, grad_fn=.
import { type DType, isFloating } from './dtype.js';
import { roundFloat16 } from './creation.js';
import { deviceString } from './device.js';
import { formatExp, formatFixed } from './decimal.js';
import { stridesOf } from './shapes.js';
import type { Tensor } from './tensor.js';
import { currentSessionState } from './session-state.js';

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sciMode: boolean | null;
}
const torchDefaults: PrintOptions = {
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sciMode: null,
};

/** The current Python session's print options (session-state.ts). */
export function currentPrintOptions(): PrintOptions {
  return currentSessionState().printOptions ?? torchDefaults;
}

/** torch.set_printoptions (profile 'default' | 'short' | 'full' as PyTorch defines them), for the current session. */
export function setPrintOptions(options: Partial<PrintOptions> & { profile?: string | null }): void {
  const state = currentSessionState();
  const printOptions = (state.printOptions ??= { ...torchDefaults });
  if (options.profile === 'default')
    Object.assign(printOptions, { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 });
  else if (options.profile === 'short')
    Object.assign(printOptions, { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 });
  else if (options.profile === 'full')
    Object.assign(printOptions, { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 });
  for (const key of ['precision', 'threshold', 'edgeitems', 'linewidth'] as const) {
    if (options[key] != null) printOptions[key] = options[key]!;
  }
  if ('sciMode' in options) printOptions.sciMode = options.sciMode ?? null;
}

/** Python's '{:.0f}' (ties to even). */
const formatInt = (v: number) => formatFixed(v, 0);

class Formatter {
  readonly floating: boolean;
  intMode = true;
  sciMode = false;
  maxWidth = 1;

  constructor(
    values: ArrayLike<number>,
    dtype: DType,
    private readonly options: PrintOptions,
  ) {
    this.floating = isFloating(dtype);
    const precision = options.precision;
    if (!this.floating) {
      for (let i = 0; i < values.length; i++)
        this.maxWidth = Math.max(this.maxWidth, scalarText(values[i], dtype).length);
    } else {
      const finite: number[] = [];
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (Number.isFinite(v) && v !== 0) finite.push(v);
      }
      if (finite.length === 0) return;
      let min = Infinity;
      let max = 0;
      for (const v of finite) {
        const a = Math.abs(v);
        if (a < min) min = a;
        if (a > max) max = a;
      }
      this.intMode = finite.every((v) => v === Math.ceil(v));
      if (this.intMode) {
        if (max / min > 1000 || max > 1e8) {
          this.sciMode = true;
          for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatExp(v, precision).length);
        } else {
          for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatInt(v).length + 1);
        }
      } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
        this.sciMode = true;
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatExp(v, precision).length);
      } else {
        for (const v of finite) this.maxWidth = Math.max(this.maxWidth, formatFixed(v, precision).length);
      }
    }
    if (options.sciMode != null) this.sciMode = options.sciMode;
  }

  format(v: number, dtype: DType): string {
    let s: string;
    if (this.floating) {
      if (this.sciMode) s = formatExp(v, this.options.precision);
      else if (this.intMode) {
        s = formatInt(v);
        if (Number.isFinite(v)) s += '.';
      } else s = formatFixed(v, this.options.precision);
    } else s = scalarText(v, dtype);
    return s.padStart(this.maxWidth);
  }
}

function scalarText(v: number, dtype: DType): string {
  if (dtype === 'bool') return v ? 'True' : 'False';
  return String(v);
}

interface View {
  values: ArrayLike<number>;
  shape: number[];
  dtype: DType;
}

/** The edge values the formatter sees when the tensor is summarized (get_summarized_data). */
function summarizedValues(view: View, edge: number): number[] {
  const st = stridesOf(view.shape);
  const out: number[] = [];
  const walk = (offset: number, dim: number) => {
    if (dim === view.shape.length) {
      out.push(view.values[offset]);
      return;
    }
    const size = view.shape[dim];
    const idx =
      size > 2 * edge
        ? [...Array(edge).keys(), ...[...Array(edge).keys()].map((i) => size - edge + i)]
        : [...Array(size).keys()];
    for (const i of idx) walk(offset + i * st[dim], dim + 1);
  };
  walk(0, 0);
  return out;
}

function tensorStr(view: View, indent: number, options: PrintOptions): string {
  const n = view.shape.reduce((a, b) => a * b, 1);
  if (n === 0) return '[]';
  const summarize = n > options.threshold;
  const edge = options.edgeitems;
  const formatter = new Formatter(
    summarize ? summarizedValues(view, edge) : view.values,
    view.dtype,
    options,
  );
  const st = stridesOf(view.shape);
  const fmt = (v: number) => formatter.format(v, view.dtype);

  const vectorStr = (offset: number, size: number, ind: number): string => {
    const elementLength = formatter.maxWidth + 2;
    const perLine = Math.max(1, Math.floor((options.linewidth - ind) / elementLength));
    let data: string[];
    const at = (i: number) => view.values[offset + i * st[st.length - 1]];
    if (summarize && size > 2 * edge) {
      data = [
        ...[...Array(edge).keys()].map((i) => fmt(at(i))),
        ' ...',
        ...[...Array(edge).keys()].map((i) => fmt(at(size - edge + i))),
      ];
    } else data = [...Array(size).keys()].map((i) => fmt(at(i)));
    const lines: string[] = [];
    for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
    return '[' + lines.join(',\n' + ' '.repeat(ind + 1)) + ']';
  };

  const rec = (offset: number, dim: number, ind: number): string => {
    const rank = view.shape.length - dim;
    if (rank === 0) return fmt(view.values[offset]);
    const size = view.shape[dim];
    if (rank === 1) return vectorStr(offset, size, ind);
    let slices: string[];
    const sub = (i: number) => rec(offset + i * st[dim], dim + 1, ind + 1);
    if (summarize && size > 2 * edge) {
      slices = [
        ...[...Array(edge).keys()].map(sub),
        '...',
        ...[...Array(edge).keys()].map((i) => sub(size - edge + i)),
      ];
    } else slices = [...Array(size).keys()].map(sub);
    return '[' + slices.join(',' + '\n'.repeat(rank - 1) + ' '.repeat(ind + 1)) + ']';
  };
  return rec(0, 0, indent);
}

function addSuffixes(text: string, suffixes: string[], indent: number, linewidth: number): string {
  const parts = [text];
  let lastLineLen = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > linewidth) {
      parts.push(',\n' + ' '.repeat(indent) + suffix);
      lastLineLen = indent + suffix.length;
    } else {
      parts.push(', ' + suffix);
      lastLineLen += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

export function dtypeString(d: DType): string {
  return `torch.${d}`;
}

export interface ReprInfo {
  shape: number[];
  dtype: DType;
  device: Tensor['device'];
  requiresGrad: boolean;
  gradFnName: string | null;
}

/** repr(tensor) from its metadata and its host values (read them with `await t.read()`). */
export function formatTensor(
  info: ReprInfo,
  values: ArrayLike<number>,
  options: PrintOptions = currentPrintOptions(),
): string {
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  if (info.device !== 'cpu') suffixes.push(`device='${deviceString(info.device)}'`);
  const numel = info.shape.reduce((a, b) => a * b, 1);
  let body: string;
  const shown = info.dtype === 'float16' ? Array.from(values, roundFloat16) : values;
  if (numel === 0) {
    if (info.shape.length !== 1)
      suffixes.push(`size=(${info.shape.join(', ')}${info.shape.length === 1 ? ',' : ''})`);
    if (info.dtype !== 'float32') suffixes.push(`dtype=${dtypeString(info.dtype)}`);
    body = '[]';
  } else {
    if (!['float32', 'int64', 'bool'].includes(info.dtype)) suffixes.push(`dtype=${dtypeString(info.dtype)}`);
    body = tensorStr({ values: shown, shape: info.shape, dtype: info.dtype }, indent, options);
  }
  if (info.gradFnName) suffixes.push(`grad_fn=<${info.gradFnName}>`);
  else if (info.requiresGrad) suffixes.push('requires_grad=True');
  return addSuffixes(prefix + body, suffixes, indent, options.linewidth);
}

export function reprInfo(t: Tensor): ReprInfo {
  return {
    shape: t.shape,
    dtype: t.dtype,
    device: t.device,
    requiresGrad: t.requiresGrad,
    gradFnName: t.gradFn?.name ?? null,
  };
}

/** repr(tensor), reading values synchronously (Node, cpu/wasm; prefer reprAsync on GPUs). */
export function repr(t: Tensor): string {
  return formatTensor(reprInfo(t), t.readSync());
}
export async function reprAsync(t: Tensor): Promise<string> {
  return formatTensor(reprInfo(t), await t.read());
}
