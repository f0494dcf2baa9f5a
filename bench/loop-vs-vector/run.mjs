// "Sum of squares of N floats": a Python loop against one tensor op, in torchlet (in Node, and timed
// as %timeit times it also in headless Chromium; the cpu device as students have it: tfjs's JS cpu
// backend, wasm from 2^16 values, src/core/device.ts) and in CPython + PyTorch (Debian's
// python3-torch), in one run. Prints both speedups side by side and their ratio; the target is that
// ours stays within 2× of PyTorch's at every N, so that a lesson's conclusion holds.
// Chromium runs under /tmp/torchlet-browser.lock (the machine is shared).
// Usage: npm run bench:loop-vs-vector [-- --backend=cpu --no-browser]
import { spawnSync } from 'node:child_process';
import { bundleForNode } from '../lib/bundle-for-node.mjs';
import { pythonWithTorch, torchVersion } from '../lib/python-with-torch.mjs';

// Two ways of timing the same comparison, each a Python file run by both sides (about 3 min):
// - sum_squares.py: the best of a few runs, as a student's own perf_counter loop does, in a fresh
//   process; JS engines compile hot code as it runs, so small N meet our code while it warms up.
//   Node only: a page's clock is coarsened to 100 µs, too coarse to time one op of a few µs;
// - sum_squares_timeit.py: as IPython's %timeit times a statement (what a Colab lesson shows), in
//   Node and in headless Chromium (students' engine; skipped with --no-browser).
// CPython runs twice around ours for the first (the better of its two, so a busy moment favours
// neither side); once for the second, whose means over 7 runs of ≥ 0.2 s are steady already.
const methods = [
  {
    file: 'sum_squares.py',
    how: 'best of 5 runs (the op: of 20), fresh process',
    pythonRuns: 2,
    browser: false,
  },
  {
    file: 'sum_squares_timeit.py',
    how: 'as %timeit times it: mean of 7 runs of 1, 10, 100 … loops (≥ 0.2 s)',
    pythonRuns: 1,
    browser: !process.argv.includes('--no-browser'),
  },
];
const backendArg = process.argv.find((a) => a.startsWith('--backend=')) ?? '--backend-as-students';

function parse(text) {
  const rows = new Map();
  for (const line of text.trim().split('\n')) {
    const [n, loop, vector] = line.split(' ').map(Number);
    if (Number.isFinite(n) && n > 0) rows.set(n, { loop, vector });
  }
  return rows;
}

function check(run, what) {
  if (run.status !== 0) {
    console.error(`${what} failed:\n${run.stderr}`);
    process.exit(1);
  }
  return run.stdout;
}

/** `backend NAME` then the rows, from one of our runs. */
function oursFrom(stdout) {
  return {
    backend: /^backend (\w+)/.exec(stdout)?.[1] ?? '?',
    rows: parse(stdout.replace(/^backend \w+\n/, '')),
  };
}

const python = pythonWithTorch('bench:loop-vs-vector');
const version = torchVersion(python);

const outfile = await bundleForNode(new URL('./loop-vs-vector.bench.ts', import.meta.url), 'loop-vs-vector');
const browserScript = new URL('./browser.mjs', import.meta.url).pathname;

const ms = (s) => (s * 1000).toFixed(3);
const verdicts = [];

/** Prints one table, ours against PyTorch at each N; returns the largest factor between the speedups. */
function table(title, ours, torch) {
  console.log(title);
  console.log(
    'N'.padStart(9) +
      'ours loop ms'.padStart(14) +
      'ours op ms'.padStart(12) +
      'ours ×'.padStart(9) +
      'py loop ms'.padStart(12) +
      'torch op ms'.padStart(13) +
      'torch ×'.padStart(9) +
      'ours/torch'.padStart(12),
  );
  let worst = 1;
  for (const [n, o] of ours) {
    const t = torch.get(n);
    const oursSpeedup = o.loop / o.vector;
    const torchSpeedup = t.loop / t.vector;
    const ratio = oursSpeedup / torchSpeedup;
    worst = Math.max(worst, ratio, 1 / ratio);
    console.log(
      String(n).padStart(9) +
        ms(o.loop).padStart(14) +
        ms(o.vector).padStart(12) +
        oursSpeedup.toFixed(1).padStart(9) +
        ms(t.loop).padStart(12) +
        ms(t.vector).padStart(13) +
        torchSpeedup.toFixed(1).padStart(9) +
        ratio.toFixed(2).padStart(12),
    );
  }
  console.log(
    `largest factor between the two speedups: ${worst.toFixed(2)} (target ≤ 2: ${worst <= 2 ? 'met' : 'NOT met'})\n`,
  );
  return worst;
}

for (const { file: name, how, pythonRuns, browser } of methods) {
  const file = new URL(`./${name}`, import.meta.url).pathname;
  const runPython = () => check(spawnSync(python, [file], { encoding: 'utf8' }), 'CPython');
  const first = runPython();
  const sides = [
    [
      'Node',
      oursFrom(
        check(
          spawnSync(process.execPath, [outfile, `--file=${file}`, backendArg], { encoding: 'utf8' }),
          'torchlet in Node',
        ),
      ),
    ],
  ];
  if (browser)
    sides.push([
      'Chromium',
      oursFrom(
        check(
          spawnSync(
            'flock',
            ['/tmp/torchlet-browser.lock', process.execPath, browserScript, `--file=${name}`],
            {
              encoding: 'utf8',
            },
          ),
          'torchlet in Chromium',
        ),
      ),
    ]);
  const second = pythonRuns > 1 ? runPython() : first;
  const a = parse(first);
  const b = parse(second);
  const torch = new Map(
    [...a].map(([n, r]) => [
      n,
      { loop: Math.min(r.loop, b.get(n).loop), vector: Math.min(r.vector, b.get(n).vector) },
    ]),
  );
  for (const [where, ours] of sides) {
    const worst = table(
      `sum of squares of N floats, Python loop vs one tensor op, timed ${how} (ours: torchlet in ${where} on ${ours.backend}; reference: CPython + PyTorch ${version})`,
      ours.rows,
      torch,
    );
    verdicts.push(`${name} in ${where}: ${worst.toFixed(2)}`);
  }
}
console.log(`largest factors: ${verdicts.join(', ')}`);
