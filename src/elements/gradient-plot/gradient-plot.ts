import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { DeviceName } from '../../kernel/protocol.js';
import { loadUPlot } from '../../plot/load.js';
import { formatFloat, snapToStep } from '../../plot/tangent.js';
import { THEMES, checkChoice, checkColor, checkDevice, checkNumber } from '../shared/attributes.js';
import { LazyChartController } from '../shared/lazy-chart.js';
import { themeStyles } from '../shared/theme.styles.js';
import { GradientComputation } from './computation.js';
import { ExerciseController } from './exercise.js';
import './gp-function.js';
import { gradientPlotStyles } from './gradient-plot.styles.js';
import type { DrawnTangent, GradientPlotChangeDetail, Message } from './model.js';
import { plotMessages, renderCode, renderDataTable, renderReadout, swatchStyle } from './render.js';
import { LESSON_EXERCISE_CODE, type CurveSpec, valueHeading } from './snippets.js';
import { TangentChart, type TangentChartView } from './tangent-chart.js';

export type { CurveTangent, DrawnTangent, GradientPlotChangeDetail } from './model.js';

/** The number attributes, their defaults and limits: a value outside them is replaced, with a message. */
const NUMBER_ATTRIBUTES = [
  { key: 'x', attribute: 'x', fallback: -1, limits: {} },
  { key: 'xMin', attribute: 'x-min', fallback: -3, limits: {} },
  { key: 'xMax', attribute: 'x-max', fallback: 3, limits: {} },
  { key: 'step', attribute: 'step', fallback: 0.1, limits: { positive: true } },
] as const;

/**
 * @summary Functions of x, their tangent lines computed by PyTorch's autograd, and what a
 * forgotten `x.grad.zero_()` does to the second one. Section 3 of the lesson, as a widget.
 *
 * @attr fn - One curve as a Python expression in `x` (`fn="3 - x + (x/2)**2"`); for several
 *   curves use `<gp-function>` children. With no functions at all the plot shows the lesson's f1 and f2.
 * @attr x - The tangent point (default -1, as in the lesson).
 * @attr x-min - Left end of the x range (default -3).
 * @attr x-max - Right end of the x range (default 3).
 * @attr step - How far the point moves per arrow key and where dragging snaps to (default 0.1).
 * @attr accumulate - Present: the switch "reset the gradient between functions" starts off, so
 *   each `backward()` adds to `x.grad` as PyTorch does when `x.grad.zero_()` is forgotten.
 * @attr device - `cpu` or `cuda`: where the tensors live (cuda runs on WebGPU, else WebGL).
 * @attr theme - `light` (default) or `dark`.
 * @attr exercise - Present with no slotted playground: adds a `<tensor-playground>` holding the
 *   lesson's exercise cell (five `????` blanks); the plot then draws the tangents the cell computes.
 *
 * @slot - `<gp-function fn="..." label="..." color="...">` children, one per curve, and/or a
 *   `<script type="text/x-python">` defining the functions (`def f1(x): ...`). Without
 *   `<gp-function>` children every one-argument function the script defines is a curve.
 * @slot exercise - A `<tensor-playground>` holding the lesson's exercise (its `????` blanks):
 *   after each run the plot draws the arrows its `plt.arrow` calls drew and checks their slopes.
 *
 * @event gp-change - After the tangents were computed for a new x, functions or switch:
 *   `detail: { x, slopes, values, reset }`, slopes as drawn.
 *
 * @csspart base - The widget's box.
 * @csspart plot - The chart area (canvas, tangents and the draggable point).
 * @csspart handle - The draggable point (a slider: arrow keys, Page Up/Down, Home/End).
 * @csspart legend - The list of curves.
 * @csspart controls - The x slider and the reset switch.
 * @csspart slider - The x range input.
 * @csspart switch - The "reset the gradient between functions" checkbox.
 * @csspart messages - Errors and warnings (bad functions, accumulated gradients).
 * @csspart readout - The table of x, f(x), slope and tangent equation at the point.
 * @csspart code - The PyTorch code that computed what is drawn.
 * @csspart table - The data table: values and slopes over the range (the plot's text alternative).
 *
 * @cssproperty --gradient-plot-height - Height of the chart (default 320px).
 * @cssproperty --torchlet-fg - Text and axes colour.
 * @cssproperty --torchlet-bg - Background.
 * @cssproperty --torchlet-border - Grid lines and borders.
 * @cssproperty --torchlet-warn - The warning colour of accumulated tangents.
 * @cssproperty --torchlet-error - The colour of error messages.
 * @cssproperty --torchlet-focus - The focus ring.
 */
export class GradientPlot extends LitElement {
  static override styles = [themeStyles, gradientPlotStyles];

  @property() fn: string | null = null;
  @property({ type: Number, reflect: true }) x = -1;
  @property({ type: Number, attribute: 'x-min' }) xMin = -3;
  @property({ type: Number, attribute: 'x-max' }) xMax = 3;
  @property({ type: Number }) step = 0.1;
  @property({ type: Boolean, reflect: true }) accumulate = false;
  @property() device: DeviceName | null = null;
  @property({ reflect: true }) theme: 'light' | 'dark' = 'light';

  @state() private hasExercise = false;

  /** The tangents as the last frame drew them (what tests and assistive text read). */
  drawnTangents: DrawnTangent[] = [];

  @query('.plot') private plotEl!: HTMLDivElement;
  @query('.chart') private chartEl!: HTMLDivElement;
  @query('.handle') private handleEl!: HTMLDivElement;

  private readonly computation = new GradientComputation(this, {
    samplesChanged: () => (this.chartStale = true),
    tangentsChanged: () => this.dispatchChange(),
  });
  private readonly exerciseController = new ExerciseController(this, this.computation);
  private readonly chart = new TangentChart(this.chartView());
  // Fetched while the first samples are computed; a page of code cells alone never loads it.
  private readonly chartCode = new LazyChartController(this, loadUPlot, {
    ready: () => (this.chartStale = true),
    resize: () => this.chart.resize(),
  });
  private chartStale = false;
  /** Messages about attribute values that were not allowed, by attribute. */
  private attributeProblems = new Map<string, string>();
  private mutationObserver: MutationObserver | null = null;

  /** The chart reads the element's current state through getters, never a copy. */
  private chartView(): TangentChartView {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const element = this;
    return {
      host: element,
      computation: element.computation,
      get x() {
        return element.x;
      },
      get xMin() {
        return element.xMin;
      },
      get xMax() {
        return element.xMax;
      },
      get exercise() {
        return element.exerciseController.exercise;
      },
      get plotEl() {
        return element.plotEl ?? null;
      },
      get chartEl() {
        return element.chartEl ?? null;
      },
      get handleEl() {
        return element.handleEl ?? null;
      },
      setX: (x) => element.setX(x),
      drawn: (tangents) => (element.drawnTangents = tangents),
    };
  }

  /** The curves (name, label, colour, expression) the plot draws. */
  get curves(): CurveSpec[] {
    return this.computation.curves;
  }

  /** What autograd gave at the tangent point, per curve (null where it failed). */
  get tangents() {
    return this.computation.tangents;
  }

  /** Where the slopes came from, e.g. `cpu (wasm)`. */
  get computedOn(): string {
    return this.computation.computedOn;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.mutationObserver = new MutationObserver((records) => {
      if (records.some((r) => this.isCurveMutation(r))) this.computation.scheduleLoad();
    });
    this.mutationObserver.observe(this, {
      childList: true,
      subtree: true,
      attributes: true,
      characterData: true,
    });
    if (this.hasAttribute('exercise') && !this.querySelector(':scope > [slot="exercise"]'))
      this.addLessonExercise();
    this.chartCode.ensure();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.mutationObserver?.disconnect();
    this.chart.destroy();
    this.chartStale = true;
  }

  /** Whether a change in the light DOM changes the curves (not the exercise's playground, not our `hidden` flag). */
  private isCurveMutation(record: MutationRecord): boolean {
    const target = record.target instanceof Element ? record.target : record.target.parentElement;
    if (!target) return false;
    if (target === this)
      return (
        record.type === 'childList' &&
        [...record.addedNodes, ...record.removedNodes].some(
          (n) => n instanceof Element && (n.localName === 'gp-function' || n.localName === 'script'),
        )
      );
    const owner = target.closest('gp-function, script');
    if (!owner || owner.parentElement !== this) return false;
    return !(record.type === 'attributes' && record.attributeName === 'hidden');
  }

  /** `exercise` with no slotted playground: a `<tensor-playground>` holding the lesson's cell with its blanks. */
  private addLessonExercise(): void {
    const playground = document.createElement('tensor-playground');
    playground.setAttribute('slot', 'exercise');
    const script = document.createElement('script');
    script.type = 'text/x-python';
    script.textContent = LESSON_EXERCISE_CODE;
    playground.append(script);
    this.append(playground);
  }

  /** Resolves once every pending computation (functions, samples, tangents) has finished. */
  async settled(): Promise<void> {
    await this.updateComplete;
    while (this.computation.pending || this.exerciseController.work) {
      if (this.exerciseController.work) await this.exerciseController.work;
      else if (this.computation.pending) await new Promise((resolve) => setTimeout(resolve, 5));
      await this.computation.idle();
      await this.updateComplete;
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    this.checkAttributes(changed);
    if (changed.has('xMin') || changed.has('xMax') || changed.has('step') || changed.has('x')) {
      const lo = Math.min(this.xMin, this.xMax);
      const hi = Math.max(this.xMin, this.xMax);
      const snapped = snapToStep(this.x, this.step, lo, hi);
      if (snapped !== this.x) this.x = snapped;
    }
  }

  /** Replaces number attributes that are not finite numbers in range, and says so in the messages. */
  private checkAttributes(changed: PropertyValues): void {
    for (const { key, attribute, fallback, limits } of NUMBER_ATTRIBUTES) {
      if (!changed.has(key)) continue;
      const value = this[key];
      const written = Number.isFinite(value)
        ? String(value)
        : (this.getAttribute(attribute) ?? String(value));
      const checked = checkNumber(written, fallback, 'gradient-plot', attribute, limits);
      if (checked.problem) {
        this.attributeProblems.set(attribute, checked.problem);
        this[key] = checked.value;
      } else this.attributeProblems.delete(attribute);
    }
    if (changed.has('theme')) {
      const checked = checkChoice(this.theme, THEMES, 'light', 'gradient-plot', 'theme');
      if (checked.problem) this.attributeProblems.set('theme', checked.problem);
      else this.attributeProblems.delete('theme');
      this.theme = checked.value;
    }
    if (changed.has('device')) {
      const problem =
        this.device == null ? undefined : checkDevice(this.device, 'cpu', 'gradient-plot').problem;
      if (problem) this.attributeProblems.set('device', problem);
      else this.attributeProblems.delete('device');
    }
  }

  /** The device to run on (`undefined`: the kernel's default), checked against the allowed names. */
  get checkedDevice(): DeviceName | undefined {
    return this.device == null ? undefined : checkDevice(this.device, 'cpu', 'gradient-plot').value;
  }

  /** Attribute problems and bad `<gp-function>` colours, as messages. */
  private problems(): Message[] {
    const out: Message[] = [...this.attributeProblems.values()].map((text) => ({
      level: 'error' as const,
      text,
    }));
    for (const child of this.children)
      if (child.localName === 'gp-function') {
        const { problem } = checkColor(child.getAttribute('color'), 'the palette colour', 'gp-function');
        if (problem) out.push({ level: 'error', text: problem });
      }
    return out;
  }

  protected override updated(changed: PropertyValues): void {
    // Ignore the first values (undefined before): the first load is scheduled on connection.
    const changedLater = (key: string) => changed.has(key) && changed.get(key) !== undefined;
    if (changedLater('fn') || changedLater('xMin') || changedLater('xMax') || changedLater('device'))
      this.computation.scheduleLoad();
    if (changedLater('x') || changedLater('accumulate')) this.computation.requestTangents();
    if (this.chartCode.api && (this.chartStale || changed.has('theme'))) {
      this.chartStale = false;
      this.chart.build(this.chartCode.api);
      if (this.plotEl) this.chartCode.observe(this.plotEl);
    } else this.chart.redraw();
  }

  private dispatchChange(): void {
    const { tangentX, tangents, tangentReset } = this.computation;
    if (tangentX === null) return;
    const detail: GradientPlotChangeDetail = {
      x: tangentX,
      slopes: tangents.map((t) => t?.slope ?? null),
      values: tangents.map((t) => t?.value ?? null),
      reset: tangentReset,
    };
    this.dispatchEvent(new CustomEvent('gp-change', { detail, bubbles: true, composed: true }));
  }

  private onExerciseSlotChange = (e: Event) => {
    const slot = e.target as HTMLSlotElement;
    this.hasExercise = slot.assignedElements({ flatten: true }).length > 0;
  };

  // ---- input ----

  private setX(value: number): void {
    const lo = Math.min(this.xMin, this.xMax);
    const hi = Math.max(this.xMin, this.xMax);
    const x = snapToStep(value, this.step, lo, hi);
    if (x !== this.x) this.x = x;
  }

  private onHandleKey = (e: KeyboardEvent) => {
    const lo = Math.min(this.xMin, this.xMax);
    const hi = Math.max(this.xMin, this.xMax);
    const moves: Record<string, number> = {
      ArrowLeft: this.x - this.step,
      ArrowDown: this.x - this.step,
      ArrowRight: this.x + this.step,
      ArrowUp: this.x + this.step,
      PageDown: this.x - 10 * this.step,
      PageUp: this.x + 10 * this.step,
      Home: lo,
      End: hi,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    this.setX(moves[e.key]);
  };

  private onSlider = (e: Event) => this.setX(Number((e.target as HTMLInputElement).value));

  private onSwitch = (e: Event) => {
    this.accumulate = !(e.target as HTMLInputElement).checked;
  };

  // ---- rendering ----

  /** What a screen reader says for the point: x, and the slopes once they are computed there. */
  private valueText(): string {
    const fx = formatFloat(this.x);
    const { curves, tangents, tangentX } = this.computation;
    if (tangentX !== this.x) return `x = ${fx}`;
    const slopes = curves
      .map((c, i) => {
        const t = tangents[i];
        return t ? `slope of ${c.label} ${formatFloat(t.slope)}` : null;
      })
      .filter((text) => text !== null);
    return slopes.length ? `x = ${fx}, ${slopes.join(', ')}` : `x = ${fx}`;
  }

  override render(): TemplateResult {
    const lo = Math.min(this.xMin, this.xMax);
    const hi = Math.max(this.xMin, this.xMax);
    const fx = formatFloat(this.x);
    const c = this.computation;
    const names = c.curves.map((curve) => curve.label).join(' and ');
    const messages = plotMessages({
      computation: c,
      x: this.x,
      exercise: this.exerciseController,
      hasExercise: this.hasExercise,
      chartError: this.chartCode.error,
      problems: this.problems(),
    });
    return html`<div part="base" class="base">
      <ul part="legend" class="legend" aria-label="Curves">
        ${c.curves.map((curve) => html`<li><span class="swatch" ${swatchStyle(curve.color)}></span>${curve.expr ? html`${valueHeading(curve)} = <code>${curve.expr}</code>` : curve.label}</li>`)}
      </ul>
      <div
        part="plot"
        class="plot"
        role="group"
        aria-label=${`Graph of ${names || 'the functions'} with tangent lines at x = ${fx}; the table below lists the values`}
      >
        <div class="chart" aria-hidden="true"></div>
        <div
          part="handle"
          class="handle"
          role="slider"
          tabindex="0"
          aria-label="Tangent point x (drag, or use the arrow keys)"
          aria-valuemin=${lo}
          aria-valuemax=${hi}
          aria-valuenow=${this.x}
          aria-valuetext=${this.valueText()}
          ?hidden=${!c.samples}
          @keydown=${this.onHandleKey}
          @pointerdown=${this.chart.onPointerDown}
          @pointermove=${this.chart.onPointerMove}
          @pointerup=${this.chart.onPointerUp}
          @pointercancel=${this.chart.onPointerUp}
        ></div>
      </div>
      <div part="controls" class="controls">
        <label
          >x
          <input
            part="slider"
            type="range"
            min=${lo}
            max=${hi}
            step=${this.step}
            .value=${String(this.x)}
            @input=${this.onSlider}
          />
          <output>${fx}</output></label
        >
        ${
          c.curves.length > 1
            ? html`<label
                ><input
                  part="switch"
                  type="checkbox"
                  role="switch"
                  .checked=${!this.accumulate}
                  @change=${this.onSwitch}
                />Reset the gradient between functions (<code>x.grad.zero_()</code>)</label
              >`
            : nothing
        }
      </div>
      <div part="messages" class="messages" role="status">
        ${messages.map((m) => html`<p class="message ${m.level}">${m.text}</p>`)}
      </div>
      ${renderReadout(c)}
      <p class="status">
        ${c.busy ? 'Computing with autograd…' : c.computedOn ? `Slopes from autograd on ${c.computedOn}.` : ''}
      </p>
      ${renderCode(c, this.x)} ${renderDataTable(c)}
      <div class="exercise" ?hidden=${!this.hasExercise}>
        <slot name="exercise" @slotchange=${this.onExerciseSlotChange}></slot>
      </div>
      <slot hidden></slot>
    </div>`;
  }
}

// Guarded: importing the module where there is no DOM (SSR, SSG) defines nothing.
if (typeof customElements !== 'undefined' && !customElements.get('gradient-plot'))
  customElements.define('gradient-plot', GradientPlot);

declare global {
  interface HTMLElementTagNameMap {
    'gradient-plot': GradientPlot;
  }
  interface HTMLElementEventMap {
    'gp-change': CustomEvent<GradientPlotChangeDetail>;
  }
}
