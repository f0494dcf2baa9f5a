// The CPython that the benches compare against: the first one that has PyTorch.
import { spawnSync } from 'node:child_process';

/**
 * The Python on PATH if it imports torch, else Debian's (pyenv may shadow it). Exits with how to
 * get one when neither does; `bench` names the script in that message.
 */
export function pythonWithTorch(bench) {
  const python = ['python3', '/usr/bin/python3'].find(
    (candidate) => spawnSync(candidate, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0,
  );
  if (!python) {
    console.error(
      `${bench} needs CPython with PyTorch: on Debian, \`apt-get install python3-torch\` (as root).`,
    );
    process.exit(1);
  }
  return python;
}

/** PyTorch's version as `python` reports it. */
export function torchVersion(python) {
  return spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], {
    encoding: 'utf8',
  }).stdout.trim();
}
