// Charts drawn a few at a time: creating a uPlot chart costs a few milliseconds, and a cell that
// shows 50 figures or a 10 × 10 grid of axes would otherwise hold the page for a second in one
// task. Jobs run at once while the current slice of BUDGET_MS lasts, then one slice per animation
// frame, so the page paints and answers input between slices.

/** Milliseconds of drawing per frame: leaves most of a 16 ms frame to the page. */
export const BUDGET_MS = 8;

type Job = () => void;
const queue: Job[] = [];
let scheduled = false;
let sliceStart: number | undefined;

function now(): number {
  return performance.now();
}

/** True while the current task's drawing slice has time left (a new task starts a new slice). */
function inSlice(): boolean {
  const t = now();
  if (sliceStart === undefined) {
    sliceStart = t;
    setTimeout(() => (sliceStart = undefined), 0);
  }
  return t - sliceStart < BUDGET_MS;
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // A hidden page gets no animation frames: a timer keeps the queue moving there.
  if (typeof document !== 'undefined' && document.visibilityState === 'visible') requestAnimationFrame(pump);
  else setTimeout(pump, 16);
}

function pump(): void {
  scheduled = false;
  sliceStart = now();
  setTimeout(() => (sliceStart = undefined), 0);
  while (queue.length > 0 && now() - sliceStart < BUDGET_MS) {
    const job = queue.shift()!;
    try {
      job();
    } catch (err) {
      // Each job shows its own failure; one that throws anyway must not stop the others.
      reportError(err);
    }
  }
  if (queue.length > 0) schedule();
}

/**
 * Runs `job` now if the slice allows and nothing waits before it, else in a later frame, in order.
 * Returns a function that cancels the job if it has not run yet.
 */
export function drawSoon(job: Job): () => void {
  if (queue.length === 0 && inSlice()) {
    job();
    return () => {};
  }
  queue.push(job);
  schedule();
  return () => {
    const i = queue.indexOf(job);
    if (i >= 0) queue.splice(i, 1);
  };
}
