// The hardening suites' figures in one table (docs/reliability.md explains them).
//   npm run reliability                 runs every suite in its long mode, saves and prints the figures
//   npm run reliability -- --last       prints the figures of the last long run (no run)
//   npm run reliability -- --node-only  long mode of the Node suites only (no browser)
//   npm run reliability -- --browser-only  long mode of the browser suites only
// A half run keeps the other half's rows of the last run in RESULTS (each row says when it ran).
//   npm run reliability -- --fuzz-runs=20000   a scaled long run (default: 100,000 Node fuzz inputs)
// Each suite reports a line `RELIABILITY {"suite","mode","inputs","failures","ms","note"}`; this
// script collects those lines from the Node and browser runs into RESULTS.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const RESULTS = 'test/hardening/results/last-long-run.jsonl';
const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const value = (name) => flag(name)?.split('=')[1];

function run(command, commandArgs, env) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const echo = (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('close', (code) => resolve({ code, output }));
  });
}

function figuresIn(output) {
  return [...output.matchAll(/RELIABILITY (\{.*\})/g)].map((m) => JSON.parse(m[1]));
}

function formatMs(ms) {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

function table(rows) {
  const head = ['suite', 'mode', 'inputs tried', 'failures found', 'time', 'note'];
  const body = rows.map((r) => [
    r.suite,
    r.mode,
    r.inputs.toLocaleString('en'),
    String(r.failures),
    formatMs(r.ms),
    r.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

function printResults(rows, when) {
  const total = rows.reduce(
    (a, r) => ({ inputs: a.inputs + r.inputs, failures: a.failures + r.failures, ms: a.ms + r.ms }),
    { inputs: 0, failures: 0, ms: 0 },
  );
  console.log(`\nReliability figures (${when})\n`);
  console.log(table([...rows, { suite: 'total', mode: '', ...total }]));
}

if (flag('last')) {
  if (!existsSync(RESULTS)) {
    console.error(`no results yet (${RESULTS}): run \`npm run reliability\` first`);
    process.exit(1);
  }
  const rows = readFileSync(RESULTS, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  printResults(rows, `last long run, ${rows.at(-1)?.at ?? 'date unknown'}`);
  process.exit(0);
}

const env = { TORCHLET_LONG: '1', ...(value('fuzz-runs') ? { TORCHLET_FUZZ_RUNS: value('fuzz-runs') } : {}) };
const nodeFiles = readdirSync('test/hardening')
  .filter((f) => f.endsWith('.node.test.ts'))
  .map((f) => join('test/hardening', f));
const browserFiles = readdirSync('test/hardening')
  .filter((f) => f.endsWith('.test.ts') && !f.endsWith('.node.test.ts'))
  .map((f) => join('test/hardening', f));

const started = new Date().toISOString();
const rows = [];
let failedRun = false;
if (!flag('browser-only')) {
  const node = await run(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', ...nodeFiles],
    env,
  );
  rows.push(...figuresIn(node.output));
  failedRun ||= node.code !== 0;
}
if (!flag('node-only')) {
  // Some browser suites load the built CDN file (figures-abuse): build it from this tree first.
  const build = await run('npm', ['run', 'build'], {});
  failedRun ||= build.code !== 0;
  // One browser suite at a time on this machine (see the team's rules): under the browser lock.
  const browser = await run(
    'flock',
    ['/tmp/torchlet-browser.lock', 'npx', 'wtr', '--config', 'web-test-runner.config.mjs'],
    { ...env, TORCHLET_FILES: browserFiles.join(',') },
  );
  rows.push(...figuresIn(browser.output));
  failedRun ||= browser.code !== 0;
}
const lastRows = existsSync(RESULTS)
  ? readFileSync(RESULTS, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
  : [];
const isNodeRow = (r) => r.suite.includes('(Node');
const keptRows = flag('node-only')
  ? lastRows.filter((r) => !isNodeRow(r))
  : flag('browser-only')
    ? lastRows.filter(isNodeRow)
    : [];
const stamped = [...keptRows, ...rows.map((r) => ({ ...r, at: started }))];
mkdirSync(dirname(RESULTS), { recursive: true });
writeFileSync(RESULTS, stamped.map((r) => JSON.stringify(r)).join('\n') + '\n');
printResults(stamped, `this run, ${started}; saved in ${RESULTS}`);
process.exit(failedRun ? 1 : 0);
