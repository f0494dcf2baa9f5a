// How much of a run's output crosses from the kernel to the page, and how the page keeps it.
// A print of 10⁸ characters, or an endless print loop, must neither block the page on one huge
// message nor grow a <pre> without end: each kind of output is cut in the kernel before it is
// posted (the start and the end are shown, with the number of characters between them), and the
// whole text stays in the kernel, up to a bound, for the student to copy or download.
// No DOM here: the kernel (Worker or page) and the elements both use it.

// The caps are small on purpose: laying out a <pre> costs the page about 20 µs per line on a slow
// machine, and the tail of a print loop is laid out again for every batch (one per frame).
/** Printed characters shown from the start of a run's output. */
export const STREAM_HEAD_CHARS = 20_000;
/** Printed lines shown from the start of a run's output. */
export const STREAM_HEAD_LINES = 500;
/** Printed characters shown from the end of a run's output (the latest lines of a long loop). */
export const STREAM_TAIL_CHARS = 20_000;
/** Printed lines shown from the end of a run's output. */
export const STREAM_TAIL_LINES = 500;
/** An echoed value or a traceback longer than this (characters or lines) is cut in its middle. */
export const TEXT_CAP_CHARS = 20_000;
export const TEXT_CAP_LINES = 1000;
/** The whole output of one run kept in the kernel for copying or downloading (UTF-8 bytes). */
export const KEPT_BYTES_PER_RUN = 16 * 1024 * 1024;
/** The whole outputs kept in the kernel together; the oldest runs' are forgotten first. */
export const KEPT_BYTES_TOTAL = 48 * 1024 * 1024;
/** Runs whose whole output is kept. */
export const KEPT_RUNS = 16;

/** The line shown where characters were left out (the page renders it apart from the text). */
export function omittedLabel(count: number): string {
  return `… ${count.toLocaleString('en')} characters not shown …`;
}

/** How many characters from the start of `text` fit in `chars` characters and `lines` line ends. */
export function fitHead(text: string, chars: number, lines: number): number {
  let end = Math.min(text.length, Math.max(0, chars));
  if (lines <= 0) return 0;
  let at = -1;
  for (let n = 0; n < lines; n++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0 || at >= end) return end;
  }
  // `lines` line ends fit: the rest starts after the last of them.
  end = Math.min(end, at + 1);
  return end;
}

/** Where the part of `text` that fits in its last `chars` characters and `lines` lines starts. */
export function fitTail(text: string, chars: number, lines: number): number {
  const start = Math.max(0, text.length - chars);
  // A line end at the very end closes the last line; it does not start another.
  let at = text.endsWith('\n') ? text.length - 1 : text.length;
  for (let n = 0; n < lines; n++) {
    at = text.lastIndexOf('\n', at - 1);
    if (at < start) return start;
  }
  return Math.max(start, at + 1);
}

/** A text cut to its start and end (half the caps each), and how many characters were left out. */
export function capText(
  text: string,
  chars = TEXT_CAP_CHARS,
  lines = TEXT_CAP_LINES,
): { text: string; omitted: number } {
  if (text.length <= chars && fitHead(text, chars, lines) === text.length) return { text, omitted: 0 };
  const head = fitHead(text, chars / 2, lines / 2);
  const tail = Math.max(head, fitTail(text, chars / 2, lines / 2));
  const omitted = tail - head;
  if (omitted === 0) return { text, omitted: 0 };
  return { text: `${text.slice(0, head)}\n${omittedLabel(omitted)}\n${text.slice(tail)}`, omitted };
}

/** A piece of printed text to post; `omitted` characters were left out just before it. */
export interface StreamPiece {
  text: string;
  omitted: number;
}

/**
 * The printed text of a run not yet posted to the page: the run's first STREAM_HEAD_CHARS in
 * full, then only the last STREAM_TAIL_CHARS of what came since the last post (the rest counted).
 * Its size is bounded however much the run prints between two posts.
 */
export class StreamWindow {
  private seen = 0;
  private headChars = 0;
  private headLines = 0;
  private head = '';
  /** Text after the head not yet posted, cut to the tail's caps only now and then (a loop prints fast). */
  private parts: string[] = [];
  private partsChars = 0;
  private omitted = 0;

  get pending(): boolean {
    return this.head !== '' || this.partsChars > 0 || this.omitted > 0;
  }

  /** Characters printed so far, shown or not. */
  get total(): number {
    return this.seen;
  }

  write(text: string): void {
    this.seen += text.length;
    if (this.headChars < STREAM_HEAD_CHARS && this.headLines < STREAM_HEAD_LINES) {
      const n = fitHead(text, STREAM_HEAD_CHARS - this.headChars, STREAM_HEAD_LINES - this.headLines);
      const part = n === text.length ? text : text.slice(0, n);
      this.head += part;
      this.headChars += n;
      this.headLines += countLines(part);
      if (n === text.length) return;
      text = text.slice(n);
      // The head is full: everything after it goes to the tail.
      this.headChars = STREAM_HEAD_CHARS;
    }
    if (text.length >= STREAM_TAIL_CHARS) {
      this.omitted += this.partsChars;
      this.parts = [];
      this.partsChars = 0;
    }
    this.parts.push(text);
    this.partsChars += text.length;
    // Amortised: joining on every print would copy the whole tail each time.
    if (this.partsChars > 2 * STREAM_TAIL_CHARS || this.parts.length > 4096) this.compact();
  }

  private compact(): void {
    const joined = this.parts.join('');
    const start = fitTail(joined, STREAM_TAIL_CHARS, STREAM_TAIL_LINES);
    this.omitted += start;
    const tail = start ? joined.slice(start) : joined;
    this.parts = tail ? [tail] : [];
    this.partsChars = tail.length;
  }

  /** What to post now, in order (at most two pieces), and an empty window. */
  take(): StreamPiece[] {
    this.compact();
    const pieces: StreamPiece[] = [];
    if (this.head) pieces.push({ text: this.head, omitted: 0 });
    const tail = this.parts.join('');
    if (tail || this.omitted) pieces.push({ text: tail, omitted: this.omitted });
    this.head = '';
    this.parts = [];
    this.partsChars = 0;
    this.omitted = 0;
    return pieces;
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** Printed text as the page shows it: a start, a count of characters left out, an end. */
export interface ShownText {
  text: string;
  omitted: number;
  tail: string;
}

/**
 * Adds a posted piece to what the page shows, keeping it within the head and tail caps whatever
 * arrives (the page's own guard, kernel or not).
 */
export function appendShown(shown: ShownText, text: string, omittedBefore = 0): ShownText {
  let { text: head, omitted, tail } = shown;
  if (omitted === 0 && omittedBefore === 0 && !tail) {
    const n = fitHead(text, STREAM_HEAD_CHARS - head.length, STREAM_HEAD_LINES - countLines(head));
    head += text.slice(0, n);
    text = text.slice(n);
    if (!text) return { text: head, omitted, tail };
  }
  if (omittedBefore > 0) {
    // The gap lies between what is shown and this text: one marker covers both.
    omitted += tail.length + omittedBefore;
    tail = text;
  } else tail += text;
  const start = fitTail(tail, STREAM_TAIL_CHARS, STREAM_TAIL_LINES);
  if (start) {
    omitted += start;
    tail = tail.slice(start);
  }
  return { text: head, omitted, tail };
}

const encoder = new TextEncoder();

/**
 * A run's whole output (printed text, echo, traceback, in order) as UTF-8 bytes, up to
 * KEPT_BYTES_PER_RUN. Bytes, not strings: a slice of a huge string would keep all of it alive.
 */
export class KeptOutput {
  private readonly chunks: Uint8Array[] = [];
  private pendingText: string[] = [];
  private pendingChars = 0;
  bytes = 0;
  /** Characters that came after the kept bytes were full. */
  dropped = 0;

  write(text: string): void {
    while (text) {
      // Up to 3 bytes per UTF-16 unit: what is taken never overshoots the bound.
      let room = KEPT_BYTES_PER_RUN - this.bytes - this.pendingChars * 3;
      if (room < 3 && this.pendingChars) {
        this.encodePending();
        room = KEPT_BYTES_PER_RUN - this.bytes;
      }
      if (room < 3) {
        this.dropped += text.length;
        return;
      }
      const take = Math.min(text.length, Math.floor(room / 3));
      this.pendingText.push(take === text.length ? text : text.slice(0, take));
      this.pendingChars += take;
      text = take === text.length ? '' : text.slice(take);
      if (this.pendingChars > 64 * 1024 || text) this.encodePending();
    }
  }

  private encodePending(): void {
    if (!this.pendingText.length) return;
    const bytes = encoder.encode(this.pendingText.join(''));
    this.pendingText = [];
    this.pendingChars = 0;
    this.chunks.push(bytes);
    this.bytes += bytes.length;
  }

  /** The kept bytes in one array, with a last line saying how much was not kept. */
  contents(): Uint8Array<ArrayBuffer> {
    this.encodePending();
    const note = this.dropped
      ? encoder.encode(`\n… ${this.dropped.toLocaleString('en')} more characters were not kept\n`)
      : new Uint8Array(0);
    const out = new Uint8Array(this.bytes + note.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    out.set(note, at);
    return out;
  }

  /** Forgets the text of the pieces not yet encoded into bytes. */
  seal(): void {
    this.encodePending();
  }
}

/** The whole outputs of the last runs, bounded in count and bytes (oldest forgotten first). */
export class KeptOutputs {
  private readonly runs = new Map<number, KeptOutput>();

  add(id: number, kept: KeptOutput): void {
    kept.seal();
    this.runs.set(id, kept);
    let total = 0;
    for (const k of this.runs.values()) total += k.bytes;
    for (const [oldest, k] of this.runs) {
      if (this.runs.size <= KEPT_RUNS && total <= KEPT_BYTES_TOTAL) break;
      if (oldest === id) break;
      total -= k.bytes;
      this.runs.delete(oldest);
    }
  }

  get(id: number): KeptOutput | undefined {
    return this.runs.get(id);
  }

  get size(): number {
    return this.runs.size;
  }
}
