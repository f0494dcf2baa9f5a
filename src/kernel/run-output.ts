// One run's output on its way to the page: printed text is batched, cut to a bounded window
// (output-budget.ts) and posted only when the page has drawn the previous batch (it answers each
// `stdout` with `output-ack`), so however fast a loop prints, the page gets at most one batch per
// frame and Stop stays quick. The whole text is kept for `output` requests.
import { KeptOutput, StreamWindow, capText } from './output-budget.js';
import type { KernelEvent, PythonErrorInfo } from './protocol.js';

/** A batch waits at most this long for more text (one message per print would flood the page). */
const FLUSH_MS = 16;
/** The page is taken to have drawn a batch after this long even if it never says so (a hidden tab). */
const ACK_TIMEOUT_MS = 1000;

export class RunOutput {
  readonly kept = new KeptOutput();
  private readonly window = new StreamWindow();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private awaitingAck = false;
  private ackTimer: ReturnType<typeof setTimeout> | undefined;
  private finished = false;
  /** Characters of echo and tracebacks not shown. */
  private cut = 0;
  /** Printed characters posted to the page (the rest of `window.total` was left out). */
  private posted = 0;

  constructor(
    private readonly id: number,
    private readonly post: (event: KernelEvent) => void,
  ) {}

  /** Characters of this run's output that the page does not show. */
  get omitted(): number {
    return this.window.total - this.posted + this.cut;
  }

  write(text: string): void {
    this.kept.write(text);
    this.window.write(text);
    if (this.finished) this.flush();
    else this.schedule();
  }

  /** The page drew the last batch: the next may go. */
  acked(): void {
    this.awaitingAck = false;
    clearTimeout(this.ackTimer);
    if (this.window.pending) this.schedule();
  }

  /** Posts what is waiting now, whether or not the page has drawn the last batch (before a figure, at the end). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pieces = this.window.take();
    for (const { text, omitted } of pieces) {
      this.posted += text.length;
      this.post(
        omitted ? { type: 'stdout', id: this.id, text, omitted } : { type: 'stdout', id: this.id, text },
      );
    }
    if (pieces.length && !this.finished) {
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

  private schedule(): void {
    if (this.awaitingAck || this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }
}
