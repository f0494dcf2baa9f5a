# statistics, operator, bisect and heapq where every Python callable they call waits (the
# asynchronous path): the __lt__, __add__, __mul__, __truediv__ and __repr__ of the values, keys.
import bisect
import heapq
import operator
import statistics


def slow(x):
    return x


class Num:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return slow(f"Num({self.v})")

    def __lt__(self, o):
        return slow(self.v < o.v)

    def __eq__(self, o):
        return slow(isinstance(o, Num) and self.v == o.v)

    def __add__(self, o):
        return slow(Num(self.v + (o.v if isinstance(o, Num) else o)))

    def __mul__(self, k):
        return slow(Num(self.v * k))

    def __truediv__(self, k):
        return slow(Num(self.v / k))

    def __neg__(self):
        return slow(Num(-self.v))

    def __getitem__(self, i):
        return slow(self.v * 10 + i)

    def scaled(self, k=1):
        return slow(self.v * k)


nums = [Num(v) for v in [5, 3, 8, 1, 9, 2, 7]]
h = []
for n in nums:
    heapq.heappush(h, n)
    print(h)
while h:
    print(heapq.heappop(h), h)
h = list(nums)
heapq.heapify(h)
print(h, heapq.heapreplace(h, Num(6)), h, heapq.heappushpop(h, Num(4)), h)
print(heapq.nsmallest(3, nums), heapq.nlargest(2, nums, key=lambda n: slow(-n.v)))
s = sorted(nums)
print(bisect.bisect_left(s, Num(5)), bisect.bisect_right(s, Num(5)), bisect.bisect(s, 4, key=lambda n: slow(n.v)))
bisect.insort(s, Num(4))
bisect.insort_left(s, Num(5), key=lambda n: slow(n.v))
print(s)
print(statistics.median(nums), statistics.median(nums[:4]), statistics.median_low(nums[:4]), statistics.quantiles(nums))
print(operator.add(Num(1), Num(2)), operator.lt(Num(1), Num(2)), operator.neg(Num(3)), operator.itemgetter(2, 0)(Num(4)))
print(sorted(nums, key=operator.attrgetter('v')), list(map(operator.methodcaller('scaled', k=2), nums[:3])))
print(operator.eq(Num(1), Num(1)), operator.ne(Num(1), Num(2)), operator.not_(Num(1)))
