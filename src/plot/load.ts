// uPlot and the code that drives it load with a page's first chart: a page of code cells that
// never plots does not download them. A failed load is retried by the next chart.
import type uPlot from 'uplot';

/** One shared load at a time; after a failure the next call tries again. */
export function retryable<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

export const loadUPlot: () => Promise<typeof uPlot> = retryable(() => import('uplot').then((m) => m.default));
export const loadFigureRenderer = retryable(() => import('./figure.js'));
export const loadSpeedupCharts = retryable(() => import('./speedup-charts.js'));

/** What a chart's host says when the charting code could not be fetched (offline, a blocked CDN). */
export function chartLoadFailure(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `The chart could not be drawn: its code did not load (${reason}).`;
}
