// <gpu-speedup>'s two charts, drawn by uPlot in Chromium at the element's default height.
import { expect } from '@open-wc/testing';
import type uPlot from 'uplot';
import type { SpeedupMeasurement } from '../protocol/speedup.js';
import { AXIS_LABEL_FONT, SPEEDUP_AXIS_LABEL, SpeedupCharts, TIME_AXIS_LABEL } from './speedup-charts.js';

const timing = (median: number) => ({
  backend: 'cpu',
  warmupMs: median,
  compute: { samples: [median], median, min: median, max: median, q1: median, q3: median },
  endToEnd: { samples: [median], median, min: median, max: median, q1: median, q3: median },
  runsPerSample: 1,
});
const result = (n: number, cpuMs: number, gpuMs: number) =>
  ({
    n,
    repeats: 1,
    cpu: timing(cpuMs),
    gpu: { ...timing(gpuMs), backend: 'webgl' },
    speedupCompute: cpuMs / gpuMs,
    speedupEndToEnd: cpuMs / gpuMs,
    speedupNaive: null,
  }) as unknown as SpeedupMeasurement;

describe('speedup charts', () => {
  it('draw each axis title whole along a 220 px chart (no "speedup (× faster on GPU" cut off)', () => {
    const timeHost = document.createElement('div');
    const speedupHost = document.createElement('div');
    document.body.append(timeHost, speedupHost);
    const charts = new SpeedupCharts(timeHost, speedupHost);
    const colors = { cpu: '#1565c0', gpu: '#c62828', axis: '#333', grid: '#ddd', even: '#2e7d32' };
    const results = [result(64, 2, 4), result(256, 30, 10)];
    const options = { width: 420, height: 220, colors };
    while (charts.update(results, 128, options));
    const measure = document.createElement('canvas').getContext('2d')!;
    measure.font = AXIS_LABEL_FONT;
    const plots = charts as unknown as { time: uPlot; speedup: uPlot };
    for (const [chart, label] of [
      [plots.time, TIME_AXIS_LABEL],
      [plots.speedup, SPEEDUP_AXIS_LABEL],
    ] as const) {
      const plotHeight = chart.bbox.height / devicePixelRatio;
      expect(measure.measureText(label).width, label).to.be.below(plotHeight);
    }
    charts.destroy();
    timeHost.remove();
    speedupHost.remove();
  });
});
