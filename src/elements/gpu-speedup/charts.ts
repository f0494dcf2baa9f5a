// <gpu-speedup>'s two charts (time and speedup against N): drawn once there are two sizes,
// redrawn at most once a frame, following the element's width and theme. The charting code
// loads with the first chart.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SpeedupMeasurement } from '../../protocol/speedup.js';
import { loadSpeedupCharts } from '../../plot/load.js';
import type { SpeedupCharts } from '../../plot/speedup-charts.js';
import { LazyChartController } from '../shared/lazy-chart.js';

/** What the charts read from their element. */
export interface SpeedupChartsHost extends ReactiveControllerHost, HTMLElement {
  readonly results: SpeedupMeasurement[];
  /** The break-even N to mark, if the speedup crosses 1. */
  readonly breakEvenN: number | null;
  readonly timeChartHost?: HTMLElement;
  readonly speedupChartHost?: HTMLElement;
}

export class SpeedupChartsController implements ReactiveController {
  private charts: SpeedupCharts | null = null;
  private frame = 0;
  private width = 0;
  private readonly code: LazyChartController<Awaited<ReturnType<typeof loadSpeedupCharts>>>;

  constructor(private readonly host: SpeedupChartsHost) {
    host.addController(this);
    this.code = new LazyChartController(host, loadSpeedupCharts, {
      ready: () => this.draw(),
      resize: () => {
        if (this.chartsWidth() !== this.width) this.draw();
      },
    });
  }

  /** A sentence when the charting code could not load. */
  get error(): string | null {
    return this.code.error;
  }

  hostConnected(): void {
    this.code.observe(this.host);
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.destroy();
  }

  /** Redraws at the next frame: several results in one frame cost one redraw. */
  draw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawNow();
    });
  }

  private chartsWidth(): number {
    const box = this.host.timeChartHost?.parentElement;
    return Math.max(240, Math.floor(box?.clientWidth ?? 320));
  }

  private destroy(): void {
    this.charts?.destroy();
    this.charts = null;
  }

  private drawNow(): void {
    const { results, timeChartHost, speedupChartHost } = this.host;
    if (results.length < 2 || !timeChartHost || !speedupChartHost) {
      this.destroy();
      return;
    }
    const api = this.code.api;
    if (!api) {
      this.code.ensure();
      return;
    }
    const style = getComputedStyle(this.host);
    const colour = (name: string, fallback: string): string =>
      style.getPropertyValue(name).trim() || fallback;
    this.width = this.chartsWidth();
    const options = {
      width: this.width,
      height: parseInt(colour('--gs-chart-height', '220'), 10) || 220,
      colors: {
        cpu: colour('--gs-cpu-color', '#0969da'),
        gpu: colour('--gs-gpu-color', '#b3261e'),
        axis: colour('--_muted', '#57606a'),
        grid: colour('--_border', '#d0d7de'),
        even: colour('--_ok', '#1a7f37'),
      },
    };
    this.charts ??= new api.SpeedupCharts(timeChartHost, speedupChartHost);
    // A chart is made per call (its first paint is the costly part): come back for the other.
    if (this.charts.update(results, this.host.breakEvenN, options)) this.draw();
  }
}
