// What <gradient-plot> shows in words: its messages, the readout at the point, the data table
// (the chart's text alternative) and the PyTorch code behind the picture.
import { html, nothing, type TemplateResult } from 'lit';
import type { DirectiveResult } from 'lit/directive.js';
import { formatFloat, tangentEquation } from '../../plot/tangent.js';
import { cssomStyle } from '../shared/cssom-style.js';
import type { GradientComputation } from './computation.js';
import type { ExerciseController } from './exercise.js';
import type { Message } from './model.js';
import { lessonCode, valueHeading } from './snippets.js';

const TABLE_ROWS = 13;

/** Set through the CSSOM, never a style attribute, which a strict CSP without 'unsafe-inline' styles blocks. */
export const swatchStyle = (color: string): DirectiveResult => cssomStyle({ color });

export interface RenderState {
  computation: GradientComputation;
  x: number;
  exercise: ExerciseController;
  hasExercise: boolean;
  chartError: string | null;
  /** Attribute values that were not allowed, said first. */
  problems: Message[];
}

/** Errors first, then warnings about the tangents, then the exercise's notes. */
export function plotMessages(state: RenderState): Message[] {
  const { computation: c, x, exercise, hasExercise, chartError } = state;
  const out: Message[] = [...state.problems];
  if (c.scriptError) out.push({ level: 'error', text: c.scriptError });
  if (chartError) out.push({ level: 'error', text: chartError });
  c.curveErrors.forEach((m) => m && out.push({ level: 'error', text: m }));
  if (c.tangentX === x) {
    c.tangentErrors.forEach((m) => m && out.push({ level: 'error', text: m }));
    const fx = formatFloat(x);
    c.tangents.forEach((t, i) => {
      if (!t) return;
      const label = c.curves[i].label;
      if (t.accumulated) {
        out.push({
          level: 'warning',
          text: `${label}: slope ${formatFloat(t.slope)} drawn instead of ${formatFloat(t.ownSlope)}, because x.grad still held ${formatFloat(t.slope - t.ownSlope)} from before: backward() adds to x.grad until x.grad.zero_().`,
        });
      }
      if (t.kink) {
        out.push({
          level: 'warning',
          text: `${label} is not differentiable at x = ${fx}: its slope jumps from ${formatFloat(t.kink[0])} to ${formatFloat(t.kink[1])} there; autograd reports ${formatFloat(t.ownSlope)}.`,
        });
      }
    });
  }
  if (hasExercise && !exercise.exercise && exercise.messages.length === 0) {
    out.push({
      level: 'info',
      text: 'Exercise: complete the cell below and run it; the tangents your code computes are drawn here.',
    });
  }
  return [...out, ...exercise.messages];
}

/** The table of x, f(x), slope and tangent at the point. */
export function renderReadout(c: GradientComputation): TemplateResult | typeof nothing {
  const tangentX = c.tangentX;
  if (tangentX === null) return nothing;
  const fx = formatFloat(tangentX);
  return html`<table part="readout" class="readout">
    <caption>
      At x =
      ${fx}${c.curves.length > 1 ? (c.tangentReset ? ' (x.grad zeroed between functions)' : ' (x.grad not zeroed: gradients add up)') : ''}
    </caption>
    <thead>
      <tr>
        <th scope="col">Function</th>
        <th scope="col">x</th>
        <th scope="col">f(x)</th>
        <th scope="col">Slope (x.grad)</th>
        <th scope="col">Tangent line</th>
      </tr>
    </thead>
    <tbody>
      ${c.curves.map((curve, i) => {
        const t = c.tangents[i];
        return html`<tr class=${t && (t.accumulated || t.kink) ? 'warning' : ''}>
          <td class="name"><span class="swatch" ${swatchStyle(curve.color)}></span>${curve.label}</td>
          <td>${fx}</td>
          <td>${t ? formatFloat(t.value) : '—'}</td>
          <td>${t ? formatFloat(t.slope) : '—'}</td>
          <td class="equation">${t ? tangentEquation(tangentX, t.value, t.slope) : 'no tangent'}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** Values and slopes over the range: the chart's text alternative. */
export function renderDataTable(c: GradientComputation): TemplateResult | typeof nothing {
  const samples = c.samples;
  if (!samples) return nothing;
  const every = Math.max(1, Math.round((samples.xs.length - 1) / (TABLE_ROWS - 1)));
  const rows = samples.xs
    .map((x, k) => ({ x, k }))
    .filter(({ k }) => k % every === 0 || k === samples.xs.length - 1);
  const cell = (v: number | null) => (v === null ? '—' : formatFloat(v, 4));
  return html`<details part="table" class="data">
    <summary>Data table: values and slopes</summary>
    <table>
      <caption>
        Values and autograd slopes over the range
      </caption>
      <thead>
        <tr>
          <th scope="col">x</th>
          ${c.curves.map(
            (curve) =>
              html`<th scope="col">${valueHeading(curve)}</th>
                <th scope="col">slope of ${curve.label}</th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ({ x, k }) =>
            html`<tr>
              <td>${formatFloat(x, 4)}</td>
              ${c.curves.map(
                (_, i) =>
                  html`<td>${cell(samples.values[i][k])}</td>
                    <td>${cell(samples.slopes[i][k])}</td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}

/** The PyTorch code that computed what is drawn. */
export function renderCode(c: GradientComputation, pointX: number): TemplateResult {
  const x = c.tangentX ?? pointX;
  const code = lessonCode({
    curves: c.curves,
    script: c.script,
    x: formatFloat(x),
    reset: c.tangentReset,
    tangents: c.curves.map((curve, i) => {
      const t = c.tangentX === null ? null : c.tangents[i];
      return {
        curve,
        value: t ? formatFloat(t.value) : undefined,
        grad: t ? formatFloat(t.slope) : undefined,
      };
    }),
  });
  return html`<details part="code" class="code">
    <summary>PyTorch code for this picture</summary>
    <pre><code>${code}</code></pre>
  </details>`;
}
