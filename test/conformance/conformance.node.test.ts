// PyTorch 1.13's recorded outputs (copied here from the course's conformance set, so a clone needs
// nothing beside it) run through the project's conformance runner: every cell must match to the letter.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Outcome {
  id: string;
  stdout: string;
  echo: string | null;
  error: { type: string; message: string } | null;
}

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const runner = fileURLToPath(new URL('../../scripts/conformance.ts', import.meta.url));

function readJsonl(text: string): Outcome[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Outcome);
}

function failures(file: string, shared: boolean): string[] {
  const expected = readJsonl(readFileSync(here(file), 'utf8'));
  const args = ['--import', 'tsx', runner, here(file), ...(shared ? ['--shared'] : [])];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  const actual = new Map(readJsonl(run.stdout).map((o) => [o.id, o]));
  return expected.flatMap((want) => {
    const got = actual.get(want.id);
    const same =
      got !== undefined &&
      got.stdout === want.stdout &&
      got.echo === want.echo &&
      JSON.stringify(got.error) === JSON.stringify(want.error);
    return same ? [] : [`${want.id}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`];
  });
}

describe('conformance with PyTorch 1.13 (recorded outputs)', () => {
  it('cases.jsonl: every independent cell prints what PyTorch printed', () => {
    assert.deepEqual(failures('cases.jsonl', false), []);
  });

  it('seed_lab.jsonl: the lesson, cell after cell in one namespace', () => {
    assert.deepEqual(failures('seed_lab.jsonl', true), []);
  });

  // The course's next lessons: torch.nn, torch.optim, torch.utils.data and grad mode.
  it('next_cases.jsonl: every nn / optim / data / grad-mode cell prints what PyTorch printed', () => {
    assert.deepEqual(failures('next_cases.jsonl', false), []);
  });

  // Recorded here with record.py from autograd_cells.py: retain_grad, freed graphs, numpy() with grad, copy_.
  it('autograd_cases.jsonl: retain_grad, backward twice, retain_graph, numpy(), in-place self-copies, state_dict views, broadcasting errors', () => {
    assert.deepEqual(failures('autograd_cases.jsonl', false), []);
  });
});
