// What <gradient-plot> asks autograd, through the kernel only: the curves' values and slopes over
// the range, and the tangents at the point. Requests coalesce: while one runs, the latest wishes
// wait, and a kernel restart makes the definitions again.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DeviceName } from '../../kernel/protocol.js';
import { formatFloat, parsePythonFloat, sampleGrid } from '../../plot/tangent.js';
import { checkColor } from '../shared/attributes.js';
import { KernelSessionController } from '../shared/kernel-session.js';
import { describeFailure } from '../shared/python-run.js';
import { type CurveTangent, type Samples, finiteOrNull, sameSlope } from './model.js';
import {
  CURVE_PALETTE,
  type CurveSpec,
  LESSON_CURVES,
  dedent,
  definitionCode,
  isIdentifier,
  samplesCode,
  samplesLoopCode,
  scriptFunctionNames,
  tangentCode,
} from './snippets.js';

const SAMPLE_COUNT = 121;

/** What the computation reads from its element. */
export interface ComputationHost extends ReactiveControllerHost, HTMLElement {
  fn: string | null;
  x: number;
  xMin: number;
  xMax: number;
  accumulate: boolean;
  /** The device attribute once checked (`undefined`: the kernel's default). */
  readonly checkedDevice: DeviceName | undefined;
}

export class GradientComputation implements ReactiveController {
  curves: CurveSpec[] = [];
  script = '';
  scriptError: string | null = null;
  curveErrors: (string | null)[] = [];
  samples: Samples | null = null;
  tangents: (CurveTangent | null)[] = [];
  tangentErrors: (string | null)[] = [];
  /** The x the tangents were computed at (null before the first). */
  tangentX: number | null = null;
  tangentReset = true;
  busy = false;
  /** Where the last slopes came from, e.g. `cpu (wasm)`. */
  computedOn = '';

  readonly session: KernelSessionController;
  private loadWanted = false;
  private tangentsWanted = false;
  private worker: Promise<void> | null = null;
  private loadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ComputationHost,
    private readonly events: {
      /** New curves or samples: the chart must be made again. */
      samplesChanged(): void;
      /** The tangents at a new x, functions or switch are in. */
      tangentsChanged(): void;
    },
  ) {
    host.addController(this);
    this.session = new KernelSessionController(host, 'gradient-plot', () => this.scheduleLoad());
  }

  hostConnected(): void {
    this.scheduleLoad();
  }

  hostDisconnected(): void {}

  /** True while something is computing or about to. */
  get pending(): boolean {
    return this.worker !== null || this.loadTimer !== undefined;
  }

  /** Resolves when the computation in flight (if any) ends. */
  async idle(): Promise<void> {
    while (this.worker) await this.worker;
  }

  /** The curves changed (attributes, children, script, device): define and sample them again. */
  scheduleLoad(): void {
    if (this.loadTimer !== undefined) clearTimeout(this.loadTimer);
    this.loadTimer = setTimeout(() => {
      this.loadTimer = undefined;
      this.loadWanted = true;
      this.kick();
    }, 0);
  }

  /** The point or the switch changed: compute the tangents again. */
  requestTangents(): void {
    this.tangentsWanted = true;
    this.kick();
  }

  private kick(): void {
    if (this.worker) return;
    this.busy = true;
    this.host.requestUpdate();
    this.worker = this.work()
      .catch((err: unknown) => {
        this.scriptError = `The plot could not compute: ${err instanceof Error ? err.message : String(err)}`;
      })
      .finally(() => {
        this.worker = null;
        if (this.loadWanted || this.tangentsWanted) this.kick();
        else this.busy = false;
        this.host.requestUpdate();
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
      if (this.session.lost) {
        // The kernel lost our definitions (restart): define them again first.
        this.loadWanted = true;
        continue;
      }
      await this.computeTangents(this.host.x, !this.host.accumulate);
      if (this.loadWanted) continue;
      this.events.tangentsChanged();
    }
  }

  private run(code: string) {
    return this.session.run(code, this.host.checkedDevice);
  }

  /** Reads the curves from the page: `fn`, `<gp-function>` children, the script, else the lesson's. */
  private collectCurves(): { curves: CurveSpec[]; script: string } {
    const host = this.host;
    const scriptEl = [...host.children].find(
      (c) => c.localName === 'script' && c.getAttribute('type') === 'text/x-python',
    );
    const script = scriptEl ? dedent(scriptEl.textContent ?? '') : '';
    const specs: { fn: string | null; name: string | null; label: string | null; color: string | null }[] =
      [];
    if (host.fn != null && host.fn.trim() !== '')
      specs.push({ fn: host.fn, name: null, label: null, color: null });
    for (const child of host.children) {
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
        color: checkColor(spec.color, CURVE_PALETTE[i % CURVE_PALETTE.length], 'gp-function').value,
      };
      if (spec.fn != null) curve.expr = spec.fn.trim();
      return curve;
    });
    return { curves, script };
  }

  private async load(): Promise<void> {
    const { curves, script } = this.collectCurves();
    const errors: (string | null)[] = curves.map(() => null);
    this.curves = curves;
    this.script = script;
    this.scriptError = null;
    this.tangents = [];
    this.tangentErrors = [];
    this.tangentX = null;
    this.host.requestUpdate();
    await this.session.reset();

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

    const lo = Math.min(this.host.xMin, this.host.xMax);
    const hi = Math.max(this.host.xMin, this.host.xMax);
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
    this.events.samplesChanged();
    this.host.requestUpdate();
  }

  /** The lesson's cell at x: one shared leaf, `backward()` per curve, `zero_()` between when reset. */
  private async computeTangents(x: number, reset: boolean): Promise<void> {
    const tangents: (CurveTangent | null)[] = [];
    const errors: (string | null)[] = [];
    let leafExists = false;
    let leafHasGrad = false;
    const fx = formatFloat(x);
    const span = Math.abs(this.host.xMax - this.host.xMin) || 1;
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
    this.host.requestUpdate();
  }
}
