# The same comparison timed as IPython's %timeit times a statement, which is what a Colab lesson
# shows its students: loops 1, 10, 100 … until they take 0.2 s, then 7 runs of that many; the mean
# per loop. The same file runs under CPython + PyTorch and under torchlet.
# Prints one line per N: "N loop_seconds vector_seconds".
import timeit
import torch


def loop_sum(xs):
    total = 0.0
    for v in xs:
        total += v * v
    return total


def vector_sum(t):
    return (t * t).sum().item()


def per_loop(statement, names):
    timer = timeit.Timer(statement, globals=names)
    number = 1
    while timer.timeit(number) < 0.2 and number < 10**9:
        number *= 10
    runs = timer.repeat(7, number)
    return sum(runs) / len(runs) / number


for n in [1000, 10000, 100000, 1000000]:
    xs = [((i * 7919) % 1000) / 1000.0 for i in range(n)]
    t = torch.tensor(xs)
    names = {"loop_sum": loop_sum, "vector_sum": vector_sum, "xs": xs, "t": t}
    print(n, per_loop("loop_sum(xs)", names), per_loop("vector_sum(t)", names))
