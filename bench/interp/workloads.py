# Pure-Python workloads for the interpreter benchmark: the same file runs under CPython and under
# torchlet's interpreter. CPU time, not wall time, so a busy machine slows neither side unfairly.
import time


def loops(n):
    total = 0
    for i in range(n):
        if i % 3 == 0:
            total += i
        else:
            total -= 1
    j = 0
    while j < n:
        j += 1
    return total + j


def calls(n):
    def add(a, b=1):
        return a + b

    def compose(x):
        return add(add(x), b=2)

    acc = 0
    for i in range(n):
        acc = compose(acc) % 1000003
    return acc


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def lists(n):
    squares = [i * i for i in range(n)]
    evens = [x for x in squares if x % 2 == 0]
    built = []
    for x in evens:
        built.append(x // 2)
    built.sort(reverse=True)
    return len(built) + sum(built[:10]) + max(squares)


def dicts_and_strings(n):
    counts = {}
    words = ["tensor", "grad", "numpy", "torch", "slope", "plot"]
    for i in range(n):
        w = words[i % len(words)]
        counts[w] = counts.get(w, 0) + 1
    parts = []
    for k in sorted(counts):
        parts.append(f"{k}={counts[k]:>6}")
    return len(", ".join(parts))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def norm2(self):
        return self.x * self.x + self.y * self.y


def objects(n):
    p = Point(0.0, 0.0)
    step = Point(0.5, -0.25)
    total = 0.0
    for _ in range(n):
        p = p + step
        total += p.norm2()
    return total


def floats(n):
    x = 0.0
    h = 1.0 / n
    for i in range(n):
        t = i * h
        x += 3 - t + (t / 2) ** 2
    return x


def generators(n):
    def evens(k):
        for i in range(k):
            if i % 2 == 0:
                yield i
    return sum(x * x for x in range(n)) + max(v for v in evens(n // 10))


# What lessons run: a Python loop over a list of a million floats (the loop students time against
# one tensor op), list comprehensions, and a training step of a small model written as a class.
def float_list(n):
    return [((i * 7919) % 1000) / 1000.0 for i in range(n)]


def sum_floats(xs):
    total = 0.0
    for x in xs:
        total += x
    return total


def comprehensions(n):
    squares = [x * x for x in range(n)]
    evens = [x for x in squares if x % 2 == 0]
    grid = [(i, j) for i in range(n // 100) for j in range(100)]
    labels = {i: str(i) for i in range(n // 10)}
    return len(squares) + len(evens) + len(grid) + len(labels)


class Linear:
    def __init__(self, n_in):
        self.w = [0.01 * i for i in range(n_in)]
        self.b = 0.0

    def forward(self, x):
        out = self.b
        for wi, xi in zip(self.w, x):
            out += wi * xi
        return out

    def step(self, x, y, lr):
        err = self.forward(x) - y
        for i in range(len(self.w)):
            self.w[i] -= lr * err * x[i]
        self.b -= lr * err
        return err * err


def training(n):
    model = Linear(8)
    data = [([((i * j) % 7) / 7.0 for j in range(8)], (i % 5) / 5.0) for i in range(64)]
    loss = 0.0
    for epoch in range(n):
        total = 0.0
        for x, y in data:
            total += model.step(x, y, 0.01)
        loss = total / len(data)
    return loss


workloads = [
    ("loops", loops, 300_000),
    ("calls", calls, 100_000),
    ("fib", fib, 24),
    ("lists", lists, 200_000),
    ("dicts_and_strings", dicts_and_strings, 200_000),
    ("objects", objects, 100_000),
    ("floats", floats, 300_000),
    ("generators", generators, 200_000),
    ("sum_floats", sum_floats, 1_000_000),  # its argument is float_list(1_000_000), made untimed
    ("comprehensions", comprehensions, 100_000),
    ("training", training, 500),
]

# Workloads whose argument is data made before the clock starts (and dropped after).
setups = {"sum_floats": float_list}

# --- driver (CPython only; the harness calls each workload itself and measures CPU time) ---
for name, fn, arg in workloads:
    data = setups[name](arg) if name in setups else arg
    t0 = time.process_time()
    fn(data)
    print(name, time.process_time() - t0)
    del data
