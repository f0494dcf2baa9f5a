// Conformance runner (the course's conformance contract; cells in test/conformance/). Reads a JSONL file of cells,
// runs each through torchlet's interpreter and tensor core on tfjs's cpu backend in Node, and
// prints one line {"id","stdout","echo","error"} per cell. Always exits 0 once every cell has a line.
//   npm run --silent conformance -- FILE.jsonl [--shared] [--budget-ms=10000]
import { readFileSync } from 'node:fs';
import { PythonSession } from '../src/python/index.js';

interface Case {
  id: string;
  code: string;
}

async function useCpuBackend(): Promise<void> {
  try {
    const backends = await import('../src/core/backends.js');
    if (await backends.loadBackend('cpu')) backends.useBackend('cpu');
  } catch (e) {
    process.stderr.write(`conformance: could not select the cpu backend: ${String(e)}\n`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const shared = args.includes('--shared');
  const budgetArg = args.find((a) => a.startsWith('--budget-ms='));
  const budgetMs = budgetArg ? Number(budgetArg.split('=')[1]) : 10_000;
  if (!file) {
    process.stderr.write('usage: conformance FILE.jsonl [--shared]\n');
    return;
  }
  await useCpuBackend();
  const cases: Case[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
  let session = new PythonSession();
  for (const c of cases) {
    if (!shared) session = new PythonSession();
    let stdout = '';
    let line: {
      id: string;
      stdout: string;
      echo: string | null;
      error: { type: string; message: string } | null;
    };
    try {
      const out = await session.run(c.code, {
        stdout: (t) => (stdout += t),
        timeBudgetMs: budgetMs,
        device: 'cpu',
      });
      line = {
        id: c.id,
        stdout,
        echo: out.echo,
        error: out.error ? { type: out.error.type, message: out.error.message } : null,
      };
    } catch (e) {
      // The interpreter never throws; this is a last line of defence so every case gets a line.
      line = { id: c.id, stdout, echo: null, error: { type: 'SystemError', message: String(e) } };
    }
    process.stdout.write(JSON.stringify(line) + '\n');
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`conformance: ${String(e)}\n`);
    process.exit(0);
  },
);
