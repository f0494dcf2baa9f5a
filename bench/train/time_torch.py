"""bench:train's reference side: runs each workload file with CPython + PyTorch, `--repeats` times
(rounds alternating the workloads), and prints `name ms ms …` per workload."""
import sys
import time
from pathlib import Path

import torch  # noqa: F401 - imported once, as a notebook kernel keeps it

here = Path(__file__).parent
repeats = int(next((a.split('=')[1] for a in sys.argv[1:] if a.startswith('--repeats=')), 7))
names = [a for a in sys.argv[1:] if not a.startswith('--')]
code = {name: compile((here / f'{name}.py').read_text(), f'{name}.py', 'exec') for name in names}
times = {name: [] for name in names}
for _ in range(repeats):
    for name in names:
        t0 = time.perf_counter()
        exec(code[name], {})
        times[name].append((time.perf_counter() - t0) * 1000)
for name in names:
    print(name, ' '.join(f'{t:.2f}' for t in times[name]))
