// The two charts of <gpu-speedup>, drawn with uPlot: time against N (log-log, both devices) and
// speedup against N (log-log, a line at 1, the break-even N marked).
import uPlot from 'uplot';
import type { SpeedupMeasurement } from '../kernel/speedup-protocol.js';

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

const logScale = (): uPlot.Scale => ({ distr: 3, log: 10 });

/** N on a base-2 log axis, so the doubling grid is evenly spaced. */
const nScale = (): uPlot.Scale => ({ time: false, distr: 3, log: 2 });

function positive(value: number | null | undefined): number | null {
  return value != null && Number.isFinite(value) && value > 0 ? value : null;
}

/** Median time per N on both devices: compute only (solid) and end to end (dashed). */
export function drawTimeChart(
  target: HTMLElement,
  results: readonly SpeedupMeasurement[],
  options: SpeedupChartOptions,
): uPlot {
  const rows = [...results].sort((a, b) => a.n - b.n);
  const { colors } = options;
  const data: uPlot.AlignedData = [
    rows.map((r) => r.n),
    rows.map((r) => positive(r.cpu.compute.median)),
    rows.map((r) => positive(r.gpu?.compute.median)),
    rows.map((r) => positive(r.cpu.endToEnd.median)),
    rows.map((r) => positive(r.gpu?.endToEnd.median)),
  ];
  const opts: uPlot.Options = {
    width: options.width,
    height: options.height,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: nScale(), y: logScale() },
    axes: [axis('N', colors), axis('median time (ms)', colors)],
    series: [
      {},
      { label: 'CPU compute', stroke: colors.cpu, width: 2, points: { show: true } },
      { label: 'GPU compute', stroke: colors.gpu, width: 2, points: { show: true } },
      { label: 'CPU end to end', stroke: colors.cpu, width: 1.5, dash: DASH, points: { show: true } },
      { label: 'GPU end to end', stroke: colors.gpu, width: 1.5, dash: DASH, points: { show: true } },
    ],
  };
  return new uPlot(opts, data, target);
}

/** Speedup (CPU time / GPU time) per N, a reference line at 1, and a vertical mark at break-even. */
export function drawSpeedupChart(
  target: HTMLElement,
  results: readonly SpeedupMeasurement[],
  breakEvenN: number | null,
  options: SpeedupChartOptions,
): uPlot {
  const rows = [...results].sort((a, b) => a.n - b.n);
  const { colors } = options;
  const xs = rows.map((r) => r.n);
  const speedups = rows
    .flatMap((r) => [positive(r.speedupCompute), positive(r.speedupEndToEnd)])
    .filter((s): s is number => s != null);
  // Keep 1 in view, so the reader always sees which side of break-even each point is on.
  const lo = Math.min(1, ...speedups) / 1.5;
  const hi = Math.max(1, ...speedups) * 1.5;
  const data: uPlot.AlignedData = [
    xs,
    rows.map((r) => positive(r.speedupCompute)),
    rows.map((r) => positive(r.speedupEndToEnd)),
    rows.map(() => 1),
  ];
  const markBreakEven = (u: uPlot): void => {
    if (breakEvenN == null || !(breakEvenN > 0)) return;
    const x = Math.round(u.valToPos(breakEvenN, 'x', true));
    const { top, height } = u.bbox;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = colors.even;
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = colors.even;
    ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.fillText(
      `break-even N ≈ ${Math.round(breakEvenN)}`,
      x + 4 * devicePixelRatio,
      top + 14 * devicePixelRatio,
    );
    ctx.restore();
  };
  const opts: uPlot.Options = {
    width: options.width,
    height: options.height,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: nScale(), y: { distr: 3, log: 10, range: () => [lo, hi] } },
    axes: [axis('N', colors), axis('speedup (× faster on GPU)', colors)],
    series: [
      {},
      { label: 'speedup, compute only', stroke: colors.gpu, width: 2, points: { show: true } },
      { label: 'speedup, end to end', stroke: colors.gpu, width: 1.5, dash: DASH, points: { show: true } },
      { label: 'speedup = 1', stroke: colors.axis, width: 1, points: { show: false } },
    ],
    hooks: { draw: [markBreakEven] },
  };
  return new uPlot(opts, data, target);
}
