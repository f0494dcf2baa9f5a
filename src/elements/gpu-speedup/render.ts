// What <gpu-speedup> shows in words and numbers: the backends, the latest result, the verdict
// and the table of every N measured.
import { html, nothing } from 'lit';
import type { SpeedupEnvironment, SpeedupMeasurement, TimingStats } from '../../protocol/speedup.js';

export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '–';
  if (ms >= 100) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  return `${Number(ms.toPrecision(ms < 0.1 ? 1 : 3))} ms`;
}

export function formatSpeedup(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '–';
  return `${Number(value.toPrecision(value >= 100 ? 4 : 3))}×`;
}

function formatStats(stats: TimingStats | undefined) {
  if (!stats) return '–';
  const [lo, hi] = stats.samples.length >= 4 ? [stats.q1, stats.q3] : [stats.min, stats.max];
  // The spread goes on its own line, so that eight columns fit a lesson's text column.
  return html`${formatMs(stats.median)}<span class="spread">
      (${formatMs(lo).replace(' ms', '')}–${formatMs(hi)})</span
    >`;
}

function fasterText(speedup: number | null): string {
  if (speedup == null || !Number.isFinite(speedup)) return '';
  if (speedup >= 1) return `the GPU is ${formatSpeedup(speedup)} as fast`;
  return `the CPU is ${formatSpeedup(1 / speedup)} as fast`;
}

/** Which backends run here, with their notes (attribute problems first). */
export function renderLabels(env: SpeedupEnvironment | null, problems: readonly string[] = []) {
  return html`
    <dl class="labels" part="labels">
      <dt>CPU</dt>
      <dd class="cpu-label">${env ? env.cpu.label : 'finding out…'}</dd>
      <dt>GPU</dt>
      <dd class="gpu-label">${env ? (env.gpu ? env.gpu.label : 'none') : 'finding out…'}</dd>
    </dl>
    ${[...problems, env?.cpu.note, env?.gpuNote]
      .filter(Boolean)
      .map((note) => html`<p class="note" part="note">${note}</p>`)}
  `;
}

/** The latest measurement in words, the verdict over every N, and why a sweep stopped. */
export function renderSummary(state: {
  latest: SpeedupMeasurement | null;
  results: SpeedupMeasurement[];
  verdict: string;
  stoppedBecause: string;
}) {
  const r = state.latest;
  const results = state.results;
  if (!r) return nothing;
  const showVerdict = results.length >= 2 && results.some((x) => x.gpu);
  return html`
    <div class="summary" part="summary">
      ${
        r.gpu
          ? html`
              <p>
                N = ${r.n}: <span class="speedup">${formatSpeedup(r.speedupEndToEnd)}</span> speedup end to
                end (upload, multiply, download): ${fasterText(r.speedupEndToEnd)}.
              </p>
              <p>
                Compute only (A and B already on the device):
                <strong>${formatSpeedup(r.speedupCompute)}</strong> (CPU ${formatMs(r.cpu.compute.median)},
                GPU ${formatMs(r.gpu.compute.median)}, medians of ${r.repeats} runs).
              </p>
              <p>
                Warm-up, not counted (first run, with shader compilation): CPU ${formatMs(r.cpu.warmupMs)},
                GPU ${formatMs(r.gpu.warmupMs)}.
              </p>
              ${
                r.speedupNaive != null
                  ? html`<p>
                      The lesson's naive way (one cold run, no warm-up, not waiting for the GPU to finish):
                      ${formatSpeedup(r.speedupNaive)}, misleading: the GPU's work was only queued when its
                      clock stopped.
                    </p>`
                  : nothing
              }
            `
          : html`<p>
              N = ${r.n}: CPU ${formatMs(r.cpu.compute.median)} per multiplication (median of ${r.repeats}
              runs). No GPU backend ran, so there is no speedup to show.
            </p>`
      }
      ${showVerdict ? html`<p class="verdict">${state.verdict}</p>` : nothing}
      ${state.stoppedBecause ? html`<p class="stopped">${state.stoppedBecause}</p>` : nothing}
    </div>
  `;
}

/** Every N measured: medians with their spread, and the speedups. */
export function renderTable(results: SpeedupMeasurement[]) {
  if (results.length === 0) return nothing;
  const naive = results.some((r) => r.speedupNaive != null);
  const batched = results.some((r) => r.cpu.runsPerSample > 1 || (r.gpu?.runsPerSample ?? 1) > 1);
  return html`
    <div class="table-wrap" tabindex="0" role="region" aria-label="Table of measurements">
      <table part="table">
        <caption>
          Median time per multiplication of ${results[0].repeats} runs (spread in brackets: quartiles from 4
          runs up, else
          min–max).${
            batched
              ? " Where one multiplication is too quick for the browser's coarse clock, each run is the mean of several, each awaited."
              : ''
          }
        </caption>
        <thead>
          <tr>
            <th scope="col">N</th>
            <th scope="col">CPU compute</th>
            <th scope="col">GPU compute</th>
            <th scope="col">CPU end to end</th>
            <th scope="col">GPU end to end</th>
            <th scope="col">speedup, compute</th>
            <th scope="col">speedup, end to end</th>
            ${naive ? html`<th scope="col">naive speedup</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${results.map(
            (r) => html`
              <tr>
                <th scope="row">${r.n}</th>
                <td>${formatStats(r.cpu.compute)}</td>
                <td>${formatStats(r.gpu?.compute)}</td>
                <td>${formatStats(r.cpu.endToEnd)}</td>
                <td>${formatStats(r.gpu?.endToEnd)}</td>
                <td>${formatSpeedup(r.speedupCompute)}</td>
                <td>${formatSpeedup(r.speedupEndToEnd)}</td>
                ${naive ? html`<td>${formatSpeedup(r.speedupNaive)}</td>` : nothing}
              </tr>
            `,
          )}
        </tbody>
      </table>
    </div>
  `;
}
