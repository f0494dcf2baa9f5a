// <gradient-plot>'s chart: the curves drawn by uPlot, the tangents and the guide at the point
// drawn over them, and the draggable point. It reads what to draw from its view, the element.
import type uPlot from 'uplot';
import { tangentSegment, yRange } from '../../plot/tangent.js';
import type { GradientComputation } from './computation.js';
import { type DrawnTangent, type ExerciseResult, interpolate, sameSlope } from './model.js';
import { CURVE_PALETTE } from './snippets.js';

/** What the chart reads from, and tells, its element. */
export interface TangentChartView {
  readonly host: HTMLElement;
  readonly x: number;
  readonly xMin: number;
  readonly xMax: number;
  readonly computation: GradientComputation;
  readonly exercise: ExerciseResult | null;
  readonly plotEl: HTMLElement | null;
  readonly chartEl: HTMLElement | null;
  readonly handleEl: HTMLElement | null;
  setX(x: number): void;
  drawn(tangents: DrawnTangent[]): void;
}

type TangentToDraw = DrawnTangent & {
  color: string;
  x0: number;
  y0: number;
  slope: number;
  ownSlope?: number;
};

export class TangentChart {
  private chart: uPlot | null = null;
  private UPlot: typeof uPlot | undefined;
  private dragging = false;

  constructor(private readonly view: TangentChartView) {}

  /** Makes the chart again (new curves, samples or theme) once uPlot's code is here. */
  build(UPlot: typeof uPlot): void {
    this.UPlot = UPlot;
    this.buildChart();
  }

  redraw(): void {
    this.chart?.redraw(false, false);
  }

  /** Follows the plot area's size. */
  resize(): void {
    const r = this.view.plotEl?.getBoundingClientRect();
    if (this.chart && r && r.width > 0)
      this.chart.setSize({
        width: Math.max(200, Math.floor(r.width)),
        height: Math.max(150, Math.floor(r.height)),
      });
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = null;
  }

  private colors(): { fg: string; muted: string; border: string; warn: string; bg: string } {
    const style = getComputedStyle(this.view.host);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return {
      fg: read('--_fg', '#1b1f24'),
      muted: read('--_muted', '#57606a'),
      border: read('--_border', '#d0d7de'),
      warn: read('--_warn', '#9a6700'),
      bg: read('--_bg', '#fff'),
    };
  }

  private buildChart(): void {
    this.destroy();
    const UPlot = this.UPlot;
    const { samples, curves } = this.view.computation;
    const chartEl = this.view.chartEl;
    const plotEl = this.view.plotEl;
    if (!samples || !chartEl || !plotEl || !UPlot) return;
    const colors = this.colors();
    const rect = plotEl.getBoundingClientRect();
    const lo = Math.min(this.view.xMin, this.view.xMax);
    const hi = Math.max(this.view.xMin, this.view.xMax);
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
        y: { range: () => yRange(this.view.computation.samples?.values ?? []) },
      },
      axes: [axis, axis],
      series: [
        {},
        ...curves.map((c) => ({
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
    this.chart = new UPlot(opts, [samples.xs, ...samples.values] as uPlot.AlignedData, chartEl);
    this.chart.over.addEventListener('pointerdown', this.onPointerDown);
    this.chart.over.addEventListener('pointermove', this.onPointerMove);
    this.chart.over.addEventListener('pointerup', this.onPointerUp);
    this.chart.over.addEventListener('pointercancel', this.onPointerUp);
  }

  /** The tangents to draw now: the student's arrows at their x, else the plot's own at the point. */
  private tangentsToDraw(): TangentToDraw[] {
    const out: TangentToDraw[] = [];
    const { curves, tangents, tangentX } = this.view.computation;
    const { exercise, x } = this.view;
    const width = Math.abs(this.view.xMax - this.view.xMin) / 2;
    if (exercise && sameSlope(exercise.x, x)) {
      for (const arrow of exercise.arrows) {
        const curve = curves[arrow.curve];
        const own = tangents[arrow.curve]?.ownSlope;
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
    if (tangentX === null) return out;
    // While the kernel computes the new point's tangents the last ones stay, faded.
    const stale = tangentX !== x;
    tangents.forEach((t, i) => {
      if (!t) return;
      const curve = curves[i];
      out.push({
        ...tangentSegment(tangentX, t.value, t.slope, width),
        label: curve.label,
        color: curve.color,
        warning: t.accumulated || t.kink !== undefined,
        fromExercise: false,
        stale,
        x0: tangentX,
        y0: t.value,
        slope: t.slope,
        ownSlope: t.ownSlope,
      });
    });
    return out;
  }

  private drawOverlay(u: uPlot): void {
    const ctx = u.ctx;
    const ratio = this.UPlot?.pxRatio || 1;
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
    ctx.moveTo(px(this.view.x), top);
    ctx.lineTo(px(this.view.x), top + height);
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
    this.view.drawn(
      drawn.map(({ label, x1, y1, x2, y2, warning, fromExercise, stale }) => ({
        label,
        x1,
        y1,
        x2,
        y2,
        warning,
        fromExercise,
        stale: stale === true,
      })),
    );
    this.placeHandle(u);
  }

  /** The point sits on the first curve that has a value at x (interpolated between samples). */
  private placeHandle(u: uPlot): void {
    const { handleEl: handle, plotEl, x } = this.view;
    const { samples, tangents, tangentX } = this.view.computation;
    if (!handle || !plotEl) return;
    const over = u.over.getBoundingClientRect();
    const plot = plotEl.getBoundingClientRect();
    let y: number | null = null;
    const exact = tangentX === x ? tangents.find((t) => t) : undefined;
    if (exact) y = exact.value;
    else if (samples) {
      for (const values of samples.values) {
        y = interpolate(samples.xs, values, x);
        if (y !== null) break;
      }
    }
    const [ylo, yhi] = yRange(samples?.values ?? []);
    const yClamped = y === null ? (ylo + yhi) / 2 : Math.min(yhi, Math.max(ylo, y));
    handle.style.left = `${over.left - plot.left + u.valToPos(x, 'x')}px`;
    handle.style.top = `${over.top - plot.top + u.valToPos(yClamped, 'y')}px`;
  }

  private moveToClientX(clientX: number): void {
    if (!this.chart) return;
    const over = this.chart.over.getBoundingClientRect();
    this.view.setX(this.chart.posToVal(clientX - over.left, 'x'));
  }

  readonly onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    e.preventDefault();
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    this.dragging = true;
    this.moveToClientX(e.clientX);
    this.view.handleEl?.focus({ preventScroll: true });
  };

  readonly onPointerMove = (e: PointerEvent) => {
    if (this.dragging) this.moveToClientX(e.clientX);
  };

  readonly onPointerUp = (e: PointerEvent) => {
    this.dragging = false;
    (e.currentTarget as Element).releasePointerCapture?.(e.pointerId);
  };
}
