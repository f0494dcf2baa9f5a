// <gradient-plot>'s exercise: a slotted <tensor-playground> where the student computes the
// tangents. After each run the plot reads the arrows the cell drew and checks their slopes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getKernel } from '../../kernel/client.js';
import type { DeviceName, FigureSpec } from '../../kernel/protocol.js';
import { type ArrowTangent, arrowAsTangent, formatFloat } from '../../plot/tangent.js';
import { checkDevice } from '../shared/attributes.js';
import { type PythonOutcome, describeFailure } from '../shared/python-run.js';
import type { GradientComputation } from './computation.js';
import {
  type ExerciseResult,
  type Message,
  type PlaygroundLike,
  codeOf,
  figuresOf,
  sameSlope,
} from './model.js';

/** What the exercise reads from, and sets on, its element. */
export interface ExerciseHost extends ReactiveControllerHost, HTMLElement {
  x: number;
  xMin: number;
  xMax: number;
  readonly checkedDevice: DeviceName | undefined;
}

export class ExerciseController implements ReactiveController {
  /** The student's arrows at their x, once a run drew some. */
  exercise: ExerciseResult | null = null;
  /** What the plot says about the student's tangents. */
  messages: Message[] = [];

  constructor(
    private readonly host: ExerciseHost,
    private readonly computation: GradientComputation,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('tp-run-start', this.onPlaygroundRunStart);
    this.host.addEventListener('tp-run-end', this.onPlaygroundRun);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('tp-run-start', this.onPlaygroundRunStart);
    this.host.removeEventListener('tp-run-end', this.onPlaygroundRun);
  }

  /** The code a run of the playground started with (`tp-run-start` carries it). */
  private exerciseCode = new WeakMap<EventTarget, string>();
  /** The reading of the last run, while it goes on. */
  work: Promise<void> | null = null;

  private onPlaygroundRunStart = (e: Event) => {
    const code = (e as CustomEvent<{ code?: string }>).detail?.code;
    if (e.target && e.target !== this.host && typeof code === 'string') this.exerciseCode.set(e.target, code);
  };

  private onPlaygroundRun = (e: Event) => {
    const playground = e.target as PlaygroundLike | null;
    if (
      !playground ||
      playground === (this.host as unknown) ||
      !this.host.contains(playground as unknown as Node)
    )
      return;
    const work = this.readExercise(e as CustomEvent, playground).catch((err: unknown) => {
      this.messages = [
        {
          level: 'error',
          text: `The plot could not read your cell's tangents: ${err instanceof Error ? err.message : String(err)}`,
        },
      ];
      this.host.requestUpdate();
    });
    this.work = work;
    void work.finally(() => {
      if (this.work === work) this.work = null;
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
      const session = `${this.computation.session.name}-exercise`;
      await kernel.reset(session);
      const collected: FigureSpec[] = [];
      let error: PythonOutcome['error'];
      const written = playground.device ?? playground.getAttribute?.('device');
      const device =
        written == null ? this.host.checkedDevice : checkDevice(written, 'cpu', 'tensor-playground').value;
      const handle = kernel.run({ session, code, device, silent: true }, (event) => {
        if (event.type === 'figure') collected.push(event.figure);
        else if (event.type === 'error') error = event.error;
      });
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
      this.messages = [{ level: 'info', text }];
      this.host.requestUpdate();
      return;
    }
    const x = arrows[0].x;
    this.exercise = { x, arrows };
    this.messages = [];
    const lo = Math.min(this.host.xMin, this.host.xMax);
    const hi = Math.max(this.host.xMin, this.host.xMax);
    this.host.x = Math.min(hi, Math.max(lo, x));
    this.computation.requestTangents();
    // Not the element's settled(): that also waits for this very exercise work.
    await this.host.updateComplete;
    await this.computation.idle();
    this.checkExercise();
    this.host.requestUpdate();
  }

  /** Compares the student's arrows with the functions' own slopes the plot computed at their x. */
  private checkExercise(): void {
    const exercise = this.exercise;
    const { curves, tangents, tangentX } = this.computation;
    if (!exercise || tangentX === null || !sameSlope(tangentX, exercise.x)) return;
    const messages: Message[] = [];
    let leftover = 0;
    for (const arrow of exercise.arrows) {
      const curve = curves[arrow.curve];
      const own = tangents[arrow.curve]?.ownSlope;
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
    this.messages = messages;
  }
}
