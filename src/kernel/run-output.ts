// One run's output on its way to the page: printed text is batched, cut to a bounded window
// (output-budget.ts) and posted only when the page has drawn the previous batch (it answers each
// `stdout` with `output-ack`), so however fast a loop prints, the page gets at most one batch per
// frame and Stop stays quick. Figures and `clear_output()` travel in the same batches, in order; a
// clear drops what was not posted yet (no one would see it), so a loop that clears and redraws
// 10,000 times sends the page about one frame's worth per frame. The whole text is kept for
// `output` requests.
import { KeptOutput, StreamWindow, capText } from './output-budget.js';
import type { FigureSpec, KernelEvent, PythonErrorInfo } from './protocol.js';

/** A batch waits at most this long for more text (one message per print would flood the page). */
const FLUSH_MS = 16;
/** The page is taken to have drawn a batch after this long even if it never says so (a hidden tab). */
const ACK_TIMEOUT_MS = 1000;

export class RunOutput {
  readonly kept = new KeptOutput();
  private window = new StreamWindow();
  /** Text, figures and a clear ready to post, in order (a clear, if any, comes first). */
  private queue: KernelEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private awaitingAck = false;
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  private finished = false;
  /** Characters of echo and tracebacks not shown. */
  private cut = 0;
  /** Printed characters posted to the page since the last clear (the rest of `window.total` was left out). */
  private posted = 0;

  constructor(
    private readonly id: number,
    private readonly post: (event: KernelEvent) => void,
  ) {}

  /** Characters of this run's output since its last clear that the page does not show. */
  get omitted(): number {
    return this.window.total - this.posted + this.cut;
  }

  write(text: string): void {
    this.kept.write(text);
    this.window.write(text);
    if (this.finished) this.flush();
    else this.schedule();
  }

  figure(figure: FigureSpec): void {
    this.queueText();
    this.queue.push({ type: 'figure', id: this.id, figure });
    if (this.finished) this.flush();
    else this.schedule();
  }

  /** `clear_output(wait)`: what the page shows goes, and the output budget starts again. */
  clear(wait: boolean): void {
    const earlier = this.queue[0]?.type === 'clear' ? this.queue[0] : undefined;
    // Not posted yet, and cleared: the page never needs to draw it.
    this.queue = [{ type: 'clear', id: this.id, wait: wait && (earlier?.wait ?? true) }];
    this.window = new StreamWindow();
    this.posted = 0;
    this.cut = 0;
    if (this.finished) this.flush();
    else this.schedule();
  }

  /** The page drew the last batch: the next may go. */
  acked(): void {
    this.awaitingAck = false;
    clearTimeout(this.ackTimer);
    if (this.window.pending || this.queue.length) this.schedule();
  }

  /** Posts what is waiting now, whether or not the page has drawn the last batch (at the end). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queueText();
    const batch = this.queue;
    this.queue = [];
    if (batch.length > 1 && batch[0].type === 'clear')
      this.post({ type: 'batch', id: this.id, events: batch });
    else for (const event of batch) this.post(event);
    if (batch.length && !this.finished) {
      this.awaitingAck = true;
      clearTimeout(this.ackTimer);
      this.ackTimer = setTimeout(() => this.acked(), ACK_TIMEOUT_MS);
    }
  }

  echo(text: string): void {
    this.kept.write(`${text}\n`);
    const shown = capText(text);
    this.cut += shown.omitted;
    this.post({ type: 'echo', id: this.id, text: shown.text });
  }

  error(error: PythonErrorInfo): void {
    this.kept.write(`${error.traceback}\n`);
    const traceback = capText(error.traceback);
    const message = capText(error.message);
    this.cut += traceback.omitted;
    this.post({
      type: 'error',
      id: this.id,
      error: { ...error, traceback: traceback.text, message: message.text },
    });
  }

  /** The run ended: what is left goes now, and nothing waits for the page any more. */
  finish(): void {
    this.finished = true;
    this.flush();
    clearTimeout(this.ackTimer);
  }

  /** Moves the printed text waiting in the window to the end of the queue. */
  private queueText(): void {
    for (const { text, omitted } of this.window.take()) {
      this.posted += text.length;
      this.queue.push(
        omitted ? { type: 'stdout', id: this.id, text, omitted } : { type: 'stdout', id: this.id, text },
      );
    }
  }

  private schedule(): void {
    if (this.awaitingAck || this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }
}
