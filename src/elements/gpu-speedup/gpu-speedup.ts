import { LitElement, type PropertyValues, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type {
  SpeedupCpuBackend,
  SpeedupEnvironment,
  SpeedupErrorCode,
  SpeedupGpuBackend,
  SpeedupMeasurement,
} from '../../protocol/speedup.js';
import { themeStyles } from '../shared/theme.styles.js';
import { checkSpeedupAttributes } from './attributes.js';
import {
  type BreakEven,
  crossingEnds,
  describeBreakEven,
  findBreakEven,
  logGrid,
  mergeMeasurements,
  predictTimeMs,
  refinementSizes,
  toCsv,
} from './break-even.js';
import { SpeedupChartsController } from './charts.js';
import { gpuSpeedupStyles } from './gpu-speedup.styles.js';
import { renderLabels, renderSummary, renderTable } from './render.js';
import { type SpeedupOutcome, SpeedupRequests } from './requests.js';

/** Detail of `gs-progress`. */
export interface GsProgressDetail {
  mode: 'single' | 'sweep';
  /** The N being measured. */
  n: number;
  /** 0…1 over the whole single run or sweep (a sweep's refinement steps extend it). */
  fraction: number;
  /** Sizes finished and planned (a single run: 0 of 1). */
  sizesDone: number;
  sizesPlanned: number;
}

/** Detail of `gs-result`. */
export interface GsResultDetail {
  mode: 'single' | 'sweep';
  /** Every N measured with these backends so far, sorted by N. */
  results: SpeedupMeasurement[];
  /** The measurement just made (single mode), or the last one of the sweep. */
  latest: SpeedupMeasurement | null;
  /** Break-even of the end-to-end speedup (the lesson's), and of compute only. */
  breakEven: BreakEven;
  breakEvenCompute: BreakEven;
  /** The verdict as shown, e.g. "Break-even at N ≈ 180 (between 128 and 256); …". */
  verdict: string;
  env: SpeedupEnvironment | null;
  /** Why a sweep ended early (cancelled, GPU lost, time limit), when it did. */
  stoppedBecause?: string;
}

/** Detail of `gs-error`. */
export interface GsErrorDetail {
  code: SpeedupErrorCode | 'kernel';
  message: string;
  n: number;
}

/**
 * @summary Times C = A @ B (N×N, float32) on the CPU and on the GPU, honestly, and finds the N from
 * which the GPU pays off. Measuring runs in the page's kernel Worker, so the page never freezes.
 *
 * Each N: one warm-up run (shader compilation, shown apart, never counted), then `repeats` runs
 * each synced by awaiting the result; the median and spread are shown. Two speedups: compute only
 * (A and B already on the device) and end to end (upload, multiply, download: the lesson's
 * `A.to("cuda"); C = A @ B`). A sweep measures N on a doubling grid, refines where the speedup
 * crosses 1 and interpolates the break-even N in log space.
 *
 * @attr {number} n - The N of a single measurement (default 256).
 * @attr {number} repeats - Timed runs per N and device, after the warm-up (default 5, 1–50).
 * @attr {boolean} sweep - Sweep mode: the main button measures N from `min-n` to `max-n` and finds the break-even N.
 * @attr {number} min-n - Smallest N of a sweep (default 16).
 * @attr {number} max-n - Largest N of a sweep (default 2048); capped by the device's limits.
 * @attr {'auto'|'webgpu'|'webgl'|'none'} gpu-backend - The tfjs backend that plays the GPU: `auto` is WebGPU where available, else WebGL; `none` times the CPU only.
 * @attr {'auto'|'wasm'|'cpu'} cpu-backend - The tfjs backend that plays the CPU: `auto` is wasm where it loads, else plain JavaScript.
 * @attr {boolean} naive - Also show the lesson's naive timing: one cold run, no warm-up, not waiting for the GPU.
 * @attr {number} time-limit - Seconds one N may take in a sweep (default 60): a sweep stops before an N predicted to take longer.
 * @attr {number} refine - Refinement rounds around a crossing of 1 (default 2).
 * @attr {boolean} autorun - Measure as soon as the element is on the page.
 * @attr {'light'|'dark'} theme - Colour scheme.
 *
 * @event {CustomEvent<GsProgressDetail>} gs-progress - While measuring: which N, and the fraction done.
 * @event {CustomEvent<GsResultDetail>} gs-result - A single measurement or a sweep finished (also a cancelled sweep, with what it measured).
 * @event {CustomEvent<GsErrorDetail>} gs-error - A measurement was refused (N too large) or failed (GPU device lost, kernel error).
 *
 * @slot - An introduction shown above the controls (the teacher's words).
 *
 * @csspart base - The element's frame.
 * @csspart labels - What ran: the CPU and GPU backends and the GPU adapter.
 * @csspart note - Notes about the environment (software adapter, no GPU backend, WebGL instead of WebGPU).
 * @csspart controls - The inputs and buttons.
 * @csspart run-button - Measures one N (or sweeps, in sweep mode).
 * @csspart sweep-button - Starts a sweep.
 * @csspart cancel-button - Stops the measurement.
 * @csspart progress - The progress bar and the status line.
 * @csspart error - A refusal or failure message.
 * @csspart summary - The speedups and the break-even verdict.
 * @csspart charts - The two uPlot charts.
 * @csspart table - The table of measurements.
 * @csspart csv-button - Copies the table as CSV.
 *
 * @cssproperty --torchlet-cpu-color - Colour of the CPU's lines.
 * @cssproperty --torchlet-gpu-color - Colour of the GPU's lines.
 * @cssproperty --gs-chart-height - Height of each chart (default 220px).
 * @cssproperty --torchlet-bg - Background (shared torchlet token; also --torchlet-fg, --torchlet-muted, --torchlet-border, --torchlet-surface, --torchlet-accent, --torchlet-focus, --torchlet-error, --torchlet-warn, --torchlet-radius, --torchlet-font, --torchlet-font-mono).
 */
export class GpuSpeedup extends LitElement {
  static override styles = [themeStyles, gpuSpeedupStyles];

  @property({ type: Number }) n = 256;
  @property({ type: Number }) repeats = 5;
  @property({ type: Boolean, reflect: true }) sweep = false;
  @property({ type: Number, attribute: 'min-n' }) minN = 16;
  @property({ type: Number, attribute: 'max-n' }) maxN = 2048;
  @property({ attribute: 'gpu-backend' }) gpuBackend: SpeedupGpuBackend = 'auto';
  @property({ attribute: 'cpu-backend' }) cpuBackend: SpeedupCpuBackend = 'auto';
  @property({ type: Boolean }) naive = false;
  @property({ type: Number, attribute: 'time-limit' }) timeLimit = 60;
  @property({ type: Number }) refine = 2;
  @property({ type: Boolean }) autorun = false;
  @property({ reflect: true }) theme: 'light' | 'dark' = 'light';

  /** What the kernel reported about the backends; null until probed. */
  @state() env: SpeedupEnvironment | null = null;
  @state() private busy: 'single' | 'sweep' | null = null;
  @state() private progress = 0;
  @state() private statusText = '';
  @state() private errorText = '';
  @state() private resultsByN = new Map<number, SpeedupMeasurement>();
  @state() private latest: SpeedupMeasurement | null = null;
  @state() private stoppedBecause = '';
  @state() private copied = '';

  @query('.time-chart') readonly timeChartHost?: HTMLElement;
  @query('.speedup-chart') readonly speedupChartHost?: HTMLElement;

  private readonly requests = new SpeedupRequests();
  private readonly charts = new SpeedupChartsController(this);
  private probeKey = '';

  /** Every N measured with the current backends, sorted by N. */
  get results(): SpeedupMeasurement[] {
    return [...this.resultsByN.values()].sort((a, b) => a.n - b.n);
  }

  /** Break-even of the end-to-end speedup (the lesson's definition) over every N measured. */
  get breakEven(): BreakEven {
    return findBreakEven(this.results.map((r) => ({ n: r.n, speedup: r.speedupEndToEnd })));
  }

  /** The N where the end-to-end speedup crosses 1 (marked on the chart), if it does. */
  get breakEvenN(): number | null {
    const breakEven = this.breakEven;
    return breakEven.kind === 'crossing' ? breakEven.n : null;
  }

  /** Break-even of the compute-only speedup. */
  get breakEvenCompute(): BreakEven {
    return findBreakEven(this.results.map((r) => ({ n: r.n, speedup: r.speedupCompute })));
  }

  /** The table as CSV. */
  toCsv(): string {
    return toCsv(this.results);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancel();
  }

  /** Attribute values that were not allowed, and what is used instead (shown as notes). */
  private attributeProblems = new Map<string, string>();

  protected override willUpdate(changed: PropertyValues<this>): void {
    checkSpeedupAttributes(this, changed, this.attributeProblems);
  }

  protected override updated(changed: PropertyValues): void {
    const key = `${this.cpuBackend}/${this.gpuBackend}`;
    if (key !== this.probeKey && this.isConnected) {
      this.probeKey = key;
      if (changed.has('gpuBackend') || changed.has('cpuBackend')) this.resultsByN = new Map();
      void this.probe().then(() => {
        if (this.autorun && !this.busy && this.resultsByN.size === 0)
          void (this.sweep ? this.runSweep() : this.run());
      });
    }
    if (changed.has('resultsByN') || changed.has('theme')) this.charts.draw();
  }

  /** Asks the kernel which backends would run and the largest N allowed. */
  async probe(): Promise<SpeedupEnvironment | null> {
    const key = this.probeKey;
    const outcome = await this.requests.probe(this.cpuBackend, this.gpuBackend);
    if (key !== this.probeKey) return this.env;
    if (typeof outcome === 'string') {
      this.errorText = `Could not find out which backends run here: ${outcome}`;
      return null;
    }
    this.env = outcome;
    return outcome;
  }

  /** Measures one N (default: the `n` attribute) on both devices. */
  async run(n: number = this.n): Promise<SpeedupMeasurement | null> {
    if (this.busy) return null;
    this.begin('single');
    this.emitProgress('single', n, 0, 0, 1);
    const outcome = await this.measure(n, (fraction) => {
      this.progress = fraction;
      this.emitProgress('single', n, fraction, 0, 1);
    });
    this.busy = null;
    this.requests.finish();
    if (outcome.kind === 'cancelled') {
      this.statusText = 'Cancelled.';
      return null;
    }
    if (outcome.kind === 'error') {
      this.fail(outcome.code, outcome.message, n);
      return null;
    }
    this.record(outcome.result, outcome.env);
    this.progress = 1;
    this.statusText = `Measured N = ${n} in ${(outcome.wallMs / 1000).toFixed(1)} s.`;
    this.emitResult('single');
    return outcome.result;
  }

  /** Sweeps N from `min-n` to `max-n`, refines around a crossing of 1, and reports the break-even N. */
  async runSweep(): Promise<BreakEven | null> {
    if (this.busy) return null;
    this.begin('sweep');
    const env = this.env ?? (await this.probe());
    const limit = env?.maxN ?? Number.POSITIVE_INFINITY;
    const wanted = logGrid(this.minN, this.maxN);
    const planned = wanted.filter((n) => n <= limit);
    const notes: string[] = [];
    if (planned.length < wanted.length)
      notes.push(`N above ${limit} was left out: ${env?.maxNReason ?? 'device limit'}.`);
    this.resultsByN = new Map();
    let done = 0;
    let total = planned.length;
    let stopped = '';
    let last: { n: number; ms: number } | null = null;

    const measureOne = async (n: number): Promise<boolean> => {
      if (last && predictTimeMs(last.n, last.ms, n) > this.timeLimit * 1000) {
        stopped = `Stopped before N = ${n}: it would take about ${Math.round(predictTimeMs(last.n, last.ms, n) / 1000)} s, over the time limit of ${this.timeLimit} s (attribute time-limit).`;
        return false;
      }
      this.statusText = `Measuring N = ${n} (${done + 1} of ${total})…`;
      this.emitProgress('sweep', n, done / total, done, total);
      const outcome = await this.measure(n, (fraction) => {
        this.progress = (done + fraction) / total;
        this.emitProgress('sweep', n, this.progress, done, total);
      });
      if (outcome.kind === 'cancelled') {
        stopped = 'Cancelled: the table shows the sizes measured before.';
        return false;
      }
      if (outcome.kind === 'error') {
        this.fail(outcome.code, outcome.message, n);
        stopped = outcome.message;
        return false;
      }
      if (this.results.some((r) => r.gpu) && !outcome.result.gpu) {
        // The GPU went away between two sizes (its device was lost): the sweep cannot go on.
        const message = outcome.env.gpuNote ?? 'The GPU backend is no longer available.';
        this.fail('gpu-lost', message, n);
        stopped = message;
        return false;
      }
      done += 1;
      last = { n, ms: outcome.wallMs };
      const before = this.resultsByN.get(n);
      const sameBackends =
        before &&
        before.cpu.backend === outcome.result.cpu.backend &&
        before.gpu?.backend === outcome.result.gpu?.backend;
      this.record(sameBackends ? mergeMeasurements(before, outcome.result) : outcome.result, outcome.env);
      timesMeasured.set(n, (timesMeasured.get(n) ?? 0) + 1);
      return true;
    };
    const timesMeasured = new Map<number, number>();
    const speedups = (key: 'speedupEndToEnd' | 'speedupCompute') =>
      this.results.map((r) => ({ n: r.n, speedup: r[key] }));
    // Each size next to a crossing of 1 is measured a second time (samples pooled), so that one
    // disturbed measurement cannot decide where the crossing is.
    const confirmCrossings = async (): Promise<boolean> => {
      const ends = [
        ...new Set([
          ...crossingEnds(speedups('speedupEndToEnd')),
          ...crossingEnds(speedups('speedupCompute')),
        ]),
      ];
      const once = ends.filter((n) => timesMeasured.get(n) === 1).sort((a, b) => a - b);
      total += once.length;
      for (const n of once) if (!(await measureOne(n))) return false;
      return true;
    };

    let going = true;
    for (const n of planned) {
      if (!(going = await measureOne(n))) break;
    }
    for (let round = 0; going && round < this.refine; round++) {
      if (!(going = await confirmCrossings())) break;
      const sizes = [
        ...new Set([
          ...refinementSizes(speedups('speedupEndToEnd')),
          ...refinementSizes(speedups('speedupCompute')),
        ]),
      ].sort((a, b) => a - b);
      if (sizes.length === 0) break;
      total += sizes.length;
      for (const n of sizes) {
        if (!(going = await measureOne(n))) break;
      }
    }
    if (going) going = await confirmCrossings();
    this.busy = null;
    this.requests.finish();
    this.stoppedBecause = [stopped, ...notes].filter(Boolean).join(' ');
    this.progress = going ? 1 : this.progress;
    // The status line always ends on what happened, never on the last "Measuring N = …".
    const measured = `${this.resultsByN.size} ${this.resultsByN.size === 1 ? 'size' : 'sizes'} measured`;
    if (going) this.statusText = `Sweep finished: ${measured}.`;
    else if (stopped.startsWith('Cancelled')) this.statusText = `Cancelled: ${measured}.`;
    else if (this.errorText) this.statusText = '';
    else this.statusText = `Sweep stopped early: ${measured}.`;
    if (this.resultsByN.size > 0) this.emitResult('sweep');
    return this.resultsByN.size > 0 ? this.breakEven : null;
  }

  /** Stops the running measurement or sweep. */
  cancel(): void {
    if (!this.busy) return;
    this.statusText = 'Cancelling…';
    this.requests.cancel();
  }

  private begin(mode: 'single' | 'sweep'): void {
    this.busy = mode;
    this.requests.begin();
    this.progress = 0;
    this.errorText = '';
    this.stoppedBecause = '';
    this.statusText = 'Measuring…';
  }

  private fail(code: GsErrorDetail['code'], message: string, n: number): void {
    this.errorText = message;
    this.statusText = '';
    this.dispatchEvent(
      new CustomEvent<GsErrorDetail>('gs-error', {
        detail: { code, message, n },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private record(result: SpeedupMeasurement, env: SpeedupEnvironment): void {
    this.env = env;
    // Timings of other backends (the GPU was lost, the choice changed) do not belong in one table.
    const pair = (r: SpeedupMeasurement): string => `${r.cpu.backend}/${r.gpu?.backend ?? 'none'}`;
    const sameBackends = [...this.resultsByN.values()].every((r) => pair(r) === pair(result));
    const next = sameBackends ? new Map(this.resultsByN) : new Map<number, SpeedupMeasurement>();
    next.set(result.n, result);
    this.resultsByN = next;
    this.latest = result;
  }

  /** One measurement of N with the element's settings, through the kernel. */
  private measure(n: number, onFraction: (fraction: number) => void): Promise<SpeedupOutcome> {
    const { repeats, cpuBackend, gpuBackend, naive } = this;
    return this.requests.measure({ n, repeats, cpuBackend, gpuBackend, naive }, this.env, onFraction);
  }

  private emitProgress(
    mode: 'single' | 'sweep',
    n: number,
    fraction: number,
    sizesDone: number,
    sizesPlanned: number,
  ): void {
    this.dispatchEvent(
      new CustomEvent<GsProgressDetail>('gs-progress', {
        detail: { mode, n, fraction, sizesDone, sizesPlanned },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private emitResult(mode: 'single' | 'sweep'): void {
    const breakEven = this.breakEven;
    const detail: GsResultDetail = {
      mode,
      results: this.results,
      latest: this.latest,
      breakEven,
      breakEvenCompute: this.breakEvenCompute,
      verdict: this.verdict(breakEven),
      env: this.env,
      ...(this.stoppedBecause ? { stoppedBecause: this.stoppedBecause } : {}),
    };
    this.dispatchEvent(
      new CustomEvent<GsResultDetail>('gs-result', { detail, bubbles: true, composed: true }),
    );
  }

  private verdict(breakEven: BreakEven): string {
    if (this.results.length > 0 && this.results.every((r) => r.gpu == null)) {
      return 'Only the CPU was timed (no GPU backend), so there is no speedup or break-even point.';
    }
    return describeBreakEven(breakEven);
  }

  private async copyCsv(): Promise<void> {
    const csv = this.toCsv();
    try {
      await navigator.clipboard.writeText(csv);
      this.copied = `Copied ${this.resultsByN.size} rows as CSV.`;
    } catch {
      this.copied = 'The clipboard is not available here: select the table and copy it instead.';
    }
  }

  private onNumber(event: Event, key: 'n' | 'repeats' | 'minN' | 'maxN'): void {
    const value = Number((event.target as HTMLInputElement).value);
    if (Number.isFinite(value)) this[key] = Math.round(value);
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.busy) {
      event.preventDefault();
      this.cancel();
    }
  }

  override render() {
    const busy = this.busy !== null;
    const results = this.results;
    const charts = results.length >= 2;
    const maxN = this.env?.maxN;
    return html`
      <section part="base" aria-labelledby="title" @keydown=${this.onKeydown}>
        <h2 id="title">GPU speedup: C = A @ B for N×N float32 matrices</h2>
        <slot></slot>
        ${renderLabels(this.env, [...this.attributeProblems.values()])}
        <div class="controls" part="controls">
          <label
            >N
            <input
              class="n-input"
              type="number"
              min="1"
              max=${maxN ?? nothing}
              .value=${String(this.n)}
              ?disabled=${busy}
              @change=${(e: Event) => this.onNumber(e, 'n')}
          /></label>
          <label
            >repeats
            <input
              class="repeats-input"
              type="number"
              min="1"
              max="50"
              .value=${String(this.repeats)}
              ?disabled=${busy}
              @change=${(e: Event) => this.onNumber(e, 'repeats')}
          /></label>
          <button
            class="run ${this.sweep ? '' : 'primary'}"
            part="run-button"
            ?disabled=${busy}
            @click=${() => void this.run()}
          >
            Time N = ${this.n}
          </button>
          <label
            >sweep from
            <input
              class="min-input"
              type="number"
              min="1"
              .value=${String(this.minN)}
              ?disabled=${busy}
              @change=${(e: Event) => this.onNumber(e, 'minN')}
          /></label>
          <label
            >to
            <input
              class="max-input"
              type="number"
              min="1"
              .value=${String(this.maxN)}
              ?disabled=${busy}
              @change=${(e: Event) => this.onNumber(e, 'maxN')}
          /></label>
          <button
            class="sweep ${this.sweep ? 'primary' : ''}"
            part="sweep-button"
            ?disabled=${busy}
            @click=${() => void this.runSweep()}
          >
            Sweep N
          </button>
          <button class="cancel" part="cancel-button" ?disabled=${!busy} @click=${() => this.cancel()}>
            Cancel
          </button>
        </div>
        <div class="progress" part="progress">
          ${
            busy
              ? html`<progress max="1" .value=${this.progress} aria-label="Measuring progress"></progress>`
              : nothing
          }
          <span class="status" role="status" aria-live="polite">${this.statusText}</span>
        </div>
        ${this.errorText ? html`<p class="error" part="error" role="alert">${this.errorText}</p>` : nothing}
        ${renderSummary({
          latest: this.latest,
          results,
          verdict: this.verdict(this.breakEven),
          stoppedBecause: this.stoppedBecause,
        })}
        ${charts && this.charts.error ? html`<p class="note" part="note">${this.charts.error}</p>` : nothing}
        <div class="charts" part="charts" ?hidden=${!charts}>
          <figure>
            <div
              class="chart time-chart"
              role="img"
              aria-label="Median time against N for the CPU and the GPU, log-log"
            ></div>
            <figcaption>
              <ul class="legend">
                <li class="cpu"><span class="swatch"></span>CPU compute</li>
                <li class="gpu"><span class="swatch"></span>GPU compute</li>
                <li class="cpu"><span class="swatch dashed"></span>CPU end to end</li>
                <li class="gpu"><span class="swatch dashed"></span>GPU end to end</li>
              </ul>
            </figcaption>
          </figure>
          <figure>
            <div
              class="chart speedup-chart"
              role="img"
              aria-label="Speedup against N, with the line at 1 and the break-even N"
            ></div>
            <figcaption>
              <ul class="legend">
                <li class="gpu"><span class="swatch"></span>speedup, compute only</li>
                <li class="gpu"><span class="swatch dashed"></span>speedup, end to end</li>
                <li><span class="swatch"></span>1: equally fast</li>
              </ul>
            </figcaption>
          </figure>
        </div>
        ${renderTable(results)}
        ${
          results.length > 0
            ? html`<div class="footer">
                <button class="csv" part="csv-button" @click=${() => void this.copyCsv()}>Copy as CSV</button>
                <span class="copied" aria-live="polite">${this.copied}</span>
              </div>`
            : nothing
        }
      </section>
    `;
  }
}

// Guarded: importing the module where there is no DOM (SSR, SSG) defines nothing.
if (typeof customElements !== 'undefined' && !customElements.get('gpu-speedup'))
  customElements.define('gpu-speedup', GpuSpeedup);

declare global {
  interface HTMLElementTagNameMap {
    'gpu-speedup': GpuSpeedup;
  }
  interface HTMLElementEventMap {
    'gs-progress': CustomEvent<GsProgressDetail>;
    'gs-result': CustomEvent<GsResultDetail>;
    'gs-error': CustomEvent<GsErrorDetail>;
  }
}
