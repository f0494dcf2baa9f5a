# collections where every Python callable it calls waits (the asynchronous path): defaultdict's
# factory, the __eq__, __lt__, __add__ and __repr__ of the values it holds.
from collections import Counter, defaultdict, deque, namedtuple, OrderedDict


def slow(x):
    return x


class Num:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return slow(f"Num({self.v})")

    def __eq__(self, o):
        return slow(isinstance(o, Num) and self.v == o.v)

    def __hash__(self):
        return hash(self.v)

    def __lt__(self, o):
        return slow(self.v < (o.v if isinstance(o, Num) else o))

    def __gt__(self, o):
        return slow(self.v > (o.v if isinstance(o, Num) else o))

    def __add__(self, o):
        return slow(Num(self.v + (o.v if isinstance(o, Num) else o)))

    __radd__ = __add__

    def __sub__(self, o):
        return slow(Num(self.v - (o.v if isinstance(o, Num) else o)))

    def __rsub__(self, o):
        return slow(Num((o.v if isinstance(o, Num) else o) - self.v))


def empty_list():
    return slow([])


d = defaultdict(empty_list)
d["a"].append(1)
d["b"]
print(dict(d), d.default_factory.__name__)
c = Counter({"x": Num(3), "y": Num(1), "z": Num(2)})
c.update({"x": Num(1)})
c.subtract({"y": Num(5)})
print(c, c.most_common(2), c.total())
print(Counter(x=Num(1)) + Counter(x=Num(2), y=Num(-1)), Counter(x=Num(1)) == Counter(x=Num(1)))
print(Counter([Num(1), Num(1), Num(2)]))
q = deque([Num(1), Num(2), Num(3)], maxlen=3)
print(q, q.index(Num(2)), q.count(Num(3)), Num(3) in q, Num(9) in q)
q.remove(Num(1))
print(q, q == deque([Num(2), Num(3)]), deque([Num(1)]) < deque([Num(2)]))
P = namedtuple("P", "a b", defaults=[Num(0)])
print(P(Num(1)), [P(Num(2), Num(3))], P(Num(1))._replace(b=Num(5)))
od = OrderedDict([("k", Num(1))])
print(od, od == OrderedDict(k=Num(1)), od == {"k": Num(2)})
