import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type uPlot from 'uplot';
import { KERNEL_RESTART_EVENT, getKernel } from '../../kernel/client.js';
import type { DeviceName, FigureSpec } from '../../kernel/protocol.js';
import {
  type ArrowTangent,
  arrowAsTangent,
  formatFloat,
  parsePythonFloat,
  sampleGrid,
  snapToStep,
  tangentEquation,
  tangentSegment,
  yRange,
} from '../../plot/tangent.js';
import { chartLoadFailure, loadUPlot } from '../../plot/load.js';
import { themeStyles } from '../shared/theme.styles.js';
import './gp-function.js';
import { gradientPlotStyles } from './gradient-plot.styles.js';
import { type PythonOutcome, describeFailure, runPython } from './run.js';
import {
  CURVE_PALETTE,
  type CurveSpec,
  LESSON_CURVES,
  LESSON_EXERCISE_CODE,
  dedent,
  definitionCode,
  isIdentifier,
  lessonCode,
  samplesCode,
  samplesLoopCode,
  scriptFunctionNames,
  tangentCode,
} from './snippets.js';

/** What the kernel computed for one curve at the tangent point. */
export interface CurveTangent {
  /** f(x). */
  value: number;
  /** The slope drawn: `x.grad` after this curve's `backward()`, accumulated when the switch is off. */
  slope: number;
  /** The function's own slope at x (`x.grad` of a fresh leaf). */
  ownSlope: number;
  /** The drawn slope includes gradients left over from earlier curves. */
  accumulated: boolean;
  /** Slopes just left and right of x differ: not differentiable at x. */
  kink?: [number, number];
}

/** A tangent as the last frame drew it, in data units (what tests and screen-reader text read). */
export interface DrawnTangent {
  label: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Drawn in the warning style (an accumulated gradient, or a point where f has no derivative). */
  warning: boolean;
  /** From the exercise's playground (`plt.arrow`) rather than the plot's own computation. */
  fromExercise: boolean;
  /** Computed for an earlier x: the point moved and its tangents are being computed. */
  stale?: boolean;
}

export interface GradientPlotChangeDetail {
  x: number;
  /** The drawn slope per curve (`null` where it could not be computed). */
  slopes: (number | null)[];
  values: (number | null)[];
  /** Whether `x.grad.zero_()` ran between functions. */
  reset: boolean;
}

interface Samples {
  xs: number[];
  values: (number | null)[][];
  slopes: (number | null)[][];
}

interface Message {
  level: 'error' | 'warning' | 'info';
  text: string;
}

interface ExerciseResult {
  x: number;
  arrows: (ArrowTangent & { curve: number })[];
}

const SAMPLE_COUNT = 121;
const TABLE_ROWS = 13;
let sessionCounter = 0;
/** uPlot's constructor, once its lazily loaded code is here (see loadChartCode). */
let UPlot: typeof uPlot | undefined;

/** Set through the CSSOM (styleMap), which a strict CSP without 'unsafe-inline' styles allows. */
const swatchStyle = (color: string) => styleMap({ color });

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function sameSlope(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a), Math.abs(b));
}

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

  /** The curves in use (from `fn`, `<gp-function>` children, the script, or the lesson's). */
  @state() curves: CurveSpec[] = [];
  @state() private script = '';
  @state() private scriptError: string | null = null;
  /** Why the chart is missing when uPlot's code could not be fetched. */
  @state() private chartError: string | null = null;
  @state() private curveErrors: (string | null)[] = [];
  @state() private samples: Samples | null = null;
  /** Per curve, what the kernel computed at `tangentX` (`null`: failed, see the messages). */
  @state() tangents: (CurveTangent | null)[] = [];
  @state() private tangentErrors: (string | null)[] = [];
  @state() private tangentX: number | null = null;
  @state() private tangentReset = true;
  @state() private exercise: ExerciseResult | null = null;
  @state() private exerciseMessages: Message[] = [];
  @state() private hasExercise = false;
  @state() private busy = false;
  /** The device and tfjs backend of the last computation, e.g. `cuda (webgpu)`. */
  @state() computedOn = '';

  /** The tangents of the last frame, in data units. */
  drawnTangents: DrawnTangent[] = [];

  @query('.plot') private plotEl!: HTMLDivElement;
  @query('.chart') private chartEl!: HTMLDivElement;
  @query('.handle') private handleEl!: HTMLDivElement;

  private readonly session = `gradient-plot-${++sessionCounter}`;
  private chart: uPlot | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private mutationObserver: MutationObserver | null = null;
  private loadWanted = false;
  private tangentsWanted = false;
  private worker: Promise<void> | null = null;
  private epoch = '';
  private dragging = false;
  private loadTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.mutationObserver = new MutationObserver((records) => {
      if (records.some((r) => this.isCurveMutation(r))) this.scheduleLoad();
    });
    this.mutationObserver.observe(this, {
      childList: true,
      subtree: true,
      attributes: true,
      characterData: true,
    });
    if (this.hasAttribute('exercise') && !this.querySelector(':scope > [slot="exercise"]'))
      this.addLessonExercise();
    getKernel().addEventListener(KERNEL_RESTART_EVENT, this.onKernelRestart);
    this.addEventListener('tp-run-start', this.onPlaygroundRunStart);
    this.addEventListener('tp-run-end', this.onPlaygroundRun);
    this.scheduleLoad();
    // Fetched while the first samples are computed; a page of code cells alone never loads it.
    this.loadChartCode();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.mutationObserver?.disconnect();
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
    getKernel().removeEventListener(KERNEL_RESTART_EVENT, this.onKernelRestart);
    this.removeEventListener('tp-run-start', this.onPlaygroundRunStart);
    this.removeEventListener('tp-run-end', this.onPlaygroundRun);
    this.chart?.destroy();
    this.chart = null;
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
    while (this.worker || this.exerciseWork || this.loadTimer !== undefined) {
      if (this.exerciseWork) await this.exerciseWork;
      else if (this.worker) await this.worker;
      else await new Promise((resolve) => setTimeout(resolve, 5));
      await this.updateComplete;
    }
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('xMin') || changed.has('xMax') || changed.has('step') || changed.has('x')) {
      const lo = Math.min(this.xMin, this.xMax);
      const hi = Math.max(this.xMin, this.xMax);
      const snapped = snapToStep(this.x, this.step, lo, hi);
      if (snapped !== this.x) this.x = snapped;
    }
  }

  protected override updated(changed: PropertyValues): void {
    // Ignore the first values (undefined before): the first load is scheduled on connection.
    const changedLater = (key: string) => changed.has(key) && changed.get(key) !== undefined;
    if (changedLater('fn') || changedLater('xMin') || changedLater('xMax') || changedLater('device'))
      this.scheduleLoad();
    if (changedLater('x') || changedLater('accumulate')) this.requestTangents();
    if (changed.has('samples') || changed.has('theme') || changed.has('curves')) this.buildChart();
    else this.chart?.redraw(false, false);
  }

  // ---- computing, through the kernel only ----

  private onKernelRestart = () => this.scheduleLoad();

  private scheduleLoad(): void {
    if (this.loadTimer !== undefined) clearTimeout(this.loadTimer);
    this.loadTimer = setTimeout(() => {
      this.loadTimer = undefined;
      this.loadWanted = true;
      this.kick();
    }, 0);
  }

  private requestTangents(): void {
    this.tangentsWanted = true;
    this.kick();
  }

  private kick(): void {
    if (this.worker) return;
    this.busy = true;
    this.worker = this.work()
      .catch((err: unknown) => {
        this.scriptError = `The plot could not compute: ${err instanceof Error ? err.message : String(err)}`;
      })
      .finally(() => {
        this.worker = null;
        if (this.loadWanted || this.tangentsWanted) this.kick();
        else this.busy = false;
      });
  }

  private async work(): Promise<void> {
    while (this.loadWanted || this.tangentsWanted) {
      if (this.loadWanted) {
        this.loadWanted = false;
        await this.load();
        this.tangentsWanted = true;
        continue;
      }
      this.tangentsWanted = false;
      if (this.epoch !== getKernel().sessionEpoch(this.session)) {
        // The kernel lost our definitions (restart): define them again first.
        this.loadWanted = true;
        continue;
      }
      await this.computeTangents(this.x, !this.accumulate);
      if (this.loadWanted) continue;
      this.dispatchChange();
    }
  }

  private run(code: string): Promise<PythonOutcome> {
    const device = this.device === 'cpu' || this.device === 'cuda' ? this.device : undefined;
    return runPython(getKernel(), { session: this.session, code, device });
  }

  /** Reads the curves from the page: `fn`, `<gp-function>` children, the script, else the lesson's. */
  private collectCurves(): { curves: CurveSpec[]; script: string } {
    const scriptEl = [...this.children].find(
      (c) => c.localName === 'script' && c.getAttribute('type') === 'text/x-python',
    );
    const script = scriptEl ? dedent(scriptEl.textContent ?? '') : '';
    const specs: { fn: string | null; name: string | null; label: string | null; color: string | null }[] =
      [];
    if (this.fn != null && this.fn.trim() !== '')
      specs.push({ fn: this.fn, name: null, label: null, color: null });
    for (const child of this.children) {
      if (child.localName !== 'gp-function') continue;
      specs.push({
        fn: child.getAttribute('fn'),
        name: child.getAttribute('name'),
        label: child.getAttribute('label'),
        color: child.getAttribute('color'),
      });
    }
    if (specs.length === 0 && script)
      for (const name of scriptFunctionNames(script))
        specs.push({ fn: null, name, label: null, color: null });
    if (specs.length === 0) return { curves: LESSON_CURVES.map((c) => ({ ...c })), script };
    const taken = new Set<string>();
    const curves = specs.map((spec, i) => {
      let name = spec.name?.trim() ?? '';
      if (!isIdentifier(name) || (spec.fn != null && taken.has(name))) name = '';
      if (!name) {
        let n = i + 1;
        while (taken.has(`f${n}`)) n++;
        name = `f${n}`;
      }
      taken.add(name);
      const curve: CurveSpec = {
        name,
        label: spec.label?.trim() || name,
        color: spec.color?.trim() || CURVE_PALETTE[i % CURVE_PALETTE.length],
      };
      if (spec.fn != null) curve.expr = spec.fn.trim();
      return curve;
    });
    return { curves, script };
  }

  /** Defines the functions in a fresh session and samples every curve over the range. */
  private async load(): Promise<void> {
    const kernel = getKernel();
    const { curves, script } = this.collectCurves();
    const errors: (string | null)[] = curves.map(() => null);
    this.curves = curves;
    this.script = script;
    this.scriptError = null;
    this.tangents = [];
    this.tangentErrors = [];
    this.tangentX = null;
    await kernel.reset(this.session);
    this.epoch = kernel.sessionEpoch(this.session);

    const head = await this.run(`import torch\n${script}`);
    if (!head.ok) {
      this.scriptError = `The Python script failed. ${describeFailure(head, { lineOffset: 1 })}`;
    }
    for (const [i, curve] of curves.entries()) {
      if (curve.expr === undefined) continue;
      if (curve.expr === '') {
        errors[i] = `${curve.label}: the fn attribute is empty; write an expression in x, e.g. fn="x**2".`;
        continue;
      }
      const def = await this.run(definitionCode(curve));
      if (!def.ok)
        errors[i] =
          `${curve.label}: fn="${curve.expr}" is not a valid Python expression in x. ${describeFailure(def, { lines: false })}`;
    }

    const lo = Math.min(this.xMin, this.xMax);
    const hi = Math.max(this.xMin, this.xMax);
    const xs = sampleGrid(lo, hi, SAMPLE_COUNT);
    const values: (number | null)[][] = [];
    const slopes: (number | null)[][] = [];
    for (const [i, curve] of curves.entries()) {
      values.push(xs.map(() => null));
      slopes.push(xs.map(() => null));
      if (errors[i]) continue;
      let out = await this.run(samplesCode(curve.name, xs));
      // A function written for one number at a time (an `if x > 0:`) gets one point per call.
      if (!out.ok && out.error?.type !== 'NameError') out = await this.run(samplesLoopCode(curve.name, xs));
      if (!out.ok) {
        errors[i] = `${curve.label} failed: ${describeFailure(out, { lines: false })}`;
        continue;
      }
      const [ys, gs] = out.value as [unknown[], unknown[]];
      values[i] = xs.map((_, k) => finiteOrNull(parsePythonFloat(ys?.[k])));
      slopes[i] = xs.map((_, k) => finiteOrNull(parsePythonFloat(gs?.[k])));
      if (values[i].every((v) => v === null))
        errors[i] =
          `${curve.label} has no finite value between ${formatFloat(lo)} and ${formatFloat(hi)} (nan or inf everywhere).`;
    }
    this.curveErrors = errors;
    this.samples = { xs, values, slopes };
  }

  /** The lesson's cell at x: one shared leaf, `backward()` per curve, `zero_()` between when reset. */
  private async computeTangents(x: number, reset: boolean): Promise<void> {
    const tangents: (CurveTangent | null)[] = [];
    const errors: (string | null)[] = [];
    let leafExists = false;
    let leafHasGrad = false;
    const fx = formatFloat(x);
    const span = Math.abs(this.xMax - this.xMin) || 1;
    for (const [i, curve] of this.curves.entries()) {
      tangents.push(null);
      errors.push(null);
      if (this.curveErrors[i]) continue;
      const out = await this.run(
        tangentCode({
          name: curve.name,
          x,
          createLeaf: !leafExists,
          zeroFirst: reset && leafHasGrad,
          h: span * 1e-5,
        }),
      );
      leafExists ||= out.ok || out.error?.type !== 'SyntaxError';
      if (!out.ok) {
        errors[i] = `${curve.label} failed at x = ${fx}: ${describeFailure(out, { lines: false })}`;
        continue;
      }
      if (out.backend) this.computedOn = `${out.device} (${out.backend})`;
      leafHasGrad = true;
      const [value, slope, ownSlope, left, right] = (out.value as unknown[]).map(parsePythonFloat);
      if (!Number.isFinite(value)) {
        errors[i] =
          `${curve.label}(${fx}) = ${formatFloat(value)}: the function has no finite value there, so no tangent.`;
        continue;
      }
      if (!Number.isFinite(ownSlope)) {
        errors[i] =
          `${curve.label} is not differentiable at x = ${fx}: autograd's slope there is ${formatFloat(ownSlope)}.`;
        continue;
      }
      const tangent: CurveTangent = { value, slope, ownSlope, accumulated: !sameSlope(slope, ownSlope) };
      // A jump between the slopes just left and right of x (relative to their size) is a kink.
      if (
        Number.isFinite(left) &&
        Number.isFinite(right) &&
        Math.abs(left - right) > 0.01 + 0.02 * Math.max(Math.abs(left), Math.abs(right))
      ) {
        tangent.kink = [left, right];
      }
      tangents[i] = tangent;
    }
    this.tangents = tangents;
    this.tangentErrors = errors;
    this.tangentX = x;
    this.tangentReset = reset;
  }

  private dispatchChange(): void {
    if (this.tangentX === null) return;
    const detail: GradientPlotChangeDetail = {
      x: this.tangentX,
      slopes: this.tangents.map((t) => t?.slope ?? null),
      values: this.tangents.map((t) => t?.value ?? null),
      reset: this.tangentReset,
    };
    this.dispatchEvent(new CustomEvent('gp-change', { detail, bubbles: true, composed: true }));
  }

  // ---- the exercise: a slotted <tensor-playground> ----

  private onExerciseSlotChange = (e: Event) => {
    const slot = e.target as HTMLSlotElement;
    this.hasExercise = slot.assignedElements({ flatten: true }).length > 0;
  };

  /** The code a run of the playground started with (`tp-run-start` carries it). */
  private exerciseCode = new WeakMap<EventTarget, string>();
  private exerciseWork: Promise<void> | null = null;

  private onPlaygroundRunStart = (e: Event) => {
    const code = (e as CustomEvent<{ code?: string }>).detail?.code;
    if (e.target && e.target !== this && typeof code === 'string') this.exerciseCode.set(e.target, code);
  };

  private onPlaygroundRun = (e: Event) => {
    const playground = e.target as PlaygroundLike | null;
    if (!playground || playground === (this as unknown) || !this.contains(playground as unknown as Node))
      return;
    const work = this.readExercise(e as CustomEvent, playground).catch((err: unknown) => {
      this.exerciseMessages = [
        {
          level: 'error',
          text: `The plot could not read your cell's tangents: ${err instanceof Error ? err.message : String(err)}`,
        },
      ];
    });
    this.exerciseWork = work;
    void work.finally(() => {
      if (this.exerciseWork === work) this.exerciseWork = null;
    });
  };

  /**
   * The student's tangents are the arrows their cell drew (the lesson's `plot_gradient` calls
   * `plt.arrow`). Variables would not do: `f1_grad = x.grad` is the very tensor that `zero_()` and
   * the next `backward()` change. When the event carries no figure, the cell's code runs again in
   * a private session of ours, and its figures are read there.
   */
  private async readExercise(e: CustomEvent, playground: PlaygroundLike): Promise<void> {
    let figures = figuresOf(e);
    let failure: PythonOutcome | null = null;
    const code = figures.length
      ? null
      : (this.exerciseCode.get(playground as unknown as EventTarget) ?? codeOf(playground));
    if (code != null) {
      const kernel = getKernel();
      const session = `${this.session}-exercise`;
      await kernel.reset(session);
      const collected: FigureSpec[] = [];
      let error: PythonOutcome['error'];
      const device = (playground.device ??
        playground.getAttribute?.('device') ??
        this.device ??
        undefined) as DeviceName | undefined;
      const handle = kernel.run(
        { session, code, device: device === 'cpu' || device === 'cuda' ? device : undefined, silent: true },
        (event) => {
          if (event.type === 'figure') collected.push(event.figure);
          else if (event.type === 'error') error = event.error;
        },
      );
      const done = await handle.done;
      figures = collected;
      if (!done.ok || error) failure = { ok: false, error };
    }
    const arrows: (ArrowTangent & { curve: number })[] = [];
    for (const figure of figures)
      for (const axes of figure.axes)
        for (const item of axes.items) {
          if (item.kind !== 'arrow') continue;
          const t = arrowAsTangent(item);
          if (t) arrows.push({ ...t, curve: arrows.length });
        }
    if (arrows.length === 0) {
      this.exercise = null;
      let text = 'Your cell ran but drew no tangent yet: plot_gradient(x, y, slope) draws one.';
      if (code?.includes('????'))
        text = 'Fill the ???? blanks with requires_grad_(), backward() or grad, then run the cell.';
      else if (failure) text = `Your cell stopped before drawing a tangent (${describeFailure(failure)}).`;
      this.exerciseMessages = [{ level: 'info', text }];
      return;
    }
    const x = arrows[0].x;
    this.exercise = { x, arrows };
    this.exerciseMessages = [];
    const lo = Math.min(this.xMin, this.xMax);
    const hi = Math.max(this.xMin, this.xMax);
    this.x = Math.min(hi, Math.max(lo, x));
    this.requestTangents();
    // Not settled(): that also waits for this very exercise work.
    await this.updateComplete;
    while (this.worker) await this.worker;
    this.checkExercise();
  }

  /** Compares the student's arrows with the functions' own slopes the plot computed at their x. */
  private checkExercise(): void {
    const exercise = this.exercise;
    if (!exercise || this.tangentX === null || !sameSlope(this.tangentX, exercise.x)) return;
    const messages: Message[] = [];
    let leftover = 0;
    for (const arrow of exercise.arrows) {
      const curve = this.curves[arrow.curve];
      const own = this.tangents[arrow.curve]?.ownSlope;
      if (!curve || own === undefined) continue;
      const slope = formatFloat(arrow.slope);
      if (sameSlope(arrow.slope, own)) {
        messages.push({
          level: 'info',
          text: `✓ Your tangent of ${curve.label} at x = ${formatFloat(arrow.x)} has slope ${slope}: that is ${curve.label}'s slope.`,
        });
      } else if (arrow.curve > 0 && sameSlope(arrow.slope, own + leftover)) {
        messages.push({
          level: 'warning',
          text: `Your tangent of ${curve.label} has slope ${slope}, but ${curve.label}'s slope is ${formatFloat(own)}: x.grad still held ${formatFloat(leftover)} from before. Did x.grad.zero_() run?`,
        });
      } else {
        messages.push({
          level: 'warning',
          text: `Your tangent of ${curve.label} has slope ${slope}, but ${curve.label}'s slope at x = ${formatFloat(arrow.x)} is ${formatFloat(own)}.`,
        });
      }
      leftover += own;
    }
    this.exerciseMessages = messages;
  }

  // ---- drawing ----

  private colors(): { fg: string; muted: string; border: string; warn: string; bg: string } {
    const style = getComputedStyle(this);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
      fg: read('--_fg', '#1b1f24'),
      muted: read('--_muted', '#57606a'),
      border: read('--_border', '#d0d7de'),
      warn: read('--_warn', '#9a6700'),
      bg: read('--_bg', '#fff'),
    };
  }

  private chartData(): uPlot.AlignedData {
    const samples = this.samples!;
    return [samples.xs, ...samples.values] as uPlot.AlignedData;
  }

  private loadChartCode(): void {
    loadUPlot().then(
      (loaded) => {
        UPlot = loaded;
        this.chartError = null;
        if (this.isConnected && !this.chart) this.buildChart();
      },
      (error: unknown) => (this.chartError = chartLoadFailure(error)),
    );
  }

  private buildChart(): void {
    this.chart?.destroy();
    this.chart = null;
    if (!this.samples || !this.chartEl) return;
    if (!UPlot) return this.loadChartCode();
    const colors = this.colors();
    const rect = this.plotEl.getBoundingClientRect();
    const lo = Math.min(this.xMin, this.xMax);
    const hi = Math.max(this.xMin, this.xMax);
    const axis = {
      stroke: colors.fg,
      grid: { stroke: colors.border, width: 1 },
      ticks: { stroke: colors.border, width: 1 },
    };
    const opts: uPlot.Options = {
      width: Math.max(200, Math.floor(rect.width)),
      height: Math.max(150, Math.floor(rect.height)),
      scales: {
        x: { time: false, range: [lo, hi] },
        y: { range: () => yRange(this.samples?.values ?? []) },
      },
      axes: [axis, axis],
      series: [
        {},
        ...this.curves.map((c) => ({
          label: c.label,
          stroke: c.color,
          width: 2,
          pxAlign: 0,
          points: { show: false },
        })),
      ],
      legend: { show: false },
      cursor: { show: false, drag: { x: false, y: false } },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      hooks: { draw: [(u: uPlot) => this.drawOverlay(u)] },
    };
    this.chart = new UPlot(opts, this.chartData(), this.chartEl);
    this.chart.over.addEventListener('pointerdown', this.onPointerDown);
    this.chart.over.addEventListener('pointermove', this.onPointerMove);
    this.chart.over.addEventListener('pointerup', this.onPointerUp);
    this.chart.over.addEventListener('pointercancel', this.onPointerUp);
    if (!this.resizeObserver) {
      this.resizeObserver = new ResizeObserver(() => {
        const r = this.plotEl?.getBoundingClientRect();
        if (this.chart && r && r.width > 0)
          this.chart.setSize({
            width: Math.max(200, Math.floor(r.width)),
            height: Math.max(150, Math.floor(r.height)),
          });
      });
      this.resizeObserver.observe(this.plotEl);
    }
  }

  /** The tangents to draw now: the student's arrows at their x, else the plot's own at the point. */
  private tangentsToDraw(): (DrawnTangent & {
    color: string;
    x0: number;
    y0: number;
    slope: number;
    ownSlope?: number;
  })[] {
    const out: (DrawnTangent & {
      color: string;
      x0: number;
      y0: number;
      slope: number;
      ownSlope?: number;
    })[] = [];
    const width = Math.abs(this.xMax - this.xMin) / 2;
    if (this.exercise && sameSlope(this.exercise.x, this.x)) {
      for (const arrow of this.exercise.arrows) {
        const curve = this.curves[arrow.curve];
        const own = this.tangents[arrow.curve]?.ownSlope;
        const seg = tangentSegment(arrow.x, arrow.y, arrow.slope, width);
        out.push({
          ...seg,
          label: curve?.label ?? `arrow ${arrow.curve + 1}`,
          color: curve?.color ?? CURVE_PALETTE[arrow.curve % CURVE_PALETTE.length],
          warning: own !== undefined && !sameSlope(own, arrow.slope),
          fromExercise: true,
          x0: arrow.x,
          y0: arrow.y,
          slope: arrow.slope,
          ownSlope: own,
        });
      }
      return out;
    }
    if (this.tangentX === null) return out;
    // While the kernel computes the new point's tangents the last ones stay, faded.
    const stale = this.tangentX !== this.x;
    this.tangents.forEach((t, i) => {
      if (!t) return;
      const curve = this.curves[i];
      out.push({
        ...tangentSegment(this.tangentX!, t.value, t.slope, width),
        label: curve.label,
        color: curve.color,
        warning: t.accumulated || t.kink !== undefined,
        fromExercise: false,
        stale,
        x0: this.tangentX!,
        y0: t.value,
        slope: t.slope,
        ownSlope: t.ownSlope,
      });
    });
    return out;
  }

  private drawOverlay(u: uPlot): void {
    const ctx = u.ctx;
    const ratio = UPlot?.pxRatio || 1;
    const colors = this.colors();
    const { left, top, width, height } = u.bbox;
    const px = (v: number) => u.valToPos(v, 'x', true);
    const py = (v: number) => u.valToPos(v, 'y', true);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    // The vertical guide at the point.
    ctx.strokeStyle = colors.muted;
    ctx.lineWidth = ratio;
    ctx.setLineDash([4 * ratio, 4 * ratio]);
    ctx.beginPath();
    ctx.moveTo(px(this.x), top);
    ctx.lineTo(px(this.x), top + height);
    ctx.stroke();
    const drawn = this.tangentsToDraw();
    for (const t of drawn) {
      if (!t.stale && t.warning && t.ownSlope !== undefined && !sameSlope(t.ownSlope, t.slope)) {
        // Where the tangent should be: thin and dotted, under the accumulated one.
        const own = tangentSegment(t.x0, t.y0, t.ownSlope, t.x2 - t.x1);
        ctx.strokeStyle = t.color;
        ctx.globalAlpha = 0.6;
        ctx.lineWidth = 1.5 * ratio;
        ctx.setLineDash([2 * ratio, 4 * ratio]);
        ctx.beginPath();
        ctx.moveTo(px(own.x1), py(own.y1));
        ctx.lineTo(px(own.x2), py(own.y2));
        ctx.stroke();
        ctx.globalAlpha = 1;
      }
      ctx.globalAlpha = t.stale ? 0.3 : 1;
      ctx.strokeStyle = t.warning ? colors.warn : t.color;
      ctx.lineWidth = 3 * ratio;
      ctx.setLineDash(t.warning ? [10 * ratio, 6 * ratio] : []);
      ctx.beginPath();
      ctx.moveTo(px(t.x1), py(t.y1));
      ctx.lineTo(px(t.x2), py(t.y2));
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = t.color;
      ctx.beginPath();
      ctx.arc(px(t.x0), py(t.y0), 4.5 * ratio, 0, 2 * Math.PI);
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.restore();
    this.drawnTangents = drawn.map(({ label, x1, y1, x2, y2, warning, fromExercise, stale }) => ({
      label,
      x1,
      y1,
      x2,
      y2,
      warning,
      fromExercise,
      stale: stale === true,
    }));
    this.placeHandle(u);
  }

  /** The point sits on the first curve that has a value at x (interpolated between samples). */
  private placeHandle(u: uPlot): void {
    const handle = this.handleEl;
    if (!handle || !this.plotEl) return;
    const over = u.over.getBoundingClientRect();
    const plot = this.plotEl.getBoundingClientRect();
    let y: number | null = null;
    const exact = this.tangentX === this.x ? this.tangents.find((t) => t) : undefined;
    if (exact) y = exact.value;
    else if (this.samples) {
      for (const values of this.samples.values) {
        y = interpolate(this.samples.xs, values, this.x);
        if (y !== null) break;
      }
    }
    const [ylo, yhi] = yRange(this.samples?.values ?? []);
    const yClamped = y === null ? (ylo + yhi) / 2 : Math.min(yhi, Math.max(ylo, y));
    handle.style.left = `${over.left - plot.left + u.valToPos(this.x, 'x')}px`;
    handle.style.top = `${over.top - plot.top + u.valToPos(yClamped, 'y')}px`;
  }

  // ---- input ----

  private setX(value: number): void {
    const lo = Math.min(this.xMin, this.xMax);
    const hi = Math.max(this.xMin, this.xMax);
    const x = snapToStep(value, this.step, lo, hi);
    if (x !== this.x) this.x = x;
  }

  private moveToClientX(clientX: number): void {
    if (!this.chart) return;
    const over = this.chart.over.getBoundingClientRect();
    this.setX(this.chart.posToVal(clientX - over.left, 'x'));
  }

  private onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    e.preventDefault();
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    this.dragging = true;
    this.moveToClientX(e.clientX);
    this.handleEl?.focus({ preventScroll: true });
  };

  private onPointerMove = (e: PointerEvent) => {
    if (this.dragging) this.moveToClientX(e.clientX);
  };

  private onPointerUp = (e: PointerEvent) => {
    this.dragging = false;
    (e.currentTarget as Element).releasePointerCapture?.(e.pointerId);
  };

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
    if (this.tangentX !== this.x) return `x = ${fx}`;
    const slopes = this.curves
      .map((c, i) => {
        const t = this.tangents[i];
        return t ? `slope of ${c.label} ${formatFloat(t.slope)}` : null;
      })
      .filter((text) => text !== null);
    return slopes.length ? `x = ${fx}, ${slopes.join(', ')}` : `x = ${fx}`;
  }

  private messages(): Message[] {
    const out: Message[] = [];
    if (this.scriptError) out.push({ level: 'error', text: this.scriptError });
    if (this.chartError) out.push({ level: 'error', text: this.chartError });
    this.curveErrors.forEach((m) => m && out.push({ level: 'error', text: m }));
    if (this.tangentX === this.x) {
      this.tangentErrors.forEach((m) => m && out.push({ level: 'error', text: m }));
      const fx = formatFloat(this.x);
      this.tangents.forEach((t, i) => {
        if (!t) return;
        const label = this.curves[i].label;
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
    if (this.hasExercise && !this.exercise && this.exerciseMessages.length === 0) {
      out.push({
        level: 'info',
        text: 'Exercise: complete the cell below and run it; the tangents your code computes are drawn here.',
      });
    }
    return [...out, ...this.exerciseMessages];
  }

  private renderReadout(): TemplateResult | typeof nothing {
    if (this.tangentX === null) return nothing;
    const fx = formatFloat(this.tangentX);
    return html`<table part="readout" class="readout">
      <caption>
        At x =
        ${fx}${this.curves.length > 1 ? (this.tangentReset ? ' (x.grad zeroed between functions)' : ' (x.grad not zeroed: gradients add up)') : ''}
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
        ${this.curves.map((curve, i) => {
          const t = this.tangents[i];
          return html`<tr class=${t && (t.accumulated || t.kink) ? 'warning' : ''}>
            <td class="name"><span class="swatch" style=${swatchStyle(curve.color)}></span>${curve.label}</td>
            <td>${fx}</td>
            <td>${t ? formatFloat(t.value) : '—'}</td>
            <td>${t ? formatFloat(t.slope) : '—'}</td>
            <td class="equation">${t ? tangentEquation(this.tangentX!, t.value, t.slope) : 'no tangent'}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  private renderDataTable(): TemplateResult | typeof nothing {
    const samples = this.samples;
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
            ${this.curves.map(
              (c) =>
                html`<th scope="col">${c.label}(x)</th>
                  <th scope="col">slope of ${c.label}</th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ({ x, k }) =>
              html`<tr>
                <td>${formatFloat(x, 4)}</td>
                ${this.curves.map(
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

  private renderCode(): TemplateResult {
    const x = this.tangentX ?? this.x;
    const code = lessonCode({
      curves: this.curves,
      script: this.script,
      x: formatFloat(x),
      reset: this.tangentReset,
      tangents: this.curves.map((curve, i) => {
        const t = this.tangentX === null ? null : this.tangents[i];
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

  override render(): TemplateResult {
    const lo = Math.min(this.xMin, this.xMax);
    const hi = Math.max(this.xMin, this.xMax);
    const fx = formatFloat(this.x);
    const names = this.curves.map((c) => c.label).join(' and ');
    const messages = this.messages();
    return html`<div part="base" class="base">
      <ul part="legend" class="legend" aria-label="Curves">
        ${this.curves.map((c) => html`<li><span class="swatch" style=${swatchStyle(c.color)}></span>${c.label}${c.expr ? html`(x) = <code>${c.expr}</code>` : nothing}</li>`)}
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
          ?hidden=${!this.samples}
          @keydown=${this.onHandleKey}
          @pointerdown=${this.onPointerDown}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerUp}
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
          this.curves.length > 1
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
      ${this.renderReadout()}
      <p class="status">
        ${this.busy ? 'Computing with autograd…' : this.computedOn ? `Slopes from autograd on ${this.computedOn}.` : ''}
      </p>
      ${this.renderCode()} ${this.renderDataTable()}
      <div class="exercise" ?hidden=${!this.hasExercise}>
        <slot name="exercise" @slotchange=${this.onExerciseSlotChange}></slot>
      </div>
      <slot hidden></slot>
    </div>`;
  }
}

function interpolate(xs: readonly number[], ys: readonly (number | null)[], x: number): number | null {
  for (let k = 0; k + 1 < xs.length; k++) {
    if (x < xs[k] || x > xs[k + 1]) continue;
    const a = ys[k];
    const b = ys[k + 1];
    if (a === null || b === null) return a ?? b;
    const t = (x - xs[k]) / (xs[k + 1] - xs[k] || 1);
    return a + (b - a) * t;
  }
  return null;
}

/** What the plot reads from a slotted `<tensor-playground>`, whatever version it is. */
interface PlaygroundLike {
  code?: string;
  value?: string;
  device?: string;
  figures?: FigureSpec[];
  getAttribute?(name: string): string | null;
}

/** The student's current code: the playground's `value` (its `code` is the starting code). */
function codeOf(playground: PlaygroundLike): string | null {
  const code = playground.value ?? playground.code;
  return typeof code === 'string' && code.trim() ? code : null;
}

/** The figures a `tp-run-end` event carries (its detail, or the playground's last run). */
function figuresOf(e: CustomEvent): FigureSpec[] {
  const detail = (e.detail ?? {}) as { figures?: FigureSpec[]; figure?: FigureSpec };
  if (Array.isArray(detail.figures)) return detail.figures;
  if (detail.figure) return [detail.figure];
  const source = e.target as { figures?: FigureSpec[] } | null;
  return Array.isArray(source?.figures) ? source.figures : [];
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
