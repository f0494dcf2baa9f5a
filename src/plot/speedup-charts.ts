// The two charts of <gpu-speedup>, drawn with uPlot: time against N (log-log, both devices) and
// speedup against N (log-log, a line at 1, the break-even N marked). Charts are made once and
// then given new data, so a sweep's updates cost a canvas redraw, not a new chart.
import uPlot from 'uplot';
import type { SpeedupMeasurement } from '../protocol/speedup.js';

export interface SpeedupChartColors {
  cpu: string;
  gpu: string;
  axis: string;
  grid: string;
  even: string;
}

export interface SpeedupChartOptions {
  width: number;
  height: number;
  colors: SpeedupChartColors;
}

const DASH = [6, 4];

// Axis titles are drawn along the plot's side: they must fit a 220 px chart (the default height).
export const TIME_AXIS_LABEL = 'median time (ms)';
export const SPEEDUP_AXIS_LABEL = 'GPU speedup (×)';
/** uPlot's default axis-title font, to measure a title against the plot's height. */
export const AXIS_LABEL_FONT =
  'bold 12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji"';

function axis(label: string, colors: SpeedupChartColors): uPlot.Axis {
  return {
    label,
    stroke: colors.axis,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1 },
    labelSize: 22,
    size: 52,
  };
}

/** N on a base-2 log axis, so the doubling grid is evenly spaced. */
const nScale = (): uPlot.Scale => ({ time: false, distr: 3, log: 2 });

function positive(value: number | null | undefined): number | null {
  return value != null && Number.isFinite(value) && value > 0 ? value : null;
}

/** Median time per N on both devices: compute only (solid) and end to end (dashed). */
export function timeChartData(results: readonly SpeedupMeasurement[]): uPlot.AlignedData {
  const rows = [...results].sort((a, b) => a.n - b.n);
  return [
    rows.map((r) => r.n),
    rows.map((r) => positive(r.cpu.compute.median)),
    rows.map((r) => positive(r.gpu?.compute.median)),
    rows.map((r) => positive(r.cpu.endToEnd.median)),
    rows.map((r) => positive(r.gpu?.endToEnd.median)),
  ];
}

/** Speedup per N (compute only, end to end) and the constant 1. */
export function speedupChartData(results: readonly SpeedupMeasurement[]): uPlot.AlignedData {
  const rows = [...results].sort((a, b) => a.n - b.n);
  return [
    rows.map((r) => r.n),
    rows.map((r) => positive(r.speedupCompute)),
    rows.map((r) => positive(r.speedupEndToEnd)),
    rows.map(() => 1),
  ];
}

/** The y range of the speedup chart: always with 1 in view, so each point's side of break-even shows. */
function speedupRange(u: uPlot): uPlot.Range.MinMax {
  const values = [u.data[1], u.data[2]]
    .flatMap((series) => [...(series ?? [])])
    .filter((v): v is number => v != null && v > 0);
  return [Math.min(1, ...values) / 1.5, Math.max(1, ...values) * 1.5];
}

/** Both charts of one element; `update` draws new results into the same charts. */
export class SpeedupCharts {
  private time: uPlot | null = null;
  private speedup: uPlot | null = null;
  private breakEvenN: number | null = null;
  private colorsKey = '';

  constructor(
    private readonly timeHost: HTMLElement,
    private readonly speedupHost: HTMLElement,
  ) {}

  /**
   * Draws `results`. A missing chart is made, one per call so that no single task makes both
   * (a chart's first paint is the costly part); returns true while a chart is still to be made.
   */
  update(
    results: readonly SpeedupMeasurement[],
    breakEvenN: number | null,
    options: SpeedupChartOptions,
  ): boolean {
    this.breakEvenN = breakEvenN;
    const key = JSON.stringify(options.colors) + options.height;
    if (key !== this.colorsKey) {
      this.destroy();
      this.colorsKey = key;
    }
    if (!this.time) {
      this.time = new uPlot(this.timeOptions(options), timeChartData(results), this.timeHost);
      return true;
    }
    if (!this.speedup) {
      this.speedup = new uPlot(this.speedupOptions(options), speedupChartData(results), this.speedupHost);
    }
    if (this.time.width !== options.width)
      this.time.setSize({ width: options.width, height: options.height });
    if (this.speedup.width !== options.width)
      this.speedup.setSize({ width: options.width, height: options.height });
    this.time.setData(timeChartData(results));
    this.speedup.setData(speedupChartData(results));
    return false;
  }

  destroy(): void {
    this.time?.destroy();
    this.speedup?.destroy();
    this.time = null;
    this.speedup = null;
  }

  private timeOptions({ width, height, colors }: SpeedupChartOptions): uPlot.Options {
    return {
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: nScale(), y: { distr: 3, log: 10 } },
      axes: [axis('N', colors), axis(TIME_AXIS_LABEL, colors)],
      series: [
        {},
        { label: 'CPU compute', stroke: colors.cpu, width: 2, points: { show: true } },
        { label: 'GPU compute', stroke: colors.gpu, width: 2, points: { show: true } },
        { label: 'CPU end to end', stroke: colors.cpu, width: 1.5, dash: DASH, points: { show: true } },
        { label: 'GPU end to end', stroke: colors.gpu, width: 1.5, dash: DASH, points: { show: true } },
      ],
    };
  }

  private speedupOptions({ width, height, colors }: SpeedupChartOptions): uPlot.Options {
    const markBreakEven = (u: uPlot): void => {
      const n = this.breakEvenN;
      if (n == null || !(n > 0)) return;
      const x = Math.round(u.valToPos(n, 'x', true));
      const { top, height: plotHeight } = u.bbox;
      const ctx = u.ctx;
      const px = devicePixelRatio;
      ctx.save();
      ctx.strokeStyle = colors.even;
      ctx.lineWidth = 2 * px;
      ctx.setLineDash([3 * px, 3 * px]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + plotHeight);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = colors.even;
      ctx.font = `${12 * px}px system-ui, sans-serif`;
      ctx.fillText(`break-even N ≈ ${Math.round(n)}`, x + 4 * px, top + 14 * px);
      ctx.restore();
    };
    return {
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: nScale(), y: { distr: 3, log: 10, range: speedupRange } },
      axes: [axis('N', colors), axis(SPEEDUP_AXIS_LABEL, colors)],
      series: [
        {},
        { label: 'speedup, compute only', stroke: colors.gpu, width: 2, points: { show: true } },
        { label: 'speedup, end to end', stroke: colors.gpu, width: 1.5, dash: DASH, points: { show: true } },
        { label: 'speedup = 1', stroke: colors.axis, width: 1, points: { show: false } },
      ],
      hooks: { draw: [markBreakEven] },
    };
  }
}
