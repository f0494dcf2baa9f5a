# What a parallelism lesson has students compare: the sum of squares of N floats as a Python loop
# and as one tensor op. The same file runs under CPython + PyTorch and under torchlet.
# Prints one line per N: "N loop_seconds vector_seconds" (each the best of a few runs).
import time
import torch


def loop_sum(xs):
    total = 0.0
    for v in xs:
        total += v * v
    return total


def best_of(repeats, fn, arg):
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        fn(arg)
        elapsed = time.perf_counter() - start
        if best is None or elapsed < best:
            best = elapsed
    return best


def vector_sum(t):
    return (t * t).sum().item()


for n in [1000, 10000, 100000, 1000000]:
    xs = [((i * 7919) % 1000) / 1000.0 for i in range(n)]
    t = torch.tensor(xs)
    vector_sum(t)  # warm-up: the first op pays for kernel setup
    repeats = 5 if n <= 100000 else 3
    loop = best_of(repeats, loop_sum, xs)
    vector = best_of(repeats * 4, vector_sum, t)
    print(n, loop, vector)
