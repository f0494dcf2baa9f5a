// bench:train: a small training loop must feel instant. Times the workloads here (xor.py: the
// classifier_loop of next_cases.jsonl, 200 Adam steps of a 2-8-2 MLP; linreg.py: 100 SGD steps of a
// line fit) in torchlet in Node and in headless Chromium (students' cpu device: tfjs's JS cpu
// backend, wasm once tensors are big, src/core/device.ts) and in CPython + PyTorch on the same machine, in one run, and prints ours/PyTorch.
// Target: ≤ 4× PyTorch CPU. Chromium runs under /tmp/torchlet-browser.lock (the machine is shared).
// Usage: npm run bench:train [-- --repeats=15 --node-backend=wasm --no-browser]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../lib/bundle-for-node.mjs';
import { pythonWithTorch, torchVersion } from '../lib/python-with-torch.mjs';

const WORKLOADS = ['xor', 'linreg'];
const TARGET = 4;
const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const repeats = Number(arg('repeats', 15));
const dir = fileURLToPath(new URL('.', import.meta.url));

/** `name ms ms …` lines → Map(name → ms[]) */
function parse(text) {
  const rows = new Map();
  for (const line of text.trim().split('\n')) {
    const [name, ...ms] = line.split(' ');
    if (WORKLOADS.includes(name)) rows.set(name, ms.map(Number));
  }
  return rows;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
// The first third of the runs warms each side up (imports, wasm compile, and Node's JIT, which
// reaches full speed over a dozen runs; Chromium's sooner): the median of the rest is the
// typical run. The first run, as a student's first Run is, is printed beside it.
const warmup = (n) => Math.max(1, Math.floor(n / 3));
const typical = (xs) => median(xs.length > 1 ? xs.slice(warmup(xs.length)) : xs);

function check(run, what) {
  if (run.status !== 0) {
    console.error(`${what} failed:\n${run.stderr}`);
    process.exit(1);
  }
  return run.stdout;
}

const python = pythonWithTorch('bench:train');
const runPython = () =>
  parse(
    check(
      spawnSync(python, [`${dir}time_torch.py`, `--repeats=${repeats}`, ...WORKLOADS], { encoding: 'utf8' }),
      'PyTorch',
    ),
  );

const outfile = await bundleForNode(new URL('./train.bench.ts', import.meta.url), 'train');
const runNode = () =>
  check(
    spawnSync(
      process.execPath,
      [
        outfile,
        `--dir=${dir}`,
        `--workloads=${WORKLOADS.join(',')}`,
        `--repeats=${repeats}`,
        `--backend=${arg('node-backend', 'rule')}`,
      ],
      { encoding: 'utf8' },
    ),
    'torchlet in Node',
  );

const torchFirst = runPython();
const nodeOut = runNode();
const nodeBackend = /^backend (\w+)/.exec(nodeOut)?.[1] ?? '?';
const sides = [[`Node (${nodeBackend})`, parse(nodeOut)]];
if (!process.argv.includes('--no-browser')) {
  const browser = check(
    spawnSync(
      'flock',
      [
        '/tmp/torchlet-browser.lock',
        process.execPath,
        `${dir}browser.mjs`,
        `--workloads=${WORKLOADS.join(',')}`,
        `--repeats=${repeats}`,
      ],
      { encoding: 'utf8' },
    ),
    'torchlet in Chromium',
  );
  sides.push([`Chromium (${/^backend (\w+)/.exec(browser)?.[1] ?? '?'})`, parse(browser)]);
}
const torchSecond = runPython();
// PyTorch ran before and after ours: its better typical time of the two, so a busy moment does not favour either side
const torch = new Map(
  WORKLOADS.map((w) => [w, Math.min(typical(torchFirst.get(w)), typical(torchSecond.get(w)))]),
);

const version = torchVersion(python);
console.log(
  `bench:train: median ms of the last ${repeats - warmup(repeats)} of ${repeats} runs (first run in brackets); PyTorch ${version} on CPython (CPU)`,
);
console.log(
  'workload'.padEnd(10) +
    'where'.padEnd(20) +
    'ours ms'.padStart(16) +
    'torch ms'.padStart(16) +
    'ours/torch'.padStart(12),
);
const first = (xs) => `(${xs[0].toFixed(0)})`;
let worst = 0;
for (const w of WORKLOADS) {
  for (const [where, rows] of sides) {
    const ours = typical(rows.get(w));
    const ratio = ours / torch.get(w);
    worst = Math.max(worst, ratio);
    console.log(
      w.padEnd(10) +
        where.padEnd(20) +
        `${ours.toFixed(1)} ${first(rows.get(w))}`.padStart(16) +
        `${torch.get(w).toFixed(1)} ${first(torchFirst.get(w))}`.padStart(16) +
        `${ratio.toFixed(2)}×`.padStart(12),
    );
  }
}
console.log(
  `largest ratio: ${worst.toFixed(2)}× (target ≤ ${TARGET}×: ${worst <= TARGET ? 'met' : 'NOT met'})`,
);
process.exit(worst <= TARGET ? 0 : 2);
