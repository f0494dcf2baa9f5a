# Autograd cells for the training lessons; record.py runs them with PyTorch 1.13 into autograd_cases.jsonl.
CELLS = [
    ('retain_grad_nonleaf', """import torch
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x * 2
y.retain_grad()
z = (y ** 2).sum()
z.backward()
print(y.grad)
print(x.grad)
print(y.is_leaf, y.requires_grad, y.retains_grad, x.retains_grad)"""),
    ('retain_grad_chain', """import torch
a = torch.tensor(2., requires_grad=True)
b = a * a
b.retain_grad()
c = b * 3
c.backward()
print(a.grad, b.grad, c.grad)"""),
    ('retain_grad_leaf_is_noop', """import torch
x = torch.ones(2, requires_grad=True)
x.retain_grad()
x.retains_grad"""),
    ('retain_grad_no_requires_grad', """import torch
t = torch.ones(2)
t.retain_grad()"""),
    ('retain_grad_accumulates', """import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = x * x
y.retain_grad()
y.sum().backward(retain_graph=True)
y.sum().backward()
print(y.grad, x.grad)"""),
    ('nonleaf_grad_none', """import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 3
y.sum().backward()
print(y.grad)
y.grad is None"""),
    ('backward_twice_error', """import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = (x * x).sum()
y.backward()
print(x.grad)
y.backward()"""),
    ('backward_twice_no_saved_tensors', """import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = (x + 1).sum()
y.backward()
y.backward()
x.grad"""),
    ('backward_retain_graph', """import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = (x * x).sum()
y.backward(retain_graph=True)
print(x.grad)
y.backward(retain_graph=True)
print(x.grad)
y.backward()
print(x.grad)
y.backward()"""),
    ('backward_mlp_twice_error', """import torch
import torch.nn as nn
net = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
loss = net(torch.ones(4, 2)).pow(2).mean()
loss.backward()
loss.backward()"""),
    ('autograd_grad_twice_error', """import torch
x = torch.tensor(3., requires_grad=True)
y = x ** 3
print(torch.autograd.grad(y, x, retain_graph=True))
print(torch.autograd.grad(y, x))
torch.autograd.grad(y, x)"""),
    ('numpy_requires_grad_leaf', """import torch
x = torch.ones(2, requires_grad=True)
x.numpy()"""),
    ('numpy_requires_grad_result', """import torch
x = torch.ones(2, requires_grad=True)
(x * 2).numpy()"""),
    ('numpy_after_detach', """import torch
x = torch.ones(2, requires_grad=True)
(x * 2).detach().numpy()"""),
    ('numpy_under_no_grad', """import torch
x = torch.ones(2, requires_grad=True)
with torch.no_grad():
    y = x * 2
y.numpy()"""),
    ('copy_from_own_detach', """import torch
x = torch.tensor([1., 2.])
x.copy_(x.detach())
x"""),
    ('copy_from_own_detach_requires_grad', """import torch
w = torch.ones(3, requires_grad=True)
with torch.no_grad():
    w.copy_(w.detach() * 2)
    w.copy_(w.detach())
print(w)
w.sum().backward()
w.grad"""),
    ('copy_from_own_data_nonleaf', """import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 1
y.copy_(y.data + 1)
print(y)
y.sum().backward()
x.grad"""),
    ('inplace_with_self', """import torch
x = torch.tensor([1., 2.])
x.add_(x)
x.mul_(x.data)
x.sub_(x.detach() / 2)
x"""),
    ('inplace_self_slice', """import torch
x = torch.tensor([1., 2., 3.])
x[0] = x[2]
x.copy_(x.flip(0))
x"""),
    ('sgd_by_hand_with_data', """import torch
w = torch.tensor([0.5, -1.0], requires_grad=True)
for _ in range(3):
    loss = ((w * torch.tensor([1., 2.])).sum() - 1) ** 2
    loss.backward()
    w.data -= 0.1 * w.grad.data
    w.grad.zero_()
w"""),
    ('leaf_inplace_error', """import torch
w = torch.ones(2, requires_grad=True)
w.add_(1)"""),
    ('detach_shares_storage', """import torch
w = torch.ones(2, requires_grad=True)
d = w.detach()
d.add_(1)
print(w)
print(d.requires_grad, d.is_leaf)"""),
    ('state_dict_views', """import torch
import torch.nn as nn
torch.manual_seed(0)
sd = nn.Sequential(nn.Linear(2, 1)).state_dict()
print(sd.keys())
print(sd.items())
print(type(sd.values()).__name__, '0.bias' in sd.keys(), len(sd.values()))"""),
    ('broadcast_error_names_last_dim', """import torch
torch.ones(4, 3, 2) + torch.ones(5, 3, 3)"""),
    ('tensor_eq_itself', """import torch
t = torch.arange(3.0)
print(t == t, t != t, t <= t)
print((t == t).all())"""),
    ('split_and_chunk', """import torch
t = torch.arange(10.0).reshape(5, 2)
print(t.split(2))
print(torch.split(t, [1, 4]))
print(t.chunk(3), t.chunk(2, dim=1), torch.chunk(t, 6))
print(t.split(1, dim=1)[1].shape, len(t.split(3)), t.split(5), t.split(7))
x = torch.arange(6.0, requires_grad=True)
a, b = x.split(3)
c, d = x.split([2, 4])
e = x.chunk(4)
print(a, c, e[0], e[2])
(a.sum() * 2 + d.sum() + e[-1].sum()).backward()
print(x.grad)
for bad in [lambda: t.split([1, 1]), lambda: t.chunk(0), lambda: t.split(0), lambda: t.split(2, dim=2), lambda: t.split(-1)]:
    try:
        print(bad())
    except Exception as err:
        print(type(err).__name__, err)"""),
    ('generator_streams', """import torch
g = torch.Generator().manual_seed(1)
print(torch.randperm(10, generator=g), torch.randperm(10, generator=g))
torch.manual_seed(0)
print(torch.randperm(5), torch.rand(2, generator=torch.Generator().manual_seed(3)), torch.randperm(5))
g = torch.Generator()
print(g.initial_seed(), g.device, g.manual_seed(5) is g, g.initial_seed())
print(torch.randn(3, generator=g), torch.randint(0, 10, (4,), generator=g), torch.normal(0.0, 1.0, (3,), generator=g))
print(torch.empty(3).uniform_(generator=g), torch.empty(3).normal_(generator=g), torch.rand(20, generator=g).sum())
print(torch.rand(2, generator=torch.Generator().manual_seed(2**40 + 7)), torch.Generator().manual_seed(-1).initial_seed())
print(torch.manual_seed(4).initial_seed(), torch.initial_seed(), type(torch.default_generator), torch.default_generator.initial_seed())
for bad in [lambda: torch.Generator('cuda'), lambda: g.manual_seed(1.5), lambda: g.manual_seed(2**64)]:
    try:
        print(bad())
    except Exception as err:
        print(type(err).__name__, err)"""),
    ('random_split_and_subset', """import torch
from torch.utils.data import TensorDataset, random_split, Subset, DataLoader
ds = TensorDataset(torch.arange(10.), torch.arange(10) * 2)
a, b = random_split(ds, [7, 3], generator=torch.Generator().manual_seed(42))
print(type(a).__name__, len(a), len(b), a.indices, b.indices, a[0], a.dataset is ds)
torch.manual_seed(0)
c, d, e = random_split(range(10), [0.5, 0.3, 0.2])
print(c.indices, d.indices, e.indices, list(c), c[1])
f, g = random_split(list('abcde'), [0.7, 0.3], generator=torch.Generator().manual_seed(1))
print(f.indices, g.indices, [f[i] for i in range(len(f))])
s = Subset(ds, [9, 0])
print(len(s), s[0], s[1])
for xb, yb in DataLoader(a, batch_size=3):
    print(xb, yb)
for xb, yb in DataLoader(ds, batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(7)):
    print(xb)
torch.manual_seed(3)
for xb, yb in DataLoader(b, batch_size=2, shuffle=True):
    print(xb)
print(torch.rand(1))
for bad in [lambda: random_split(ds, [5, 4]), lambda: random_split(ds, [1.2, -0.2]), lambda: random_split(ds, [0.5, 0.6])]:
    try:
        print(bad())
    except Exception as err:
        print(type(err).__name__, err)
print([x.indices for x in random_split(range(3), [0.5, 0.5], generator=torch.Generator().manual_seed(0))])"""),
]
