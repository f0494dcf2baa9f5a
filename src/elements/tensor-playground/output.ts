// A cell's output: printed text, echoed values, tracebacks, notes and figures, bounded however
// much a run prints; the whole text of a cut output stays in the kernel, to copy or download.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getKernel } from '../../kernel/client.js';
import type { FigureSpec, KernelEvent } from '../../kernel/protocol.js';
import { type ShownText, appendShown, capText } from '../../kernel/output-budget.js';
import type { FigureView } from '../../plot/figure.js';
import { chartLoadFailure, loadFigureRenderer } from '../../plot/load.js';
import { copyText } from './clipboard.js';

export type OutputChunk =
  | { kind: 'echo' | 'error' | 'note'; text: string }
  | ({ kind: 'stdout' } & ShownText)
  | { kind: 'figure'; figure: FigureSpec; view?: FigureView };

export type FigureChunk = Extract<OutputChunk, { kind: 'figure' }>;

/** A run whose output was cut for the page: its id (to fetch the whole text) and how much was left out. */
export interface CutOutput {
  run: number;
  omitted: number;
}

export class OutputController implements ReactiveController {
  private shown: OutputChunk[] = [];
  private cutBy: CutOutput | undefined;
  private resizeObserver: ResizeObserver | undefined;
  /** `clear_output(wait=True)` was heard: the run's output goes when its next output arrives. */
  private clearPending = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Says a short message in the cell's status line. */
    private readonly flash: (message: string) => void,
  ) {
    host.addController(this);
  }

  /** What the cell shows, in order. */
  get chunks(): OutputChunk[] {
    return this.shown;
  }

  set chunks(chunks: OutputChunk[]) {
    this.shown = chunks;
    this.host.requestUpdate();
  }

  /** The last run's output was cut for the page. */
  get cut(): CutOutput | undefined {
    return this.cutBy;
  }

  set cut(cut: CutOutput | undefined) {
    this.cutBy = cut;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
  }

  add(chunk: OutputChunk): void {
    if (this.clearPending && chunk.kind !== 'note') this.clearRunOutput();
    const outputs = this.shown;
    const last = outputs[outputs.length - 1];
    if (chunk.kind === 'stdout' && last?.kind === 'stdout') {
      // Bounded however much arrives: the start, a count of what was left out, the end.
      const shown = appendShown(last, chunk.text + chunk.tail, chunk.omitted);
      this.chunks = [...outputs.slice(0, -1), { kind: 'stdout', ...shown }];
    } else if (chunk.kind === 'stdout') {
      this.chunks = [
        ...outputs,
        { kind: 'stdout', ...appendShown({ text: '', omitted: 0, tail: '' }, chunk.text, chunk.omitted) },
      ];
    } else if (chunk.kind !== 'figure') {
      this.chunks = [...outputs, { ...chunk, text: capText(chunk.text).text }];
    } else {
      this.chunks = [...outputs, chunk];
    }
  }

  /** Shows what a run's event prints (its text, value, figure or traceback). */
  addEvent(event: KernelEvent): void {
    if (event.type === 'stdout')
      this.add({ kind: 'stdout', text: event.text, omitted: event.omitted ?? 0, tail: '' });
    else if (event.type === 'echo') this.add({ kind: 'echo', text: event.text });
    else if (event.type === 'figure') this.add({ kind: 'figure', figure: event.figure });
    else if (event.type === 'clear') {
      if (event.wait) this.clearPending = true;
      else this.clearRunOutput();
    } else if (event.type === 'error')
      this.add({
        kind: 'error',
        text: event.error.traceback || `${event.error.type}: ${event.error.message}`,
      });
  }

  clear(): void {
    for (const chunk of this.shown) if (chunk.kind === 'figure') chunk.view?.destroy();
    this.chunks = [];
    this.cut = undefined;
    this.clearPending = false;
  }

  /** `clear_output()`: what the run printed and drew goes; the element's own notes stay. */
  private clearRunOutput(): void {
    this.clearPending = false;
    for (const chunk of this.shown) if (chunk.kind === 'figure') chunk.view?.destroy();
    this.chunks = this.shown.filter((chunk) => chunk.kind === 'note');
    this.cut = undefined;
  }

  /** Frees the charts (they hold window listeners) of a cell that was removed. */
  destroyFigures(): void {
    for (const chunk of this.shown) {
      if (chunk.kind === 'figure') {
        chunk.view?.destroy();
        chunk.view = undefined;
      }
    }
  }

  /** Draws a figure into its host once the charting code has loaded. */
  drawFigure(host: Element | undefined, chunk: FigureChunk): void {
    if (!host || chunk.view || !this.host.isConnected) return;
    loadFigureRenderer().then(
      ({ renderFigure }) => {
        // The cell may have been re-run, cleared or removed while the chart code loaded.
        if (chunk.view || !this.host.isConnected || !host.isConnected || !this.shown.includes(chunk)) return;
        try {
          chunk.view = renderFigure(host as HTMLElement, chunk.figure);
        } catch (error) {
          // A figure that cannot be drawn says so where it would be, never a silent blank.
          host.textContent = `This figure could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
          return;
        }
        this.resizeObserver ??= new ResizeObserver(() => this.resizeFigures());
        this.resizeObserver.observe(this.host.shadowRoot!.querySelector('.output')!);
      },
      (error: unknown) => {
        if (host.isConnected) host.textContent = chartLoadFailure(error);
      },
    );
  }

  private resizeFigures(): void {
    const output = this.host.shadowRoot?.querySelector('.output') as HTMLElement | null;
    if (!output) return;
    const width = Math.min(output.clientWidth - 32, 640);
    for (const chunk of this.shown) if (chunk.kind === 'figure' && width > 0) chunk.view?.resize(width);
  }

  /** The whole output of the last run (the page shows only its start and end), or null. */
  private async whole(): Promise<Uint8Array<ArrayBuffer> | null> {
    const cut = this.cutBy;
    const bytes = cut ? await getKernel().fullOutput(cut.run) : null;
    if (!bytes) this.flash('The whole output is no longer kept: run the cell again');
    return bytes;
  }

  async copyWhole(): Promise<void> {
    const bytes = await this.whole();
    if (!bytes) return;
    const text = new TextDecoder().decode(bytes);
    const copied = await copyText(text, this.host.shadowRoot!);
    this.flash(copied ? 'Whole output copied' : 'Copy failed: download the output instead');
  }

  async downloadWhole(): Promise<void> {
    const bytes = await this.whole();
    if (!bytes) return;
    const url = URL.createObjectURL(new Blob([bytes], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'output.txt';
    link.hidden = true;
    this.host.shadowRoot!.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    this.flash('Output downloaded');
  }
}
