// The charting code loads with an element's first chart (a page of code cells never fetches it);
// when it cannot load, the element says so in the chart's place, and the next try loads again.
// Charts follow their box's size.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { chartLoadFailure } from '../../plot/load.js';

export class LazyChartController<Api> implements ReactiveController {
  /** The loaded charting code, once it is here. */
  api: Api | undefined;
  /** A plain sentence when the code could not load, else null. */
  error: string | null = null;
  private resizeObserver: ResizeObserver | undefined;
  private observed: Element[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly load: () => Promise<Api>,
    private readonly handlers: { ready?(api: Api): void; resize?(): void },
  ) {
    host.addController(this);
  }

  /** Starts the load (once; again after a failure). */
  ensure(): void {
    if (this.api) return;
    this.load().then(
      (api) => {
        const first = !this.api;
        this.api = api;
        this.error = null;
        this.host.requestUpdate();
        if (first) this.handlers.ready?.(api);
      },
      (error: unknown) => {
        this.error = chartLoadFailure(error);
        this.host.requestUpdate();
      },
    );
  }

  /** Calls the resize handler whenever `element`'s box changes size. */
  observe(element: Element): void {
    if (this.observed.includes(element)) return;
    this.resizeObserver ??= new ResizeObserver(() => this.handlers.resize?.());
    this.resizeObserver.observe(element);
    this.observed.push(element);
  }

  hostConnected(): void {
    for (const element of this.observed) {
      this.resizeObserver ??= new ResizeObserver(() => this.handlers.resize?.());
      this.resizeObserver.observe(element);
    }
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }
}
