### basics
print(7 / 2, 7 // 2, -7 // 2, 7 % -3, 2 ** -1, 2 ** 0.5, 10 ** 18, 10 ** 30, -2 ** 2, (-2) ** 2)
print(0.1 + 0.2, 1/3, 1e22, 1.5e-7, 123456789012345678.0, 1e16, 9999999999999998.0, float('inf'), -float('inf'), float('nan'))
print(3 * 1.0, 2 ** 62, 2 ** 63 - 1, -(2 ** 64), 12345678901234567890 % 97, 7 .bit_length() if False else 0)
print(True + True, True * 3.5, 5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 70, -1 >> 1, abs(-3), abs(-2.5))
print(int(3.9), int(-3.9), int("  12 "), float("3"), round(0.5), round(1.5), round(-0.5), round(2.675, 2), round(1234, -2))
print(str(1e100), repr(1.0), 1e-4, 0.0001, 0.00001, 100.0, 1e15, 123.456e5)
### strings
s = "Hello, World"
print(s.lower(), s.upper(), s.split(", "), s[::-1], s[1:5], s[-3:], s.find("o"), s.count("l"), s.replace("l", "L", 2))
print("  x ".strip(), "a-b-c".split("-", 1), ",".join(["a", "b"]), "abc".startswith(("x", "a")), "%5.2f|%-4d|%s|%r" % (3.14159, 7, "s", "r"))
print("{} {:>6} {:<4}| {:^7} {:08.3f} {:+d} {:,} {:x} {:e} {:.2%}".format(1, "ab", "c", "mid", 3.14159, 5, 1234567, 255, 12345.678, 0.1234))
print(f"{'q'!r} {3:03d} {2.5:g} {1e-7:g} {123456789:g} {0.1:.20f} {1/3:.3} {42:b} {'x':*^9}")
name = "Ann"; age = 30
print(f"{name=}, {age + 1 = }", f"{{literal}}", f"{[1,2][0]}")
print("abc" * 2, "a" in "cat", "x" not in "cat", "ab" < "b", str(None), repr(None), len("héllo"))
print("Line1\nLine2".splitlines(), "a\tb".expandtabs(4), "title case here".title(), "x".center(5, "-"), "7".zfill(3))
print(repr("a'b\"c\n"), repr('it\'s'), "\x41\u00e9\N{DEGREE SIGN}" if False else "\x41\u00e9")
### lists
a = [3, 1, 2]
a.append(4); a.extend([5]); a.insert(0, 9)
print(a, a.pop(), a.pop(0), a, sorted(a), a.index(2), a.count(1), a[::2], a[-1], len(a))
a.sort(); print(a); a.reverse(); print(a)
b = a[:]; b[0] = 100; print(a, b, a == b, a is b, [1, 2] < [1, 3], [1] * 3, [[0] * 2] * 2)
del a[0]; print(a); a[1:2] = [7, 8, 9]; print(a)
print(list(range(5)), list(range(2, 10, 3)), list(range(5, 0, -1)), range(3), len(range(0, 10, 3)), 3 in range(5))
nested = [[1, 2], [3, 4]]
print([x for row in nested for x in row], [[r[i] for r in nested] for i in range(2)], [x if x > 2 else -x for x in range(5)])
### tuples dicts sets
t = (1, 2, 3); print(t, t[0], t[1:], (1,), (), tuple([1, 2]), t + (4,), t * 2, t.index(2), t.count(1), len(t))
d = {"a": 1, "b": 2}
d["c"] = 3; print(d, d.get("z"), d.get("a"), list(d.keys()), list(d.values()), list(d.items()), "a" in d, len(d))
print(d.pop("a"), d, d.setdefault("x", 9), d, {k: v * 2 for k, v in d.items()}, dict(a=1, b=2), dict([(1, 2)]))
print(d.keys(), d.values(), d.items())
for k, v in sorted(d.items()): print(k, v, end="; ")
print()
s = {3, 1, 2}; s.add(5); s.discard(1); print(s, 3 in s, s | {9}, s & {2, 3}, s - {2}, set(), len(s), {1, 2} <= {1, 2, 3})
print({1: "a", 1.0: "b", True: "c"}, {(1, 2): 3}[(1, 2)])
### control flow
for i in range(3):
    if i == 1:
        continue
    print("i", i)
else:
    print("done")
n = 0
while True:
    n += 1
    if n > 3: break
print(n)
for x in []:
    pass
else:
    print("empty else")
### functions
def f(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, kw)
print(f(1), f(1, 2, 3, 4, c=5, d=6), f(*[1, 2], **{"c": 0}))
def fact(n): return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact(30))
def counter():
    count = 0
    def inc(by=1):
        nonlocal count
        count += by
        return count
    return inc
c = counter(); c(); c(5); print(c())
g = 10
def setg():
    global g
    g = 20
setg(); print(g)
sq = lambda x: x * x
print(sq(4), list(map(sq, [1, 2, 3])), list(filter(lambda x: x % 2, range(6))), sorted(["bb", "a", "ccc"], key=len))
print(list(zip([1, 2, 3], "ab")), list(enumerate("ab", 1)), list(reversed([1, 2, 3])), sum([1, 2, 3], 10), sum([0.1] * 10))
print(min(3, 1, 2), max([1, 5, 3]), min("bca"), max([], default=0), max([(1, 'b'), (1, 'a')]), min([3, 1], key=lambda v: -v))
print(any([0, 1]), all([]), all([1, 0]), divmod(17, 5), pow(2, 10), pow(2, 10, 1000), hex(255), bin(5), oct(8), chr(65), ord("a"))
### generators
def gen():
    yield 1
    yield 2
    return
g = gen(); print(next(g), next(g), next(g, "end"), list(gen()))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for v in fib():
    if v > 50: break
    out.append(v)
print(out, sum(x * x for x in range(4)), list(x for x in "ab"))
it = iter([1, 2]); print(next(it), next(it))
def yf():
    yield from range(3)
    yield from [7]
print(list(yf()))
### classes
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} makes a sound"
    def __repr__(self):
        return f"Animal({self.name!r})"
class Dog(Animal):
    def speak(self):
        return super().speak() + " (woof)"
    def __str__(self):
        return "Dog " + self.name
dg = Dog("Rex")
print(dg.speak(), dg, repr(dg), [dg], isinstance(dg, Animal), type(dg).__name__, Dog.kind, dg.kind, issubclass(Dog, Animal))
class V:
    def __init__(self, x, y): self.x, self.y = x, y
    def __add__(self, o): return V(self.x + o.x, self.y + o.y)
    def __mul__(self, k): return V(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __eq__(self, o): return self.x == o.x and self.y == o.y
    def __len__(self): return 2
    def __getitem__(self, i): return (self.x, self.y)[i]
    def __repr__(self): return f"V({self.x}, {self.y})"
    @property
    def norm2(self): return self.x ** 2 + self.y ** 2
    @staticmethod
    def zero(): return V(0, 0)
    @classmethod
    def unit(cls): return cls(1, 0)
v = V(1, 2)
print(v + v, 2 * v, v * 3, v == V(1, 2), v != V(0, 0), len(v), list(v), v.norm2, V.zero(), V.unit(), hasattr(v, "x"), getattr(v, "z", 0))
setattr(v, "z", 5); print(v.z)
class MyErr(ValueError):
    pass
try:
    raise MyErr("custom")
except ValueError as e:
    print("caught", type(e).__name__, e, repr(e), e.args)
### exceptions
def risky(k):
    try:
        if k == 0: raise KeyError("k")
        if k == 1: return [][1]
        if k == 2: return {}["missing"]
        if k == 3: return int("x")
        if k == 4: return 1 / 0
        if k == 5: return undefined_name
        if k == 6: return "a" + 1
        if k == 7: return None.foo
        if k == 8: return (1, 2)[5]
        if k == 9: return 1 + "a"
        if k == 10: return [1, 2, 3].index(9)
        if k == 11: return float("abc")
        if k == 12: return len(5)
        if k == 13: return 5()
        if k == 14: a, b = [1, 2, 3]
        if k == 15: a, b, c = [1, 2]
        if k == 16: return 1.0 / 0
        if k == 17: return 5 % 0
        if k == 18: return {}.pop("x")
        if k == 19: return "abc"[10]
        if k == 20: return int(None)
        if k == 21: return [1] < ["a"]
        if k == 22: return sorted([1, "a"])
        if k == 23: return next(iter([]))
        if k == 24: return "x".foo()
        if k == 25: assert False, "nope"
        if k == 26: return f(1, 2, x=1, c=1, c2=1) and f()
        if k == 27: return fact()
        if k == 28: return (lambda: 0)(1)
        if k == 29: return dict(1)
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    finally:
        pass
for k in range(30): print(k, risky(k))
try:
    try:
        raise ValueError("inner")
    finally:
        print("finally runs")
except ValueError as e:
    print("outer caught", e)
def ret_in_finally():
    try:
        return "try"
    finally:
        print("cleanup")
print(ret_in_finally())
try:
    raise RuntimeError("a") from KeyError("b")
except RuntimeError as e:
    print(e)
### misc
x = 5
print(1 < x < 10, 1 < x > 10, x if x > 3 else 0, not x, x and 0, x or 0, None or "d", [] or {}, (y := 4) + y)
a, (b, c) = 1, (2, 3); print(a, b, c)
first, *rest = "hello"; print(first, rest)
*init, last = [1, 2, 3]; print(init, last)
p, q = q, p = 1, 2
print(p, q)
i = 10; i += 1; i -= 2; i *= 3; i //= 2; i **= 2; i %= 7; print(i)
l = [1]; l += [2]; l *= 2; print(l)
print(type(None).__name__, type(print), callable(len), id(x) == id(x), isinstance(3, (str, int)), type(3) is int, type([]) == list)
print(list(map(int, "123")), list(map(lambda a, b: a + b, [1, 2], [3, 4])), "".join(map(str, range(5))))
print(sorted({3: 1, 1: 2}), sorted("bac"), sorted([(2, 'b'), (1, 'z'), (2, 'a')]), sorted([3, 1, 2], key=lambda v: -v))
with open if False else __import__ if False else None or object() and None or 0: pass
### more
class Vec:
    def __init__(self, *xs): self.xs = list(xs)
    def __iter__(self):
        for x in self.xs:
            yield x
    def __len__(self): return len(self.xs)
    def __contains__(self, x): return x in self.xs
    def __lt__(self, o): return sum(self.xs) < sum(o.xs)
    def __eq__(self, o): return isinstance(o, Vec) and self.xs == o.xs
    def __hash__(self): return hash(tuple(self.xs))
    def __call__(self, k): return self.xs[k]
    def __repr__(self): return "Vec(" + ", ".join(map(str, self.xs)) + ")"
    def __getattr__(self, name): return "dyn:" + name
    def __bool__(self): return bool(self.xs)
    def __neg__(self): return Vec(*[-x for x in self.xs])
    def __getitem__(self, i): return self.xs[i]
    def __setitem__(self, i, v): self.xs[i] = v
v = Vec(3, 1, 2)
print(list(v), len(v), 2 in v, 9 in v, v(0), v.anything, bool(Vec()), -v, v[1:])
v[0] = 10; print(v)
print(sorted([Vec(5), Vec(1, 1), Vec(0)]), max([Vec(5), Vec(9)]), min(Vec(2), Vec(1)))
d = {Vec(1): "one"}; print(d[Vec(1)] if Vec(1) in d else "missing")
class Temp:
    def __init__(self): self._c = 0
    @property
    def c(self): return self._c
    @c.setter
    def c(self, v):
        if v < -273: raise ValueError("too cold")
        self._c = v
t = Temp(); t.c = 25; print(t.c)
try: t.c = -300
except ValueError as e: print("err", e)
fs = []
for i in range(3):
    def f(i=i): return i * 10
    fs.append(f)
print([f() for f in fs])
m = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*m)), [list(r) for r in zip(*m)], {i: c for i, c in enumerate("abc")})
for idx, (a, b) in enumerate([(1, 2), (3, 4)]): print(idx, a + b)
def g():
    x = yield 1
    print("got", x)
    yield x * 2
gen = g(); print(next(gen)); print(gen.send(5) if hasattr(gen, "send") else "nosend")
try:
    pass
except Exception:
    print("no")
else:
    print("else ran")
finally:
    print("finally ran")
def deep(n): return 0 if n == 0 else 1 + deep(n - 1)
print(deep(900))
x = [1, 2, 3, 4, 5]; del x[1:3]; print(x)
a = b = []
a.append(1); print(b, a is b)
print(*[1, 2], sep="-", end="!\n")
print("%s is %d years and %.1f%%" % ("Bo", 3, 99.5))
print("{0}{1}{0}".format("a", "b"), "{name}!".format(name="hi"), "{:.2e}".format(12345.6789), "{!r:>8}".format("x"))
print(str(3.0), str(-0.5), 1e300 * 1e10, -1e300 * 1e10, 2 ** 0.5 * 2 ** 0.5, 7 // 2.0, -7 % 3.0, round(-2.5), round(0.125, 2), round(0.375, 2))
print(int("0x1f", 16), int("101", 2), int(" -7 "), float("-inf"), 3 == 3.0, hash(1) == hash(1.0), True == 1, None is None)
print(isinstance([], list), type({}) is dict, list.__name__, int.__name__, type(v).__name__, type(type))
nums = [5, 3, 8]
nums.sort(key=lambda n: -n); print(nums, sorted(nums)[::-1], list(reversed(nums)))
s = "The quick brown fox"
print(s.split(), s.lower().count("o"), s.index("q"), s.title(), s.swapcase(), s.partition(" "), s.rsplit(" ", 1))
print(any(c.isupper() for c in s), all(len(w) > 2 for w in s.split()), sum(len(w) for w in s.split()))
w = {"a": [1], "b": [2, 3]}
print(sum(len(x) for x in w.values()), sorted(w, key=lambda k: -len(w[k])), dict(sorted(w.items())), list(w.items())[0])
print(min([], default="empty"), max("abc"), abs(-0.0), divmod(7.5, 2), pow(3, -1), 0.1 * 3, 1 - 0.9)
class Base:
    count = 0
    def __init__(self): Base.count += 1
class Child(Base):
    def __init__(self):
        super().__init__()
        self.kind = "child"
c1, c2 = Child(), Child(); print(Base.count, c1.kind, Child.count)
### formatting and numbers
import math
print(f"{1e-7:.2e}", f"{12345.6789:,.2f}", '%5s|%-5s|' % ('a', 'b'), "{:10.4f}".format(math.pi), str(1/3), repr(1e23), 1e22, 5e-324, 1.7976931348623157e308)
print(int(1e20), 10**20/3, round(1e20), 2**53 + 1, float(2**53 + 1), 1e16 + 1, 0.1 + 0.7, 4.35 * 100, 1.1 * 3, 3 * 0.1 == 0.3)
print(f"{0.5:.0f} {1.5:.0f} {2.5:.0f} {0.125:.2f} {0.375:.2f} {1.005:.2f} {2.675:.2f} {-0.0:.1f} {1e100:.3g} {123456:.2e}")
print(f"{3:5d}|{-3:<5d}|{3:^5}|{3:+}|{-3.5:08.2f}|{255:#x}|{255:#o}|{5:#b}|{0.25:%}|{0.25:.1%}|{1234567.891:,}")
print(f"{'abc':>10}|{'abc':_<8}|{'abc':.2}|{12:010}|{-12:010}|{3.0:g}|{3.14159:g}|{1e-5:g}|{1e16:g}|{123456789.0:g}")
print(format(3.14159, '.3f'), format(42, 'x'), format(0.000123, 'e'), format(1234.5, 'E'), format(10, ''), format('s', '^5'))
print('%e %g %G %.3g %10.3e %x %X %o %c %%' % (12345.678, 0.00001234, 1e20, math.pi, 0.5, 255, 255, 8, 65))
print('%(a)s-%(b)05.1f' % {'a': 'x', 'b': 2.25}, '%s %r' % ([1], 'q'), '%d%%' % 50, '%i' % 3.9, '%5.1f|' % -2.25)
print(math.sqrt(2), math.floor(-2.5), math.ceil(2.1), math.exp(1), math.log(10), math.log(8, 2), math.isclose(0.1 + 0.2, 0.3), math.inf, -math.inf, math.nan)
print(abs(-7.25), max(1.5, 2), min(-1, -1.0), sum([1.5, 2.5]), sum(range(101)), pow(2.0, 3), 2 ** 10 ** 2 % 1000, (-8) ** (1/3) if False else 0)
print(str(10**25), int('123456789012345678901234567890') * 2, -(-(2**64)) // 3, (2**64) % 7, hex(2**70), 7 // -2, -7 // -2, 7 % -2, divmod(-7, -2))
print(1 == 1.0, 1 is 1, 0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9, float('1_000.5'), int('1_000'), 1_000_000, 0b1010, 0o17, 0xff)
print(True + 1, True / 2, False * 5, -True, ~True, True & False, True | False, True ^ True, int(True), float(False), str(True), bool('False'))
print(sorted([3.5, 1, 2.25, -1]), sorted(['b', 'A', 'a', 'B']), sorted([(1, 'b'), (1, 'a')]), sorted('hello', reverse=True), [1, 2] == [1.0, 2.0])
### decorators, scopes, assignment forms
def deco(tag):
    def wrap(fn):
        def inner(*a, **k):
            return f"<{tag}>{fn(*a, **k)}</{tag}>"
        return inner
    return wrap
@deco("b")
@deco("i")
def hello(name, punct="!"):
    return "hi " + name + punct
print(hello("bo"), hello("al", punct="?"))
def register(cls):
    cls.registered = True
    return cls
@register
class R: pass
print(R.registered)
def kwonly(a, *, b, c=3): return a, b, c
print(kwonly(1, b=2), kwonly(a=0, b=1, c=2))
try:
    kwonly(1, 2)
except TypeError as e:
    print(e)
try:
    kwonly(1)
except TypeError as e:
    print(e)
mults = [lambda x, i=i: x * i for i in range(3)]
print([m(10) for m in mults])
data = {"a": [1, 2], "b": [3]}
data["a"][0] += 10; data["c"] = data.pop("b"); del data["c"][0]
print(data)
lst = list(range(10)); lst[::2] = [0] * 5; print(lst); lst[1:3] = []; print(lst)
class P:
    def __init__(self): self.v = [1]
p = P(); p.v += [2]; p.v[0] *= 5; print(p.v)
print([y for x in range(5) if (y := x * x) > 4])
def is_even(n): return True if n == 0 else is_odd(n - 1)
def is_odd(n): return False if n == 0 else is_even(n - 1)
print(is_even(10), is_odd(7))
class S:
    def __str__(self): return "str-S"
    def __repr__(self): return "repr-S"
print(S(), [S()], str(S()), f"{S()}", f"{S()!r}", "%s %r" % (S(), S()))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("converted") from None
except ValueError as e:
    print(type(e).__name__, e, e.__cause__ if hasattr(e, "__cause__") else None)
def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")
for v in gen_with_finally():
    print("v", v)
counter = 0
def outer():
    def inner():
        global counter
        counter += 1
    inner(); inner()
outer(); print(counter)
x = [1, 2, 3]
a = b = x[1] = 9
print(a, b, x)
t = 1, 2
(u, v), w = t, 3
print(u, v, w)
for i, (k, val) in enumerate(sorted({"z": 1, "y": 2}.items())): print(i, k, val)
s = "abc"
print(s[::-1], s[-1::-2], s[5:], s[:-5], "".join(reversed(s)), s * 0, list(s))
print(type(1 if True else 2.0), (lambda *a, **k: (a, k))(1, x=2), (lambda: None)())
nums = [3, 1, 2]
print(sorted(nums), nums, nums.sort(), nums)
import math as m
from math import pi as PI, e
print(round(m.pi, 3), round(PI * e, 4))
### fast paths keep Python's order
xs = [1, 2, 3]
def grow():
    xs.append(9)
    return 10
xs[0] += grow(); print(xs)
ys = [1, 2, 3]
def shrink():
    ys.pop()
    return 1
ys[-1] += shrink(); print(ys)
ws = [0.5, 1.5]; ws[1] -= 0.25; ws[-2] *= 4; ws[-1] = 8; print(ws)
a = [1, 2]; x, a[0] = a; print(x, a)
grown = [1, 2]
for v in grown:
    if len(grown) < 5: grown.append(v * 10)
print(grown)
def f(a, b=2, *, c=3): return a, b, c
def g(a=1, b=2): return a + b
print(f(1), f(1, 5), f(1, c=9), f(b=7, a=0), g(), g(5), g(5, 6))
class R:
    def m(self): return 'cls'
r = R(); r.m = lambda: 'inst'; print(r.m(), 7 % 3, -7 % 3, 7.5 % 2, 1 / 4, 2 - 0.5, 3 * 0.5, 1 + 2 < 4 == True)
try:
    r.nope(print("arguments evaluated"))
except AttributeError as e:
    print(e)

### builtin methods: index bounds, several iterables, keyword-only sort
xs = [1, 2, 3, 2, 1]
print(xs.index(2), xs.index(2, 2), xs.index(1, -2), xs.index(2, 0, 2))
try:
    xs.index(3, 0, 2)
except ValueError as e:
    print(e)
t = (1, 2, 3, 2)
print(t.index(2, 2), t.index(2, -1), t.index(3, 0, 100))
try:
    t.index(1, 1, 3)
except ValueError as e:
    print(e)
s = {1, 2, 3, 4}
s.intersection_update([1, 2, 3], [2, 3, 9]); print(s)
s.difference_update([2], [3]); print(s)
ys = [3, 1, 2]; ys.sort(reverse=True); print(ys); ys.sort(key=lambda v: -v); print(ys)
print({}.fromkeys("ab", 0), dict.fromkeys([1]))
print(xs.index(2, 0, 9999999999999999999), "ab".split(sep="a"), "a-b-c".rsplit("-", maxsplit=1))

### builtin methods: isascii, isprintable, istitle, bit_count, as_integer_ratio, symmetric_difference_update, range.count and index
print("abc".isascii(), "".isascii(), "é".isascii(), "a\x7f".isascii())
print("ab c".isprintable(), "".isprintable(), "a\tb".isprintable(), "a\nb".isprintable(), "\u00a0".isprintable())
print("Hello World".istitle(), "Hello world".istitle(), "HELLO".istitle(), "".istitle(), "A1 B2".istitle(), "1".istitle(), "Ab Cd-Ef".istitle())
print((0).bit_count(), (13).bit_count(), (-13).bit_count(), (2 ** 70 - 1).bit_count(), True.bit_count())
print((7).as_integer_ratio(), (-3).as_integer_ratio(), True.as_integer_ratio())
s = {1, 2, 3}
s.symmetric_difference_update([3, 4, 4, 5]); print(sorted(s))
r = range(2, 20, 3)
print(r.count(5), r.count(6), r.count(5.0), r.count("5"), r.index(8), r.index(8.0), range(10, 0, -2).index(4))
try:
    r.index(7)
except ValueError as e:
    print(e)
try:
    r.index(2.5)
except ValueError as e:
    print(e)

### a class inside a function: its methods see the function's names through the class body
def t():
    class V:
        def m(self):
            return V
    return V().m().__name__
print(t())
def outer():
    x = 'outer x'
    class A:
        x = 'class x'
        def get(self):
            return x
        y = x
    return A().get(), A.y, A.x
print(outer())
def counter():
    n = 0
    class C:
        def inc(self):
            nonlocal n
            n += 1
            return n
    c = C()
    c.inc(); c.inc()
    return n
print(counter())
def nested():
    k = 3
    class A:
        class B:
            def f(self):
                return k * 2
    return A.B().f()
print(nested())
def with_super():
    class Base:
        def hi(self): return 'base'
    class D(Base):
        def hi(self):
            return 'd+' + super().hi()
    return D().hi()
print(with_super())
def make():
    class Node:
        def __init__(self, v, nxt=None):
            self.v = v
            self.nxt = nxt
        def push(self, v):
            return Node(v, self)
        def __repr__(self):
            return f'Node({self.v})'
    return Node(1).push(2).push(3)
print(make(), make().nxt.nxt)

### comprehensions in a class body: the class's names are not seen (its first iterable is), a function's are
class M:
    c = 3
    xs = [1, 2]
    ys = [x * 2 for x in xs]
    try:
        d = [c for _ in range(2)]
    except NameError as e:
        d = str(e)
    try:
        e2 = {k: c for k in xs}
    except NameError as e:
        e2 = str(e)
    g = list(x + 1 for x in xs)
    try:
        h = list(x + c for x in xs)
    except NameError as e:
        h = str(e)
print(M.ys, M.d, M.e2, M.g, M.h)
def f():
    c = 'outer c'
    class K:
        c = 'class c'
        a = [c for _ in range(1)]
        b = c
        n = [i * len(c) for i in range(2)]
    return K.a, K.b, K.n
print(f())
def f2():
    base = 10
    class K:
        vals = [base + i for i in range(3)]
        sq = {i: base * i for i in range(2)}
        nested = [[base + j for j in range(i)] for i in range(3)]
    return K.vals, K.sq, K.nested
print(f2())
c = 'global c'
class G:
    c = 'class c'
    a = [c for _ in range(1)]
print(G.a)

### classes in functions: class attributes, decorators, static and class methods, nonlocal, a class per loop step
def a1():
    y = 5
    class K:
        z = y + 1
        w = [y * i for i in range(3)]
        f = lambda self: y * 10
    return K.z, K.w, K().f()
print(a1())
class M:
    c = 3
    try:
        d = [c for _ in range(2)]
    except NameError as e:
        d = str(e)
print(M.d)
def a2():
    v = 1
    class K:
        v = 2
        def get(self):
            return v
        def cls_v(self):
            return self.v
    return K().get(), K().cls_v()
print(a2())
def a3():
    def inner():
        class Q:
            def m(self):
                return inner.__name__
        return Q().m()
    return inner()
print(a3())
def a4():
    x = 0
    class A:
        def bump(self):
            nonlocal x
            x += 10
        class B:
            def peek(self):
                return x
    A().bump()
    return A.B().peek()
print(a4())
def a5():
    items = []
    for i in range(3):
        class T:
            n = i
            def get(self):
                return i
        items.append(T)
    return [t.n for t in items], [t().get() for t in items]
print(a5())
g = 'global g'
def a6():
    class G:
        global g
        g = 'changed'
        def read(self):
            return g
    return G().read()
print(a6(), g)
def a7():
    class S:
        def __init__(self):
            self.kind = type(self).__name__
        @staticmethod
        def make():
            return S()
        @classmethod
        def build(cls):
            return cls()
    return S.make().kind, S.build().kind
print(a7())
def a8():
    def deco(c):
        c.tag = 'tagged'
        return c
    @deco
    class D:
        def who(self):
            return D.tag
    return D().who()
print(a8())

### a class's __bases__, __base__ and __mro__
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print([k.__name__ for k in D.__mro__], [k.__name__ for k in D.__bases__], D.__base__.__name__, A.__bases__, object.__bases__, object.__base__, int.__mro__, bool.__mro__)
print(ValueError.__mro__, KeyError.__bases__, type(D.__mro__).__name__)
class E(Exception): pass
print(E.__mro__)
print(str.__bases__, list.__base__, dict.__mro__)

### a generator's return value: StopIteration.value, next(), send() and yield from
def gen():
    yield 1
    return 'done'
def gen2():
    yield 1
for g in (gen(), gen2()):
    next(g)
    try:
        next(g)
    except StopIteration as e:
        print('value', e.value, e.args)
def gen3():
    x = yield 1
    return x * 2
g = gen3()
next(g)
try:
    g.send(21)
except StopIteration as e:
    print('send', e.value)
print(StopIteration(5).value, StopIteration().value, StopIteration(1, 2).value)
try:
    next(iter([]))
except StopIteration as e:
    print(repr(e.value))
def outer():
    r = yield from gen()
    print('got', r)
    yield 2
print(list(outer()))

### numpy.diff: orders, axes, booleans, n=0, and its errors
import numpy as np
print(np.diff([1, 4, 9, 16]), np.diff([1, 4, 9, 16], n=2), np.diff(np.array([1.5, 2.0, 4.5])), np.diff([[1, 3, 6], [0, 5, 5]]), np.diff([[1, 3, 6], [0, 5, 5]], axis=0))
print(np.diff([True, False, False, True]), np.diff([5]), np.diff([1, 2, 3], n=0), np.diff(np.arange(6).reshape(2, 3), axis=-2).shape)
x = np.linspace(0, 1, 5)
y = x ** 2
print(np.diff(y) / np.diff(x))
for bad in [lambda: np.diff(5), lambda: np.diff([1, 2], n=-1), lambda: np.diff([1, 2], axis=1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

### == and != on the same object ask its own __eq__ and __ne__ (containers compare items by identity first)
import numpy as np
a = np.arange(3)
print(a == a, a != a)
class C:
    def __eq__(self, o): return 'custom'
    def __ne__(self, o): return 'custom ne'
c = C()
print(c == c, c != c, [c] == [c], (c,) == (c,), c in [c])
class D:
    pass
d = D()
print(d == d, d != d, [d] == [d])
x = float('nan')
print(x == x, [x] == [x], x != x, x in [x])
### collections Counter defaultdict deque namedtuple OrderedDict
from collections import Counter, defaultdict, deque, namedtuple, OrderedDict
import collections
c = Counter("abracadabra")
print(c, c['a'], c['z'], len(c), 'z' in c)
print(c.most_common(2), c.most_common(), sorted(c.elements())[:6], c.total())
c.update("aaz"); c.subtract({'a': 10}); print(c)
print(Counter(a=3, b=1) + Counter(a=1, c=2), Counter(a=3, b=1) - Counter(a=1, b=5), Counter(a=3) & Counter(a=1, b=2), Counter(a=3) | Counter(a=1, b=2))
print(+Counter(a=-1, b=2), -Counter(a=-1, b=2), Counter(), repr(Counter([1, 1, 2])), type(c), isinstance(c, dict))
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) == {'a': 1}, dict(Counter('aab')), list(Counter('bba')))
d = defaultdict(list)
d['x'].append(1); d['y']; print(d, d.default_factory, len(d), d.get('q'), 'q' in d)
e = defaultdict(int); e['a'] += 2; print(e, dict(e), defaultdict(), repr(defaultdict(lambda: 0, a=1))[:22])
dq = deque([1, 2, 3], maxlen=4)
dq.append(4); dq.append(5); dq.appendleft(0); print(dq, dq.maxlen, len(dq), dq[0], dq[-1], list(reversed(dq)))
dq.rotate(1); print(dq); dq.rotate(-2); print(dq, dq.popleft(), dq.pop(), dq)
q = deque(); q.extend('ab'); q.extendleft('cd'); print(q, q.count('a'), q.index('a'), 'b' in q, q == deque('dcab'), bool(deque()))
Point = namedtuple('Point', ['x', 'y'])
p = Point(1, y=2)
print(p, p.x, p[1], p._fields, p._asdict(), p._replace(x=5), Point._make([3, 4]), tuple(p), p == (1, 2), type(p), isinstance(p, tuple))
x, y = p; print(x + y, len(p), Point, Point.__name__, hash(p) == hash((1, 2)))
P3 = namedtuple('P3', 'a b c', defaults=[0, 9]); print(P3(1), P3._field_defaults)
od = OrderedDict([('a', 1), ('b', 2)]); od['c'] = 3; od.move_to_end('a'); print(od, od.popitem(), od.popitem(last=False), od)
print(OrderedDict(), OrderedDict(x=1), list(od.keys()))
### collections with objects, loops and the rest of the language
import collections
from collections import Counter, defaultdict, deque, namedtuple, OrderedDict
class Num:
    def __init__(self, v): self.v = v
    def __repr__(self): return f"Num({self.v})"
    def __eq__(self, o): return isinstance(o, Num) and self.v == o.v
    def __hash__(self): return hash(self.v)
    def __lt__(self, o): return self.v < o.v
    def __add__(self, o): return Num(self.v + (o.v if isinstance(o, Num) else o))
    __radd__ = __add__
c = Counter(w for w in "the cat and the hat and the bat".split())
print(c.most_common(3), sorted(c), list(c.keys())[:3], c.keys(), type(c.items()).__name__)
c2 = Counter({'x': Num(1)}); c2.update({'x': Num(2)}); print(c2)
print(Counter([Num(1), Num(1), Num(2)]))
print(Counter(a=2) == Counter(a=2.0), Counter(a=1) != Counter(a=2), Counter('ab') == Counter('ba'))
c3 = Counter(); c3['k'] += 1; c3['k'] += 1; print(c3, c3['missing'], 'missing' in c3, len(c3))
for k, v in Counter('aab').items(): print(k, v, end='; ')
print()
print(sum(Counter('hello').values()), max(Counter('hello'), key=Counter('hello').get), dict(Counter('aab').most_common()))
dd = defaultdict(lambda: defaultdict(int)); dd['a']['b'] += 3; print(dd['a'], dict(dd['a']), len(dd))
hist = defaultdict(list)
for i, w in enumerate("one two three four five".split()): hist[len(w)].append(w)
print(sorted(hist.items()), hist.setdefault(9, 'z'), hist.pop(9), hist.get(3), list(hist))
dd2 = defaultdict(int, {'a': 1}); dd2.default_factory = list; dd2['n'].append(1); print(dd2, dd2.copy(), type(dd2.copy()) is defaultdict, isinstance(dd2, dict))
q = deque(maxlen=3)
for i in range(6): q.append(i)
print(q, list(q), sum(q), max(q), sorted(q, reverse=True), len(q), 4 in q, 9 in q, *q)
a, b, c_ = q; print(a, b, c_, q[1], q[-1], bool(q), bool(deque()), list(enumerate(q)), list(zip(q, 'xyz')))
q2 = deque('abc', 2); print(q2, deque([], 0), deque(range(3)) + deque([9]), deque([1]) * 3, 2 * deque([7]))
q3 = deque([1, 2, 3]); q3 += [4]; q3.insert(1, 'i'); del q3[0]; q3[0] = 'I'; print(q3, q3.index(3), q3.count(4)); q3.reverse(); print(q3); q3.clear(); print(q3)
q4 = deque([1, 2]); q4.extend(q4); print(q4)
try:
    for v in q4: q4.append(v)
except RuntimeError as e: print('RuntimeError', e)
print(deque([Num(1), Num(2)]), Num(2) in deque([Num(1), Num(2)]), deque([Num(3)]).index(Num(3)), deque([1,2]) == deque([1,2]), deque([1]) < deque([2]))
dq5 = deque([[1], [2]]); dq5.append(dq5); print(dq5)
Point = namedtuple('Point', 'x, y')
pts = [Point(3, 1), Point(1, 2), Point(2, 0)]
print(sorted(pts), max(pts, key=lambda p: p.y), [p.x for p in pts], {p: i for i, p in enumerate(pts)}[Point(1, 2)])
for x, y in pts: print(x * y, end=' ')
print()
p = pts[0]
print(str(p), f"{p} {p.x:>3}", p[0:1], p + (3,), p * 2, p.count(3), p.index(1), Point(*[1, 2]), Point(**{'x': 1, 'y': 2}), p < Point(3, 2), type(p).__name__, Point._fields)
print(Point.__doc__, Point._field_defaults, Point.__mro__, Point.__bases__, p._asdict())
Emp = namedtuple('Emp', ['name', 'age'], defaults=[30], module='hr'); print(Emp('ann'), Emp, repr(Emp('b', 2)))
Batch = namedtuple('Batch', ('inputs', 'targets')); print(Batch([1], [0]))
od = OrderedDict.fromkeys('abc', 0); print(od, type(od))
od2 = OrderedDict(b=1, a=2); od2.update(c=3); od2.move_to_end('b', last=False); print(od2, list(reversed(od2)), od2.copy(), od2 == {'a': 2, 'b': 1, 'c': 3})
print(isinstance(Counter(), dict), issubclass(defaultdict, dict), collections.Counter is Counter, repr(collections.deque), OrderedDict.__module__)
### collections errors
from collections import deque, namedtuple, Counter, defaultdict, OrderedDict
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__ + ':', e)
d = deque([1,2])
t(lambda: d.remove(5)); t(lambda: d.index(5)); t(lambda: deque().pop()); t(lambda: d[5]); t(lambda: d['a']); t(lambda: d[1:2])
t(lambda: deque([1], maxlen=-1)); t(lambda: deque([1], maxlen='a')); t(lambda: d + [1]); t(lambda: d.append()); t(lambda: d.rotate(1, 2))
t(lambda: d.index()); t(lambda: d.insert(1)); t(lambda: hash(d)); t(lambda: deque(1)); t(lambda: deque([1], 2, 3)); t(lambda: deque(x=1)); t(lambda: d * 'a')
t(lambda: type(iter(d))); t(lambda: type(reversed(d))); t(lambda: d.pop(1)); t(lambda: deque([1], maxlen=1).insert(0, 2)); t(lambda: d < deque([1,3])); t(lambda: d == [1,2])
P = namedtuple('P', 'x y')
t(lambda: P(1)); t(lambda: P()); t(lambda: P(1, 2, 3)); t(lambda: P(1, z=2)); t(lambda: P(1, 2, x=3)); t(lambda: P(1,2)._replace(z=1))
t(lambda: namedtuple('P', 'x x')); t(lambda: namedtuple('P', 'x _y')); t(lambda: namedtuple('P', 'x def')); t(lambda: namedtuple('1P', 'x')); t(lambda: namedtuple('P', 'a b', rename=True, defaults=(1,2,3)))
t(lambda: namedtuple('P', ['a', 'def', '_c', 'a'], rename=True)._fields); t(lambda: namedtuple('P', 'a,b')._fields)
def s(): p = P(1, 2); p.x = 5
t(s)
def s2(): p = P(1, 2); p.z = 5
t(s2)
t(lambda: defaultdict(1)); t(lambda: defaultdict()['x']); t(lambda: OrderedDict().popitem()); t(lambda: OrderedDict().move_to_end('x')); t(lambda: OrderedDict(a=1) == OrderedDict(a=1)); t(lambda: OrderedDict(a=1,b=2) == OrderedDict(b=2,a=1)); t(lambda: OrderedDict(a=1,b=2) == dict(b=2,a=1))
t(lambda: type(Counter('a').elements())); t(lambda: Counter(a=2, b=-1).most_common(-1)); t(lambda: Counter('abc').most_common(1.5)); t(lambda: Counter(a=1) + 1)
c = Counter(a=1); del c['zz']; print(c)
c = Counter(a=3); c += Counter(a=-5, b=2); print(c); c -= Counter(b=1); print(c)
t(lambda: P.__doc__); t(lambda: P._make([1])); t(lambda: P(1,2).count(1)); t(lambda: P(1, 2) + (3,)); t(lambda: P(y=1, x=2))
t(lambda: list(Counter(a=1.5).elements())); t(lambda: Counter('ab') + {'a': 1}); t(lambda: list(Counter(a=2, b=0, c=1).elements())); t(lambda: reversed({'a': 1, 'b': 2}).__class__); t(lambda: list(reversed({'a': 1, 'b': 2}.items())))

### random: every kind of seed gives CPython's draws (ints by their words, float hashes, str and bytes by SHA-512, version 1)
import random
for s in [0, 1, 42, -5, 5, 2**32, 2**32 - 1, 2**64 - 1, 2**100, -2**100, True, False, 3.5, -3.0, 3.0, 0.1, -1.0, 1e300, float('inf'), float('-inf'), 'hello', '', 'héllo ☃ 😀', 'x' * 200]:
    random.seed(s)
    print(repr(s)[:20], random.random(), random.random())
random.seed(b'abc')
a = random.random()
random.seed('abc')
print(a, a == random.random())
for s in ['hello', '', 'ab', 'héllo']:
    random.seed(s, version=1)
    print(repr(s), random.random())
random.seed(7, version=1)
print(random.random())
random.seed(42)
x = random.random()
random.seed(a=42, version=2)
print(x == random.random())

### random: random() and getrandbits across the twist, and the gauss cache seed() resets
import random
random.seed(2024)
xs = [random.random() for _ in range(1500)]
print(xs[0], xs[311], xs[623], xs[624], xs[1249], xs[-1])
print([random.getrandbits(k) for k in [0, 1, 2, 8, 31, 32, 33, 52, 53, 54, 63, 64, 65, 100, 128, 300]])
random.seed(1)
print(random.getrandbits(1000) % 10**30, random.getrandbits(True))
print(sum(random.getrandbits(32) for _ in range(2000)))
random.seed(3)
print(random.gauss(), random.gauss(), random.gauss())
random.seed(3)
print(random.gauss())
random.seed(3)
print(random.gauss(), random.random())

### random: randint, randrange, choice, shuffle for several seeds
import random
for s in [0, 1, 42, 12345]:
    random.seed(s)
    print(s, [random.randint(1, 6) for _ in range(12)], random.randint(-10**6, 10**6), random.randint(5, 5))
    print(' ', random.randrange(10), random.randrange(3, 9), random.randrange(0, 100, 5), random.randrange(100, 0, -3), random.randrange(-7, 7, 2), random.randrange(2**31), random.randrange(2**53 + 1))
    print(' ', random.choice([10, 20, 30]), random.choice('python'), random.choice(('a', 'b')), random.choice(range(1000)), random.choice(range(10**18)), random.choice(range(-10**17, 10**18, 7)))
    deck = list(range(20)); random.shuffle(deck); print(' ', deck)
    words = ['a', 'b', 'c', 'd']; random.shuffle(words); print(' ', words)
    print(' ', random.randrange(2**70), random.randint(-2**80, 2**80), random.randrange(10**20, 10**21, 10**15))
random.seed(8)
rolls = [random.randint(1, 6) for _ in range(6000)]
print([rolls.count(i) for i in range(1, 7)])

### random: sample's two algorithms, counts, and choices with weights and cumulative weights
import random
random.seed(11)
print(random.sample(range(21), 10), random.sample(range(22), 10))
print(random.sample(range(85), 6), random.sample(range(86), 6), random.sample(range(85), 7))
print(random.sample(range(10**12), 3), random.sample([1, 2, 3, 4, 5, 6, 7], 7), random.sample('abcdefgh', 3), random.sample((1, 2, 3), 2))
print(random.sample(range(1000), 0), random.sample([], 0), random.sample(range(100), 30))
print(random.sample(['red', 'blue'], counts=[4, 2], k=5), random.sample(['a', 'b'], 2, counts=[True, 1]), random.sample('xy', 4, counts=(3, 2)))
for k in range(8):
    print(k, random.sample(range(50), k))
print(random.choices(['a', 'b', 'c'], k=10))
print(random.choices(['a', 'b', 'c'], [1, 2, 3], k=10))
print(random.choices(['a', 'b', 'c'], [0.2, 0.0, 0.8], k=10))
print(random.choices(range(10), cum_weights=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], k=5))
print(random.choices('abc', cum_weights=(1, 1, 5), k=5), random.choices('abc', k=True), random.choices('abc', k=0), random.choices('abc', k=-2))
print(random.choices([1, 2]), random.choices((1, 2, 3), [1.5, 2, 0.5], k=5), random.choices([], k=0))
print(sorted(set(random.choices(range(5), [1, 0, 1, 0, 1], k=200))))

### random: the real-valued distributions, draw for draw
import random
for s in [0, 1, 42, 'seed']:
    random.seed(s)
    print(s, random.uniform(-1, 1), random.uniform(5, 5.5), random.uniform(1, 1), random.uniform(10, 0))
    print(' ', random.triangular(), random.triangular(0, 10, 2), random.triangular(1, 2), random.triangular(10, 0), random.triangular(0, 10, 10), random.triangular(3, 3, 3), random.triangular(mode=0.2))
    print(' ', random.gauss(), random.gauss(10, 2), random.gauss(mu=1, sigma=0.1), random.gauss(0, 0))
    print(' ', random.normalvariate(), random.normalvariate(5, 3), random.lognormvariate(0, 1), random.expovariate(1.5), random.expovariate(3), random.expovariate(-2))
    print(' ', random.vonmisesvariate(1.0, 2.0), random.vonmisesvariate(0, 0), random.vonmisesvariate(3, 50), random.vonmisesvariate(-10, 2), random.vonmisesvariate(100, 1e6))
    print(' ', random.gammavariate(2.5, 1.0), random.gammavariate(0.5, 2.0), random.gammavariate(1, 3), random.gammavariate(0.01, 1), random.gammavariate(20, 0.5))
    print(' ', random.betavariate(2, 5), random.betavariate(0.5, 0.5), random.betavariate(0.01, 0.01), random.paretovariate(2.5), random.weibullvariate(1.5, 2.5), random.weibullvariate(1, 0.5))
random.seed(5)
g = [random.gauss() for _ in range(1000)]
print(g[:3], g[-3:], round(sum(g), 6))
n = [random.normalvariate(2, 0.5) for _ in range(500)]
print(n[-2:], round(sum(n), 6))

### random: getstate and setstate, and Random instances with their own state
import random
random.seed(1)
random.gauss()
st = random.getstate()
print(type(st), len(st), st[0], type(st[1]), len(st[1]), st[1][:3], st[1][-1], st[2])
a = [random.random() for _ in range(700)]
random.setstate(st)
print(a == [random.random() for _ in range(700)], random.getstate()[1][-1])
random.seed(1)
print(random.getstate()[1][-1], random.getstate()[2], random.getstate()[1][:2])
r1 = random.Random(7)
r2 = random.Random(7)
random.seed(7)
random.random()
print(r1.random() == r2.random(), r1.random(), r2.randint(1, 100), random.random())
r3 = random.Random()
r3.setstate(r1.getstate())
print(r3.random() == r1.random(), r3.choice('abc') == r1.choice('abc'))
print(type(r1), random.Random.VERSION, r1.gauss_next, r1.gauss(), r1.gauss_next)
r1.seed(3)
print(r1.gauss_next, r1.random())
r1.gauss_next = 5.0
print(r1.gauss(), r1.gauss_next)
print(random.Random(x=5).random(), random.Random(5).random(), random.Random(None).random() != random.Random(None).random())
print(isinstance(r1, random.Random), random.Random.__name__, random.randint.__name__)
random.setstate((3, tuple([5] * 624 + [624]), None))
print(random.random(), random.random())
random.setstate((2, tuple([-5] * 624 + [0]), 0.5))
print(random.gauss(), random.getstate()[1][:2])
random.setstate([3, tuple([2**32 + 7] * 624 + [True]), 'kept'])
print(random.getstate()[1][:2], random.getstate()[1][-1], random.getstate()[2])

### random: CPython's errors for bad arguments, and the draws made before them
import random
random.seed(3)
def t(f):
    try:
        print('OK', repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)
    print('  next', random.random())
t(lambda: random.choice([]))
t(lambda: random.choice(''))
t(lambda: random.choice({}))
t(lambda: random.choice({1: 2}))
t(lambda: random.choice(5))
t(lambda: random.choice({1, 2}))
t(lambda: random.shuffle((1, 2)))
t(lambda: random.shuffle('ab'))
t(lambda: random.shuffle(5))
t(lambda: random.sample({1, 2}, 1))
t(lambda: random.sample({1: 2}, 1))
t(lambda: random.sample([1, 2], 3))
t(lambda: random.sample([1, 2], -1))
t(lambda: random.sample([1, 2], 1.0))
t(lambda: random.sample([1, 2], '1'))
t(lambda: random.sample([1, 2, 3], 2**70))
t(lambda: random.sample([1, 2], 1, counts=[1]))
t(lambda: random.sample([1, 2], 1, counts=[1, 1.5]))
t(lambda: random.sample([1, 2], 1, counts=[0, 0]))
t(lambda: random.sample([1, 2], 1, counts=5))
t(lambda: random.sample([1, 2], 1, counts=['a', 'b']))
t(lambda: random.sample([], 0, counts=[]))
t(lambda: random.sample(['a', 'b'], 4, counts=[2, 1]))
t(lambda: random.choices([1, 2], 3))
t(lambda: random.choices([1, 2], True))
t(lambda: random.choices([1, 2], [1]))
t(lambda: random.choices([1, 2], [1, 1], cum_weights=[1, 2]))
t(lambda: random.choices([1, 2], [0, 0]))
t(lambda: random.choices([1, 2], [-1, 0.5]))
t(lambda: random.choices([1, 2], [1, float('inf')]))
t(lambda: random.choices([1, 2], [1, float('nan')]))
t(lambda: random.choices([1, 2], [1, 'a']))
t(lambda: random.choices([], k=2))
t(lambda: random.choices([1, 2], k=2.0))
t(lambda: random.choices([1, 2], k='a'))
t(lambda: random.choices([1, 2], [1, 2], k='a'))
t(lambda: random.choices([1, 2], cum_weights=[1], k=2))
t(lambda: random.choices([1, 2], cum_weights=[], k=2))
t(lambda: random.choices([], cum_weights=[], k=2))
t(lambda: random.choices({1, 2}))
t(lambda: random.choices(5))
t(lambda: random.randrange(0))
t(lambda: random.randrange(-3))
t(lambda: random.randrange(5, 5))
t(lambda: random.randrange(5, 2))
t(lambda: random.randrange(1, 10, 0))
t(lambda: random.randrange(10, 1, 3))
t(lambda: random.randrange(5, step=2))
t(lambda: random.randrange(5, step=True))
t(lambda: random.randrange(5, None, 1))
t(lambda: random.randrange('a'))
t(lambda: random.randrange(None))
t(lambda: random.randint(1.5, 3))
t(lambda: random.randint(1.0, 3))
t(lambda: random.randint(1, 'a'))
t(lambda: random.randint('a', 3))
t(lambda: random.randint(5, 1))
t(lambda: random.getrandbits('a'))
t(lambda: random.getrandbits(2.0))
t(lambda: random.getrandbits(-1))
t(lambda: random.getrandbits(2**40))
t(lambda: random.getrandbits(-2**40))
t(lambda: random.uniform('a', 'b'))
t(lambda: random.uniform(1, 'b'))
t(lambda: random.uniform('a', 1))
t(lambda: random.triangular('a'))
t(lambda: random.triangular(1, 1, 'a'))
t(lambda: random.triangular(0, 1, 5))
t(lambda: random.gauss('a'))
t(lambda: random.normalvariate('a', 1))
t(lambda: random.lognormvariate('a', 1))
t(lambda: random.lognormvariate(800, 1))
t(lambda: random.expovariate(0))
t(lambda: random.expovariate('a'))
t(lambda: random.gammavariate(0, 1))
t(lambda: random.gammavariate(2, 0))
t(lambda: random.gammavariate('a', 1))
t(lambda: random.gammavariate(1, 'a'))
t(lambda: random.betavariate(0, 1))
t(lambda: random.paretovariate(0))
t(lambda: random.paretovariate('a'))
t(lambda: random.weibullvariate(1, 0))
t(lambda: random.weibullvariate(1, -1))
t(lambda: random.weibullvariate('a', 1))
t(lambda: random.vonmisesvariate(0, 'a'))
t(lambda: random.vonmisesvariate('a', 1))
t(lambda: random.seed([1]))
t(lambda: random.seed((1,)))
t(lambda: random.seed({}))
t(lambda: random.seed(1, version=1))
t(lambda: random.setstate(5))
t(lambda: random.setstate(()))
t(lambda: random.setstate((3,)))
t(lambda: random.setstate((4, (), None)))
t(lambda: random.setstate(('3', 5, None)))
t(lambda: random.setstate((3, (1, 2), None)))
t(lambda: random.setstate((3, 5, None)))
t(lambda: random.setstate((3, [1] * 625, None)))
t(lambda: random.setstate((2, 5, None)))
t(lambda: random.setstate((3, tuple([1] * 624 + [625]), None)))
t(lambda: random.setstate((3, tuple([1] * 624 + [-1]), None)))
t(lambda: random.setstate((3, tuple([1] * 624 + [2**63]), None)))
t(lambda: random.setstate((3, tuple([1] * 624 + [1.0]), None)))
t(lambda: random.setstate((3, tuple([-1] * 624 + [1]), None)))
t(lambda: random.setstate((3, tuple([2**64] * 624 + [1]), None)))
t(lambda: random.setstate((3, tuple([1.0] * 624 + [1]), None)))
t(lambda: random.setstate((3, tuple([1] * 624 + [1]), 'x', 4)))
t(lambda: random.setstate((3, tuple([1] * 624 + [1]))))

### random: wrong calls are worded as CPython words them
import random
def t(f):
    try:
        f()
    except TypeError as e:
        print(e)
t(lambda: random.randint(1))
t(lambda: random.randint(1, 2, 3))
t(lambda: random.random(1))
t(lambda: random.getrandbits())
t(lambda: random.getrandbits(k=3))
t(lambda: random.seed(1, 2, 3))
t(lambda: random.seed(a=1, version=2, x=3))
t(lambda: random.Random(1, 2))
t(lambda: random.Random(y=5))
t(lambda: random.Random.random())
t(lambda: random.shuffle([1], 2))
t(lambda: random.sample([1, 2]))
t(lambda: random.sample([1, 2], 1, 2))
t(lambda: random.choices([1], None, None))
t(lambda: random.uniform(1))
t(lambda: random.gauss(mu=1, sigma=2, x=3))
t(lambda: random.expovariate())
t(lambda: random.getstate(1))
t(lambda: random.choice())
print(repr(random.randint).split(' at 0x')[0])
print(random.Random, type(random.Random(1)).__module__)

### function attributes: set, read and deleted; __name__, __qualname__, __doc__, __module__ assigned; a method shows its function's
def f(x):
    "doc of f"
    return x
f.calls = 0
f.calls += 1
print(f.calls, f.__dict__, f.__module__, f.__name__, f.__qualname__, f.__doc__)
f.__name__ = 'g'
f.__qualname__ = 'Outer.g'
f.__doc__ = None
f.__module__ = 'mod'
print(f.__name__, f.__qualname__, f.__doc__, f.__module__, repr(f).split(' at ')[0], f(3))
del f.calls
print(hasattr(f, 'calls'), f.__dict__)
f.__dict__ = {'a': 1}
print(f.a, f.__dict__)
def set_name(): f.__name__ = 3
def set_qualname(): f.__qualname__ = None
def set_dict(): f.__dict__ = 3
def del_missing(): del f.nope
def set_on_builtin(): len.x = 1
for bad in [set_name, set_qualname, set_dict, del_missing, set_on_builtin]:
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
class C:
    def m(self):
        "m's doc"
C.m.tag = 'T'
print(C().m.tag, C.m.tag, C().m.__name__, C().m.__qualname__, C().m.__doc__)
lam = lambda: 0
lam.__doc__ = 5
print(lam.__doc__, lam.__name__)

### itertools: count, cycle, repeat (infinite ones through islice), their reprs
from itertools import count, cycle, repeat, islice
def gen(n):
    for i in range(n):
        yield i
print(list(islice(count(), 5)), list(islice(count(10, 2.5), 4)), list(islice(count(-1, -1), 3)), list(islice(count(2**53 - 2), 4)))
c = count(5); next(c); next(c)
print(repr(c), c, count(1.5, 0.5), count(step=2), count(True), count(True, 2), count(1, True), count(1, False), count(0, 1.0), count(2**70))
c = count(1.5, 0.5); print(next(c), next(c), repr(c))
print(list(islice(cycle('abc'), 8)), list(cycle([])), list(islice(cycle(gen(3)), 7)))
r = repeat('a', 3); print(repr(r), list(r), repr(r), list(repeat(1, -2)), repeat(1, -2), list(islice(repeat(None), 3)), repeat([1], times=2))
print(list(map(pow, range(5), repeat(2))), list(zip('abc', count(1))))
for x in [count(), cycle('a'), repeat(1)]:
    print(type(x), iter(x) is x, type(x).__name__, type(x).__module__, x.__iter__() is x, x.__next__())

### itertools: accumulate, chain, compress, dropwhile, takewhile, filterfalse, starmap, pairwise
from itertools import *
def gen(n):
    for i in range(n):
        yield i
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3, 4], lambda a, b: a * b)), list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([1, 2], initial=100)), list(accumulate([])), list(accumulate([], initial=7)), list(accumulate(['a', 'b', 'c'])))
print(list(accumulate(gen(5), initial=None)), list(islice(accumulate(count()), 5)), list(accumulate([1.5, 2], func=None, initial=0.5)))
print(list(chain('ab', [1, 2], (), gen(2))), list(chain()), list(chain.from_iterable(['ab', 'cd'])), list(islice(chain.from_iterable(repeat([1, 2])), 5)), chain)
ch = chain([1], 5, [2])
print(next(ch))
try:
    next(ch)
except TypeError as e:
    print('TypeError', e)
print(list(ch))
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(compress('ABC', [1])), list(islice(compress(count(), cycle([0, 0, 1])), 4)))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a'])))
print(list(islice(dropwhile(lambda x: x < 1000, count()), 3)), list(takewhile(lambda x: x < 5, count())))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(lambda *a: a, ['ab', [1], ()])), list(islice(starmap(max, zip(count(), repeat(3))), 5)))
print(list(pairwise('ABCDE')), list(pairwise('A')), list(pairwise([])), list(islice(pairwise(count()), 3)))
for x in [accumulate([1]), chain(), compress([], []), dropwhile(None, []), filterfalse(None, []), starmap(None, []), takewhile(None, []), pairwise([])]:
    print(type(x), iter(x) is x, type(x).__name__, next(x, 'end'))

### itertools: groupby, its groups ended by the outer iterator moving on
from itertools import groupby
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')], [k for k, g in groupby('AAAABBBCCD')])
print([(k, list(g)) for k, g in groupby([1, 2, 3, 4, 5, 6, 7], key=lambda x: x // 3)], list(groupby([])))
groups = groupby('aabbbc')
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, next(g2), list(g2), list(g2))
groups = groupby('aabbbc')
k1, g1 = next(groups)
print(next(g1))
k2, g2 = next(groups)
print(list(g1), k2, list(g2), [(k, list(g)) for k, g in groups], type(g1), type(groups))
print([(k, list(v)) for k, v in groupby([1, 1.0, True, 2, 2.0])])
words = ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apricot']
print({k: list(g) for k, g in groupby(sorted(words), key=lambda w: w[0])})
keys = []
def key(x):
    keys.append(x)
    return x > 2
print([k for k, g in groupby([1, 2, 3, 4, 1], key=key)], keys)

### itertools: islice bounds and how much it reads, tee, zip_longest
from itertools import islice, tee, zip_longest, count
def gen(n, log):
    for i in range(n):
        log.append(i)
        yield i
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)), list(islice('ABCDEFG', 0, None, 2)), list(islice('ABC', 10)), list(islice('ABCDEFG', 1, 6, 2)), list(islice('abc', None)), list(islice('abcdef', None, None, 2)), list(islice('abc', True)))
it = iter(range(10)); print(list(islice(it, 0, 5, 2)), next(it))
it = iter(range(10)); print(list(islice(it, 3)), next(it), list(islice(it, 0)), next(it))
it = iter(range(10)); s = islice(it, 2, 4); print(next(s), next(it), list(s), next(it))
log = []
s = islice(gen(10, log), 1, 3)
print(log[:], next(s), log[:], list(s), log[:], list(s), log[:])
log = []
a, b = tee(gen(5, log))
print(log[:], next(a), next(a), log[:], list(b), list(a), log[:])
a, b, c = tee('abc', 3); print(list(a), list(b), list(c), tee([1], 0), len(tee([1])))
a, b = tee(count()); print([next(a) for _ in range(3)], next(b))
t1, t2 = tee([1, 2, 3])
u1, u2 = tee(t1)
print(u1 is t1, next(u1), list(u2), list(t2), list(u1), type(t1))
log = []
z = zip_longest(gen(2, log), gen(3, log))
print(log[:], next(z), log[:], list(z), log[:])
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest('AB', [1, 2, 3])), list(zip_longest()), list(zip_longest('a')), list(islice(zip_longest(count(), 'ab'), 4)))

### itertools: product, permutations, combinations, combinations_with_replacement
from itertools import *
print(list(product('ab', range(2))), list(product(range(2), repeat=3))[:4], len(list(product('abc', 'de', repeat=2))), list(product('ab', [])), list(product()), list(product(repeat=2)))
print(list(permutations('ABC', 2)), list(permutations(range(3))), list(permutations([])), list(permutations('ab', 0)), list(permutations('ab', 3)), list(permutations([1, 2], True)), len(list(permutations(range(6)))))
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)), list(combinations('ab', 0)), list(combinations('ab', 3)), len(list(combinations(range(10), 4))))
print(list(combinations_with_replacement('ABC', 2)), list(combinations_with_replacement('ab', 0)), list(combinations_with_replacement([], 2)), list(combinations_with_replacement([], 0)), len(list(combinations_with_replacement(range(5), 3))))
print(sum(1 for _ in permutations(range(8))), next(combinations(count() if False else range(100), 3)))
log = []
def gen(n):
    for i in range(n):
        log.append(i)
        yield i
p = product(gen(2), gen(2))
print(log[:], next(p), log[:])
for x in [product(), permutations([]), combinations([], 0), combinations_with_replacement([], 0)]:
    print(type(x), iter(x) is x, next(x), next(x, 'end'))

### itertools: wrong arguments raise CPython's errors
import itertools as it
def attempt(f):
    try:
        r = f()
        print('ok', type(r).__name__)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for f in [lambda: it.count('a'), lambda: it.count(1, None), lambda: it.count(1, 2, 3), lambda: it.count(x=1),
          lambda: it.cycle(), lambda: it.cycle(1), lambda: it.cycle(iterable=[1]), lambda: it.cycle([1], [2]),
          lambda: it.repeat(), lambda: it.repeat(1, 'a'), lambda: it.repeat(1, 2.0), lambda: it.repeat(1, None), lambda: it.repeat(1, 2, 3),
          lambda: it.accumulate(), lambda: it.accumulate(1), lambda: it.accumulate([1], 1, 2), lambda: it.accumulate([1], x=5),
          lambda: list(it.chain(1)), lambda: it.chain(x=1), lambda: it.chain.from_iterable(1), lambda: it.chain.from_iterable(), lambda: it.chain.from_iterable(iterable=[1]),
          lambda: it.compress(), lambda: it.compress([1]), lambda: it.compress([1], 1), lambda: it.compress([1], [1], [1]),
          lambda: it.dropwhile(), lambda: it.dropwhile(1, 2), lambda: list(it.dropwhile(1, [1])), lambda: it.dropwhile(predicate=1, iterable=[]),
          lambda: it.takewhile(), lambda: it.filterfalse(None, 1), lambda: it.filterfalse(None, [1], 1),
          lambda: it.groupby(), lambda: it.groupby(1), lambda: it.groupby([1], 2, 3), lambda: list(it.groupby([1], key=1)),
          lambda: it.islice(), lambda: it.islice([1]), lambda: it.islice(1, 2), lambda: it.islice([1], -1), lambda: it.islice([1], -5), lambda: it.islice([1], 'a'), lambda: it.islice([1], 1.5),
          lambda: it.islice([1], -1, 3), lambda: it.islice([1], 1, -3), lambda: it.islice([1], 0, 3, 0), lambda: it.islice([1], 0, 3, -1), lambda: it.islice([1], 'a', 3),
          lambda: it.islice([1], 0, 3, 'x'), lambda: it.islice([1], 1, 2, 3, 4), lambda: it.islice([1], stop=3), lambda: it.islice([1], 2**70), lambda: it.islice(1, -1),
          lambda: it.pairwise(), lambda: it.pairwise(1), lambda: it.pairwise(iterable=[]),
          lambda: it.starmap(), lambda: it.starmap(1, 2), lambda: list(it.starmap(pow, [1])), lambda: list(it.starmap(1, [(1,)])),
          lambda: it.tee(), lambda: it.tee(1), lambda: it.tee([1], -1), lambda: it.tee(1, 0), lambda: it.tee([1], 'a'), lambda: it.tee(iterable=[]), lambda: it.tee([1], 2, 3),
          lambda: it.zip_longest(1), lambda: it.zip_longest([1], x=2), lambda: it.zip_longest([1], fillvalue=0, x=1),
          lambda: it.product(1), lambda: it.product([1], repeat=-1), lambda: it.product([1], repeat='a'), lambda: it.product([1], x=1), lambda: it.product(1, repeat=-1),
          lambda: it.permutations(), lambda: it.permutations(1), lambda: it.permutations([1], -1), lambda: it.permutations([1], 'a'), lambda: it.permutations([1], 1.0), lambda: it.permutations(1, -1),
          lambda: it.combinations(), lambda: it.combinations([1]), lambda: it.combinations([1], -1), lambda: it.combinations([1], 'a'), lambda: it.combinations(1, 1), lambda: it.combinations(1, 'a'), lambda: it.combinations([1], 1, 2),
          lambda: it.combinations_with_replacement([1], -1), lambda: it.combinations_with_replacement([1])]:
    attempt(f)
for f in [lambda: len(it.count()), lambda: it.count()[0], lambda: it.islice('abc', 2)[0], lambda: it.count().x, lambda: it.count() + 1]:
    try:
        f()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)

### != on a class that defines only __eq__ is its inverse (object.__ne__), NotImplemented passed on
class V:
    def __init__(self, p): self.p = p
    def __eq__(self, o): return self.p == o.p
class W:
    def __eq__(self, o): return NotImplemented
class X:
    def __eq__(self, o): return 'yes'
class P:
    pass
class Sub(V):
    pass
p = P()
w = W()
print(V(1) != V(1), V(1) != V(2), V(1) == V(1), w != w, W() != W(), X() != X(), p != p, P() != P(), Sub(1) != V(1), V(1) != Sub(2), [V(1)] != [V(1)])
print(V.__ne__(V(1), V(1)), object.__ne__(p, p), object.__ne__(p, 1))

### functools: reduce and partial
from functools import reduce, partial
add = lambda a, b: a + b
print(reduce(add, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6)), reduce(add, [], 10), reduce(add, ['a', 'b'], 'x'), reduce(lambda a, b: a, [7]), reduce(max, iter([3, 9, 2])), reduce(add, [], None))
def gen():
    yield 1
    yield 2
print(reduce(add, gen()), reduce(lambda a, b: a - b, [10], 1), reduce(lambda acc, w: acc + len(w), ['ab', 'cde'], 0))
for bad in [lambda: reduce(add, []), lambda: reduce(add, 5), lambda: reduce(), lambda: reduce(add), lambda: reduce(add, [1], 2, 3), lambda: reduce(len, [1], initial=2), lambda: reduce(1, [1, 2]), lambda: reduce(add, [1, 'a'])]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
def power(base, exp=2, *, mod=None):
    r = base ** exp
    return r % mod if mod else r
sq = partial(power, exp=2)
cube = partial(power, exp=3)
p = partial(power, 2, mod=5)
print(sq(5), cube(2), p(), p(10), p(3, mod=7), sq.func is power, sq.args, sq.keywords, p.args, p.keywords, type(p), callable(p))
pp = partial(p, 4)
print(pp.func is power, pp.args, pp.keywords, pp())
print(repr(partial(len, [1, 2])), repr(partial(print, sep='-')), repr(partial(partial(max, 1), 2, key=abs)), partial(max, 'a', key=len))
q = partial(max)
q.note = 'attr'
print(q.note, partial(q, 1).func is q)
p.keywords['mod'] = 3
print(p())
try:
    p.func = len
except AttributeError as e:
    print('AttributeError', e)
for bad in [lambda: partial(), lambda: partial(1), lambda: partial(func=len), lambda: partial(len).__name__]:
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
class C:
    m = partial(power, 3)
print(C().m(), C.m(2))
print([partial(lambda a, b: a * b, k)(10) for k in range(3)], list(map(partial(int, base=2), ['101', '11'])))

### functools: lru_cache and cache (fib(100), statistics, eviction, typed, keywords, methods, unhashable arguments)
from functools import lru_cache, cache
calls = []
@lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), len(calls), fib.cache_info(), fib.__name__, fib.__wrapped__.__name__, fib(100), fib.cache_info())
fib.cache_clear(); print(fib.cache_info(), fib(10), fib.cache_info())
@lru_cache
def sq(x):
    "square it"
    print('computing', x)
    return x * x
print(sq(3), sq(3), sq(4), sq(3.0), sq.cache_info(), sq.__doc__, sq.__name__, sq.__qualname__, sq.__module__, sq.cache_parameters())
@lru_cache(maxsize=2)
def ident(x):
    print('miss', x)
    return x
for x in [1, 2, 1, 3, 2, 1]:
    ident(x)
print(ident.cache_info())
@lru_cache(maxsize=2, typed=True)
def t(x):
    print('typed miss', x)
    return x
t(1); t(1.0); t(1); t(True)
print(t.cache_info(), t.cache_parameters())
@lru_cache(maxsize=0)
def z(x):
    return x
z(1); z(1)
print(z.cache_info())
@cache
def kw(a, b=1, *, c=2):
    print('kw miss', a, b, c)
    return a + b + c
print(kw(1), kw(1), kw(1, 1), kw(1, b=1), kw(a=1), kw(1, c=2), kw(1, c=3), kw((1, 2) and 1), kw.cache_info())
for bad in [lambda: kw([1]), lambda: kw(1, c={}), lambda: kw({1}), lambda: lru_cache(maxsize='a'), lambda: lru_cache(1, 2, 3), lambda: lru_cache(2.5), lambda: cache(), lambda: cache(1), lambda: lru_cache(None)(1)]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
info = kw.cache_info()
h, m, mx, cur = info
print(info.hits, info.misses, info.maxsize, info.currsize, h, m, mx, cur, info[0], info[-1], len(info), tuple(info), info == (h, m, mx, cur), info != (0, 0, 0, 0), type(info).__name__)
class Obj:
    def __init__(self, k): self.k = k
    @lru_cache(maxsize=None)
    def double(self, x):
        print('method miss', self.k, x)
        return self.k * x
o = Obj(3)
print(o.double(2), o.double(2), Obj(4).double(2), Obj.double.cache_info())
print(lru_cache(-5)(len).cache_info(), lru_cache(True)(len).cache_info(), cache(len).cache_info(), lru_cache(len)('abc'), lru_cache(len).__name__)
@cache
def count_paths(r, c):
    if r == 0 or c == 0:
        return 1
    return count_paths(r - 1, c) + count_paths(r, c - 1)
print(count_paths(16, 16), count_paths.cache_info())

### functools: recursion through lru_cache counts the wrapper's call, as CPython's C wrapper does
from functools import lru_cache
def probe(n):
    @lru_cache(None)
    def deep(n):
        return 0 if n == 0 else 1 + deep(n - 1)
    try:
        deep(n); return 'ok'
    except RecursionError as e:
        return str(e)
print(probe(496), probe(497), probe(498), probe(499))
@lru_cache(None)
def d2(n):
    return 0 if n == 0 else 1 + d2(n - 1)
for n in (496, 497, 498, 499):
    try:
        print(d2(n))
    except RecursionError as e:
        print(e)
    d2.cache_clear()
print(d2(300), d2(600), d2.cache_info())

### functools: wraps and update_wrapper on functions and on an instance
from functools import wraps, update_wrapper, WRAPPER_ASSIGNMENTS, WRAPPER_UPDATES
def my_decorator(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        "wrapper doc"
        return f(*args, **kwargs) + 1
    return wrapper
@my_decorator
def add(a, b):
    "Add two numbers."
    return a + b
add.extra = 1
print(add(1, 2), add.__name__, add.__doc__, add.__qualname__, add.__module__, add.__wrapped__(1, 2), repr(add).split(' at ')[0], sorted(add.__dict__))
def plain(f):
    def inner(*a):
        return f(*a)
    return inner
@plain
def hidden():
    "doc"
print(hidden.__name__, hidden.__doc__, hasattr(hidden, '__wrapped__'))
def undecorated(x):
    "orig"
    return x
undecorated.tag = 'kept'
def w2(*a):
    return undecorated(*a)
r = update_wrapper(w2, undecorated)
print(r is w2, w2.__name__, w2.__doc__, w2.tag, w2.__wrapped__ is undecorated, w2(5))
def w3(): pass
update_wrapper(w3, undecorated, assigned=('__doc__',), updated=())
print(w3.__name__, w3.__doc__, hasattr(w3, 'tag'), w3.__wrapped__ is undecorated)
class Counter:
    def __init__(self, f):
        update_wrapper(self, f)
        self.f = f
        self.n = 0
    def __call__(self, *a):
        self.n += 1
        return self.f(*a)
@Counter
def hello(name):
    "Say hi."
    return 'hi ' + name
print(hello('ann'), hello('bob'), hello.n, hello.__name__, hello.__doc__, hello.__wrapped__('x'))
def stacked(f):
    @wraps(f)
    def w(*a):
        return f(*a) * 2
    return w
@stacked
@my_decorator
def three():
    "three's doc"
    return 3
print(three(), three.__name__, three.__doc__, three.__wrapped__(), three.__wrapped__.__wrapped__())
print(WRAPPER_ASSIGNMENTS, WRAPPER_UPDATES)
try:
    update_wrapper(1, add)
except AttributeError as e:
    print('AttributeError', e)

### functools: cmp_to_key, total_ordering, cached_property
from functools import cmp_to_key, total_ordering, cached_property
def cmp(a, b):
    return (a > b) - (a < b)
def by_len_then_alpha(a, b):
    return len(a) - len(b) or cmp(a, b)
words = ['pear', 'fig', 'apple', 'kiwi', 'date']
print(sorted(words, key=cmp_to_key(by_len_then_alpha)), sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), max(words, key=cmp_to_key(by_len_then_alpha)), min([5, 3, 9], key=cmp_to_key(cmp)))
K = cmp_to_key(cmp)
a, b = K(1), K(2)
print(a < b, a > b, a <= b, a >= b, a == b, a != b, K(2) == b, a.obj, b.obj, type(a).__name__, type(K).__module__)
for bad in [lambda: a < 1, lambda: hash(a), lambda: cmp_to_key(), lambda: {a: 1}]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
@total_ordering
class Version:
    def __init__(self, *parts): self.parts = parts
    def __eq__(self, o): return self.parts == o.parts
    def __lt__(self, o): return self.parts < o.parts
    def __repr__(self): return 'V' + '.'.join(map(str, self.parts))
v1, v2, v3 = Version(1, 0), Version(1, 2), Version(1, 2)
print(v1 < v2, v1 > v2, v1 <= v2, v1 >= v2, v2 <= v3, v2 >= v3, v2 > v3, sorted([v2, v1, Version(0, 9)]), max(v1, v2), Version.__gt__.__name__, Version.__le__(v1, v2))
@total_ordering
class G:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __gt__(self, o): return self.v > o.v
print(G(1) < G(2), G(1) <= G(1), G(3) >= G(2), G(1) > G(2), G(2) < G(2))
@total_ordering
class LE:
    def __init__(self, v): self.v = v
    def __le__(self, o): return self.v <= o.v
print(LE(1) < LE(2), LE(2) < LE(2), LE(2) >= LE(1), LE(1) > LE(1))
@total_ordering
class GE:
    def __init__(self, v): self.v = v
    def __ge__(self, o): return self.v >= o.v
print(GE(1) < GE(2), GE(2) <= GE(2), GE(2) > GE(1), GE(1) > GE(1))
@total_ordering
class NI:
    def __lt__(self, o):
        return NotImplemented
try:
    NI() > NI()
except TypeError as e:
    print('TypeError', e)
try:
    @total_ordering
    class Nothing:
        pass
except ValueError as e:
    print('ValueError', e)
class Circle:
    def __init__(self, r): self.r = r
    @cached_property
    def area(self):
        print('computing area')
        return 3 * self.r ** 2
c = Circle(2)
print(c.area, c.area, c.__dict__, type(Circle.area), Circle.area.attrname, Circle.area.func.__name__)
c.area = 1
print(c.area)
del c.area
print(c.area, Circle(1).area)
try:
    cached_property()
except TypeError as e:
    print('TypeError', e)
### walrus in call arguments
print(1, n := 5, n * 2)
def f():
    print(m := 3, m + 1)
    return m
print(f(), 'm' in globals())
def g(xs):
    return [y for x in xs if (y := x * 2) > 2], y
print(g([1, 2, 3]))
print(max(k := [3, 1], key=lambda v: v), k, sorted(xs := [2, 1], reverse=True), xs)
def h(a, b=0): return a + b
print(h(b=2, a=1), h(z := 4), z)
x = 10
def outer():
    def inner(): return x
    print(x := 7, inner())
outer()
print(x)
### random, collections, itertools and functools together
import random, itertools, functools, collections, math
random.seed(42)
rolls = [random.randint(1, 6) for _ in range(1000)]
counts = collections.Counter(rolls)
print(sorted(counts.items()), counts.most_common(1), sum(counts.values()))
window = collections.deque(maxlen=5)
avgs = []
for r in rolls[:12]:
    window.append(r)
    avgs.append(round(sum(window) / len(window), 3))
print(avgs)
@functools.lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
grid = list(itertools.product([0.1, 0.01], [16, 32], ['relu', 'tanh']))
print(len(grid), grid[:3])
best = min(grid, key=lambda g: (g[0] * g[1]) % 7)
print(best)
Config = collections.namedtuple('Config', 'lr hidden act')
configs = [Config(*g) for g in grid]
print(configs[0], configs[-1]._asdict(), max(configs, key=lambda c: c.hidden).act)
by_act = collections.defaultdict(list)
for c in configs: by_act[c.act].append(c.lr * c.hidden)
print(dict(by_act))
words = "the quick brown fox jumps over the lazy dog the end".split()
print(collections.Counter(words).most_common(3), list(itertools.accumulate([1, 2, 3, 4], lambda a, b: a * b)))
print(functools.reduce(lambda a, b: a + b, map(len, words)), list(itertools.islice(itertools.cycle('ab'), 5)))
random.shuffle(words); print(words[:4], random.sample(range(100), 5), random.choice(words), round(random.gauss(0, 1), 6), random.uniform(1, 2))
print([list(g) for k, g in itertools.groupby(sorted(rolls[:15]))])
xs = [random.random() for _ in range(5)]
print(sorted(xs, reverse=True)[:2], math.fsum(xs), statistics_mean := sum(xs) / len(xs))
pairs = list(itertools.combinations(range(4), 2)); print(pairs, list(itertools.permutations('abc', 2))[:4])
batches = [list(b) for b in itertools.zip_longest(*[iter(range(7))] * 3, fillvalue=None)]
print(batches)
print(t, t.mean(), collections.Counter(t.long().tolist()).most_common(2))
od = collections.OrderedDict(sorted(counts.items(), key=lambda kv: -kv[1]))
print(list(od)[:3], od.popitem(last=False))
### typing
from typing import List, Dict, Optional, Tuple, Any, Union, Callable
import typing
class Tensor: pass
def f(x: List[int], y: Optional[Dict[str, float]] = None) -> Tuple[int, ...]: return (len(x),)
print(f([1,2]), typing.List, List[int], Optional[int], typing.cast(int, '3'), typing.TYPE_CHECKING, Any, Union[int, str], Callable[[int], str])
T = typing.TypeVar('T'); print(T)
def g(t: Tensor, n: "int" = 2) -> List[Tensor]: return [t] * n
print(len(g(Tensor())), Dict[str, List[Tensor]])
@typing.overload
def h(x: int) -> int: ...
print(h(3) if False else 'ok')
try:
    List()
except TypeError as e:
    print('TypeError', e)
for n in ['List','Dict','Optional','Any','Union']:
    try: getattr(typing, n)()
    except TypeError as e: print(n, '|', e)
### json
import json
print(json.dumps({'a': [1, 2.5, None, True], 'b': {'c': 'é\n'}}))
print(json.dumps({'a': [1, {}, []], 'b': 'x'}, indent=2))
print(json.dumps([1, 2], indent=0), json.dumps({2: 1, 1.5: 2, True: 3, None: 4}), json.dumps(float('nan')), json.dumps('😀'), json.dumps('é', ensure_ascii=False), json.dumps({'b': 1, 'a': 2}, sort_keys=True, separators=(',', ':')))
print(json.dumps((1, 2)), json.dumps(1e100), json.dumps(10**20), json.dumps('\x01"\\'))
for f in [lambda: json.dumps({(1,): 2}), lambda: json.dumps(float('inf'), allow_nan=False), lambda: json.dumps(object()), lambda: json.loads(''), lambda: json.loads('{"a" 1}'), lambda: json.loads('[1, 2'), lambda: json.loads('{a: 1}'), lambda: json.loads('[1] x'), lambda: json.loads('"abc'), lambda: json.loads('[1,]'), lambda: json.loads('{"a":1,}'), lambda: json.loads('"\\q"'), lambda: json.loads('\n\n  [1,\n  x]'), lambda: json.loads(5)]:
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__ + ':', e)
l = []; l.append(l)
try: json.dumps(l)
except ValueError as e: print(e)
print(json.loads('{"a": [1, 2.0, 3e2, -0, "s\\u00e9", true, null, NaN, -Infinity], "n": {}}'), json.loads(' 12 '), json.loads('"\\ud83d\\ude00"'))
print(json.dumps([1, [2, [3]]], indent='--'), json.dumps({'a': 1}, default=str), json.dumps({1: set()}, default=list))
cfg = {'lr': 0.001, 'epochs': 10, 'layers': [64, 32], 'name': 'mlp', 'dropout': None}
s = json.dumps(cfg, indent=4, sort_keys=True); print(s); print(json.loads(s) == cfg, type(json.loads('1.0')).__name__, type(json.loads('10')).__name__)
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: sorted(d.items())), json.dumps({'a': 1, 'b': [1, 2]}, separators=(',', ':')), json.dumps('tab\there'))
try:
    json.loads('[1, 2,\n 3 4]')
except json.JSONDecodeError as e:
    print(e.msg, e.pos, e.lineno, e.colno, isinstance(e, ValueError))
print(json.dumps({'k': 1}, skipkeys=True), json.dumps({(1, 2): 1, 'a': 2}, skipkeys=True))
### class annotations
class C:
    x: int = 0
    y: float
    z = 3
    def m(self): pass
print(C.__annotations__, C.x, hasattr(C, 'y'), C.z)
class D(C):
    w: str = 'a'
print(D.__annotations__)
class E: pass
print(hasattr(E, '__annotations__') and E.__annotations__)
### dataclasses
from dataclasses import dataclass, field, asdict, astuple, fields, replace, is_dataclass
@dataclass
class P:
    x: int
    y: float = 0.0
    tags: list = field(default_factory=list)
p = P(1); q = P(1, 0.0)
print(p, p == q, p != P(2), asdict(p), astuple(p), [f.name for f in fields(P)], replace(p, y=2.5), is_dataclass(p), is_dataclass(P), is_dataclass(1))
print(P.__dataclass_fields__['y'].default, fields(p)[0].type)
@dataclass(frozen=True, order=True)
class V:
    a: int
    b: int = 2
v = V(1); print(v < V(2), sorted([V(3), V(1, 5), V(1, 1)]), hash(v) == hash(V(1)), len({V(1), V(1), V(2)}))
try: v.a = 5
except Exception as e: print(type(e).__name__, e)
for f in [lambda: P(), lambda: P(1, 2, [], 4), lambda: P(1, z=3), lambda: P(1, x=2)]:
    try: f()
    except TypeError as e: print('TypeError', e)
try:
    @dataclass
    class Bad:
        xs: list = []
except ValueError as e: print('ValueError', e)
try:
    @dataclass
    class Bad2:
        a: int = 1
        b: int
except TypeError as e: print('TypeError', e)
@dataclass
class Child(P):
    z: int = 5
    def __post_init__(self): self.total = self.x + self.z
c = Child(1, 2.0, [], 7); print(c, c.total)
@dataclass
class Cfg:
    lr: float = 1e-3
    hidden: int = 32
    name: str = 'mlp'
print(Cfg(), Cfg(hidden=64), asdict(Cfg()), Cfg() == Cfg(), Cfg.lr)
try: hash(Cfg())
except TypeError as e: print('TypeError', e)
@dataclass(repr=False, eq=False)
class R:
    n: int
print(R(1) == R(1), 'R object' in repr(R(1)))
@dataclass
class Nest:
    p: P
    ps: list
print(asdict(Nest(P(1), [P(2)])))
a, b = P(1), P(1); a.tags.append(3); print(a, b)
@dataclass
class O:
    x: int = field(default=5, repr=False)
    y: int = field(default=None)
print(O(), O(1, 2), O().y)
### sys
import sys
n = sys.stdout.write('hello\n'); print(n)
for i in range(3):
    sys.stdout.write(f' step {i}')
sys.stdout.flush(); print()
print(sys.version_info >= (3, 8), sys.version_info.major, sys.version_info[:2], sys.maxsize, sys.getrecursionlimit())
def depth(n): return 0 if n == 0 else 1 + depth(n - 1)
sys.setrecursionlimit(3000); print(sys.getrecursionlimit(), depth(2500))
for f in [lambda: sys.setrecursionlimit(0), lambda: sys.stdout.write(5)]:
    try: f()
    except Exception as e: print(type(e).__name__, e)
try:
    sys.exit(2)
except SystemExit as e:
    print('SystemExit', e.code if hasattr(e, 'code') else e.args)

### statistics (exact sums rounded once, ints kept, medians, modes, quantiles, errors)
import statistics
from statistics import *
print(mean([0.1, 0.2, 0.3]), mean([1, 2, 3]), mean([1, 2]), mean([1, 2.5]), mean(range(10)), mean([True, False, True]))
print(fmean([1, 2, 3]), fmean([0.1, 0.2, 0.3]), fmean([0.1]*10), mean([0.1]*10), fmean(x/7 for x in range(9)))
print(median([1, 3]), median([1, 3, 2]), median([1.5, 2.5, 0.5, 9]), median_low([1, 3, 2, 4]), median_high([1, 3, 2, 4]), median(['b', 'a', 'c']))
print(mode([1, 2, 2, 3, 3]), mode('aabbbc'), multimode('aabbcd'), multimode([]), mode([(1, 2), (1, 2), 3]))
print(variance([1, 2, 3, 4]), variance([1, 2, 3]), pvariance([1, 2, 3, 4]), pvariance([1, 2, 3]), variance([0.1, 0.2, 0.3, 0.4]))
print(stdev([1, 2, 3, 4]), pstdev([1, 2, 3, 4]), stdev([2.5, 3.25, 5.5, 11.25, 11.75]), pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]))
print(stdev([1, 1]), variance([1.0, 1.0]), variance([1, 1]), stdev([0.1, 0.2, 0.3]), variance([1e10 + 0.1, 1e10 + 0.2, 1e10 + 0.3]))
print(variance([1, 2, 3, 4], xbar=2.5), pvariance([1, 2, 3], mu=2), stdev([1, 2, 3, 4], 2.5), variance([1, 2, 3], 2))
print(quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), quantiles(range(1, 11), method='inclusive'), quantiles([1.5, 2.5, 3.5], n=10))
print(quantiles([105, 129, 87, 86, 111, 111, 89, 81, 108, 92, 110, 100, 75, 105, 103, 109, 76, 119, 99, 91, 103, 129, 106, 101, 84, 111, 74, 87, 86, 103, 103, 106, 86, 111, 75, 87, 102, 121, 111, 88, 89, 101, 106, 95, 103, 107, 101, 81, 109, 104], n=10))
print(quantiles([1, 2], n=1), quantiles([1, 5], n=2))
for f, arg in [(mean, []), (fmean, []), (median, []), (mode, []), (variance, [1]), (pvariance, []), (stdev, [1]), (pstdev, []), (quantiles, [1]), (mean, ['a', 'b'])]:
    try: print(f(arg))
    except Exception as e: print(f.__name__, type(e).__name__, e)
try: quantiles([1, 2], n=0)
except StatisticsError as e: print('StatisticsError', e)
try: quantiles([1, 2], method='middle')
except ValueError as e: print(type(e).__name__, e)
print(issubclass(StatisticsError, ValueError), StatisticsError.__module__, StatisticsError)
print(type(mean([1, 2])), type(mean([2, 2])), type(variance([1, 3])), type(median([1, 3])))
print(mean([float('inf'), 1]), mean([1e308, 1e308]), mean([5e-324, 5e-324, 5e-324]))
try: fmean([1e308, 1e308])
except OverflowError as e: print(e)
print(mean([1e308, -1e308, 1e308]), stdev([1e-300, 3e-300]), pstdev([5e-324, 0.0]), variance([float('nan'), 1]))
try: variance([1e200, -1e200])
except OverflowError as e: print('OverflowError', e)

### operator (function forms through dunders, itemgetter/attrgetter/methodcaller and their reprs, errors)
import operator
from operator import itemgetter, attrgetter, methodcaller
print(itemgetter(1), itemgetter(1, 'a'), attrgetter('x'), attrgetter('x', 'y.z'), methodcaller('split', ',', maxsplit=1), methodcaller('strip'))
rows = [('b', 2, 0.5), ('a', 3, 0.25), ('c', 1, 0.75)]
print(sorted(rows, key=itemgetter(1)), sorted(rows, key=itemgetter(2, 0)), max(rows, key=itemgetter(2)))
print(itemgetter(slice(1, 3))([1, 2, 3, 4]), itemgetter('k')({'k': 5}), itemgetter(-1)('xyz'))
class P:
    def __init__(self, x, y): self.x, self.y = x, y
    def __repr__(self): return f'P({self.x}, {self.y})'
    def norm(self, scale=1): return (self.x ** 2 + self.y ** 2) * scale
class Box:
    def __init__(self, p): self.p = p
pts = [P(3, 1), P(1, 2), P(2, 0)]
print(sorted(pts, key=attrgetter('x')), attrgetter('x', 'y')(pts[0]), attrgetter('p.y')(Box(P(7, 8))))
print(list(map(methodcaller('norm'), pts)), methodcaller('norm', scale=10)(pts[1]), methodcaller('split', ',', maxsplit=1)('a,b,c'))
print(operator.add(1, 2), operator.add(0.1, 0.2), operator.add('a', 'b'), operator.sub(5, 7), operator.mul([0], 3), operator.truediv(7, 2), operator.truediv(4, 2))
print(operator.floordiv(-7, 2), operator.mod(-7, 2), operator.mod(7.5, 2), operator.pow(2, 10), operator.pow(2, -1), operator.pow(2, 100))
print(operator.neg(3), operator.neg(-0.0), operator.pos(-2), operator.abs(-3), operator.abs(-2.5), operator.index(7), operator.index(True))
print(operator.eq(1, 1.0), operator.ne(1, 2), operator.lt(1, 2), operator.le(2, 2), operator.gt('b', 'a'), operator.ge([1, 2], [1, 3]))
print(operator.not_([]), operator.not_(0.0), operator.truth([0]), operator.truth(''), operator.getitem([1, 2, 3], 1), operator.getitem({'a': 1}, 'a'))
print(operator.contains([1, 2], 2), operator.contains('abc', 'd'), operator.concat([1], [2]), operator.concat('a', 'b'), operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10))
print(operator.and_({1, 2}, {2, 3}), operator.or_(True, False), operator.is_(None, None), operator.is_not(1, None))
a = [1]; b = operator.iadd(a, [2]); print(a, b, a is b, operator.iadd(1, 2), operator.iadd((1,), (2,)))
class V:
    def __init__(self, v): self.v = v
    def __add__(self, o): return V(self.v + o.v)
    def __lt__(self, o): return self.v < o.v
    def __neg__(self): return V(-self.v)
    def __abs__(self): return 'abs!'
    def __index__(self): return 4
    def __repr__(self): return f'V({self.v})'
print(operator.add(V(1), V(2)), operator.lt(V(1), V(2)), operator.gt(V(1), V(2)), operator.neg(V(3)), operator.abs(V(1)), operator.index(V(0)))
import functools
print(functools.reduce(operator.mul, range(1, 6)), functools.reduce(operator.add, [[1], [2], [3]]), list(map(operator.sub, [5, 6], [1, 2])))
for f, args in [(operator.add, (1, 'a')), (operator.truediv, (1, 0)), (operator.getitem, ([1], 5)), (operator.concat, (1, 2)), (operator.index, (1.5,)), (operator.neg, ('a',)), (itemgetter(3), ([1],)), (attrgetter('q'), (P(1, 2),)), (itemgetter('z'), ({},))]:
    try: print(f(*args))
    except Exception as e: print(type(e).__name__, e)
for make in [lambda: attrgetter(1), lambda: methodcaller(1), lambda: itemgetter()]:
    try: make()
    except TypeError as e: print('TypeError', e)

### bisect and heapq (searches with lo/hi/key, insort, the heap list after each operation, nlargest/nsmallest, errors)
import bisect, heapq
from bisect import bisect_left, bisect_right, insort, insort_left
a = [1, 2, 2, 2, 3, 5]
print(bisect_left(a, 2), bisect_right(a, 2), bisect.bisect(a, 2), bisect_left(a, 0), bisect_right(a, 9), bisect_left(a, 2.5), bisect_left(a, 2, 2), bisect_right(a, 2, 0, 3), bisect_left([], 1))
grades = 'FDCBA'; breaks = [60, 70, 80, 90]
print([grades[bisect.bisect(breaks, s)] for s in [33, 99, 77, 70, 89, 90, 100]])
rows = [('a', 1), ('b', 3), ('c', 5)]
print(bisect_left(rows, 3, key=lambda r: r[1]), bisect_right(rows, 3, key=lambda r: r[1]), bisect.bisect_left(('a', 'c', 'e'), 'd'))
b = []; [insort(b, x) for x in [5, 1, 4, 1, 3]]; print(b)
insort_left(b, 4.0); bisect.insort_right(b, 4.0); print(b)
r = list(rows); insort(r, ('bb', 3), key=lambda t: t[1]); insort_left(r, ('x', 3), key=lambda t: t[1]); print(r)
class S:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f'S{self.v}'
s = [S(1), S(4)]; insort(s, S(2)); print(s, bisect_left(s, S(4)))
for args in [([1], 1, -1), ([1], 'a')]:
    try: print(bisect_left(*args))
    except Exception as e: print(type(e).__name__, e)
h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, x); print(h)
while h: print(heapq.heappop(h), h)
h = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]; heapq.heapify(h); print(h)
print(heapq.heapreplace(h, 10), h, heapq.heappushpop(h, -1), h, heapq.heappushpop(h, 4), h)
h = [3.5, 1, 2.25, 1.0, 0]; heapq.heapify(h); print(h, heapq.heappop(h), h)
tasks = []
for t in [(2, 'write'), (1, 'read'), (3, 'sleep'), (1, 'eat')]: heapq.heappush(tasks, t)
print(tasks, [heapq.heappop(tasks) for _ in range(4)])
hs = [S(3), S(1), S(2)]; heapq.heapify(hs); print(hs, heapq.heappop(hs), hs)
data = [5, 1, 8, 3, 9, 3, 2]
print(heapq.nlargest(3, data), heapq.nsmallest(3, data), heapq.nsmallest(0, data), heapq.nlargest(10, data), heapq.nsmallest(2, 'hello'))
pairs = [('a', 2), ('b', 1), ('c', 2), ('d', 0)]
print(heapq.nlargest(2, pairs, key=lambda p: p[1]), heapq.nsmallest(3, pairs, key=lambda p: p[1]), heapq.nlargest(1, iter([4, 6, 5])))
for f, args in [(heapq.heappop, ([],)), (heapq.heapreplace, ([], 1)), (heapq.heappush, ((), 1)), (heapq.heapify, ({},)), (heapq.heappushpop, ([], 5))]:
    try: print(f(*args))
    except Exception as e: print(type(e).__name__, e)
for f in [heapq.heappop, heapq.heapreplace, heapq.heappushpop]:
    try: f(None, 1) if f is not heapq.heappop else f(None)
    except TypeError as e: print(e)
### a __hash__ that runs long (the run does not yield inside it)
import time
class K:
    def __init__(self, v): self.v = v
    def __hash__(self):
        t = time.time()
        while time.time() - t < 0.06:
            pass
        return hash(self.v)
    def __eq__(self, o): return isinstance(o, K) and self.v == o.v
d = {K(1): 'a'}
print(d[K(1)], K(2) in d, len({K(1), K(1), K(3)}))
