# Run by language.node.test.ts twice: as is, and with `slow` replaced by a native function that
# returns a Promise, so every construct is also exercised on the evaluator's asynchronous path.
# async-program.expected.txt is what python3 prints for this file.
def slow(x):
    return x
out = []
for i in range(slow(5)):
    if slow(i) == 2:
        continue
    if i == slow(4):
        break
    out.append(slow(i) * 2)
else:
    out.append("no-break")
print(out)
print([slow(x) + 1 for x in range(4) if slow(x) % 2 == 0], {slow(k): slow(k) * 2 for k in "ab"}, {slow(3)})
def find(xs, target):
    for i, x in enumerate(xs):
        if slow(x) == target:
            return i
    return -1
print(find([5, 6, 7], 7), find([1], 9))
n = 0
while slow(n) < 5:
    n = slow(n) + 1
    if n == 3:
        print("three")
print(n)
def risky(v):
    try:
        if slow(v) > 1:
            raise ValueError(slow("big"))
        return slow("ok")
    except ValueError as e:
        return "caught " + str(e)
    finally:
        print("finally", slow(v))
print(risky(0), risky(5))
def gen(k):
    for i in range(k):
        yield slow(i) * 10
print(list(gen(3)), sum(slow(x) for x in range(5)), max(slow(x) for x in [3, 9, 2]))
class A:
    def __init__(self, v):
        self.v = slow(v)
    def __add__(self, o):
        return A(slow(self.v + o.v))
    def __repr__(self):
        return "A(%d)" % slow(self.v)
print(A(1) + A(2), [A(slow(4))], str(A(7)))
def fact(n):
    return 1 if slow(n) <= 1 else n * fact(slow(n) - 1)
print(fact(10))
x = slow(1) if slow(True) else slow(2)
a, *b = slow([1, 2, 3])
print(x, a, b, f"{slow(3.14159):.2f} {slow('s')!r}")
class CM:
    def __enter__(self):
        return slow("entered")
    def __exit__(self, *a):
        print("exit", slow(a[0] is None))
        return slow(True)
with CM() as c:
    print(c)
    raise KeyError("x")
print("after with")
d = {}
d[slow("k")] = slow(1)
d[slow("k")] += slow(5)
print(d, slow(d)["k"], sorted([slow(3), 1, 2], key=lambda v: slow(-v)))
total = 0
for i in range(300):
    total += slow(i)
print(total, all(slow(v) for v in [1, 1]), any(slow(v) for v in [0, 0]))
