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
    ('lr_schedulers', """import torch
from torch.optim import lr_scheduler as S
def opt(lr=0.1, groups=1):
    ps = [torch.nn.Parameter(torch.zeros(1)) for _ in range(groups)]
    return torch.optim.SGD([{'params': [p]} for p in ps], lr=lr, momentum=0.9)
def run(make, n=12, lr=0.1, metric=None):
    o = opt(lr)
    s = make(o)
    out = [s.get_last_lr()[0]]
    for i in range(n):
        o.step()
        if metric is None: s.step()
        else: s.step(metric[i])
        out.append(o.param_groups[0]['lr'])
    print(type(s).__name__, out)
    return s
run(lambda o: S.StepLR(o, step_size=3, gamma=0.5))
run(lambda o: S.MultiStepLR(o, milestones=[2, 5, 5, 9], gamma=0.3))
run(lambda o: S.ExponentialLR(o, gamma=0.9))
run(lambda o: S.CosineAnnealingLR(o, T_max=5, eta_min=0.001), n=14)
run(lambda o: S.LambdaLR(o, lambda e: 0.95 ** e))
run(lambda o: S.MultiplicativeLR(o, lambda e: 0.9))
run(lambda o: S.LinearLR(o, start_factor=0.25, total_iters=4))
run(lambda o: S.ConstantLR(o, factor=0.5, total_iters=3))
o = opt(); s = S.ReduceLROnPlateau(o, patience=2, factor=0.5)
out = []
for m in [1.0, 0.9, 0.95, 0.92, 0.91, 0.93, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6]:
    o.step(); s.step(m); out.append(o.param_groups[0]['lr'])
print(out, s.best, s.num_bad_epochs, s.last_epoch)
o = opt(); s = S.ReduceLROnPlateau(o, mode='max', patience=0, factor=0.1, threshold=0.1, threshold_mode='abs', cooldown=1, min_lr=1e-4)
out = []
for m in [0.5, 0.55, 0.7, 0.71, 0.72, 0.73, 0.9, 0.9, 0.9]:
    o.step(); s.step(m); out.append(o.param_groups[0]['lr'])
print(out)
o = opt(lr=1.0)
s = S.StepLR(o, 2)
print(s.last_epoch, s.base_lrs, s.get_last_lr(), o.param_groups[0]['initial_lr'], s.step_size, s.gamma)
sd = s.state_dict(); print(sorted(sd.keys()))
for i in range(3): o.step(); s.step()
print(s.last_epoch, s.get_last_lr(), s.state_dict()['last_epoch'], s.state_dict()['_step_count'])
o2 = opt(0.5, groups=2)
s2 = S.LambdaLR(o2, [lambda e: 1 / (e + 1), lambda e: 2.0])
for i in range(2): o2.step(); s2.step()
print(s2.get_last_lr(), [g['lr'] for g in o2.param_groups])
def t(f):
    try: print(f())
    except Exception as e: print(type(e).__name__ + ':', e)
t(lambda: S.StepLR(42, 2)); t(lambda: S.ReduceLROnPlateau(opt(), mode='sideways')); t(lambda: S.ReduceLROnPlateau(opt(), factor=1.5))
t(lambda: S.LambdaLR(opt(), [lambda e: 1, lambda e: 2])); t(lambda: S.ConstantLR(opt(), factor=2)); t(lambda: S.StepLR(opt(), 2, last_epoch=3))
s = S.StepLR(opt(), step_size=0)
try:
    s.step()
except ZeroDivisionError as err:
    print('ZeroDivisionError', err)
o = opt(); s = S.ReduceLROnPlateau(o, patience=0)
for m in [torch.tensor(1.0), torch.tensor(2.0), 3]:
    s.step(m)
print(o.param_groups[0]['lr'], s.state_dict()['best'], s.num_bad_epochs)"""),
    ('training_with_dropout_apply_and_steplr', """import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(42)
N = 90
X = torch.randn(N, 2)
y = (X[:, 0] * X[:, 1] > 0).long() + (X[:, 0] > 1).long()
print(y[:10])
class MLP(nn.Module):
    def __init__(self, hidden=16, p=0.1):
        super().__init__()
        self.fc1 = nn.Linear(2, hidden)
        self.drop = nn.Dropout(p)
        self.fc2 = nn.Linear(hidden, 3)
    def forward(self, x):
        return self.fc2(self.drop(F.relu(self.fc1(x))))
model = MLP()
print(model)
def init(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_uniform_(m.weight)
        nn.init.zeros_(m.bias)
model.apply(init)
opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=1e-4)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=20, gamma=0.5)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(60):
    model.train()
    opt.zero_grad()
    logits = model(X)
    loss = loss_fn(logits, y)
    loss.backward()
    opt.step()
    sched.step()
    if epoch % 20 == 19:
        model.eval()
        with torch.no_grad():
            pred = model(X).argmax(dim=1)
            acc = (pred == y).float().mean().item()
        print(f"{epoch + 1:3d} loss={loss.item():.4f} acc={acc:.3f} lr={sched.get_last_lr()[0]:.4f}")
probs = F.softmax(model(X[:3]), dim=1)
print(probs.sum(dim=1), probs.shape, torch.max(probs, dim=1).indices)
print(F.one_hot(y[:4], num_classes=3))
sd = model.state_dict()
print(list(sd.keys()), sd['fc1.weight'].shape)
m2 = MLP(); m2.load_state_dict(sd); m2.eval(); model.eval()
print(torch.allclose(m2(X), model(X)))
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
print(torch.cat([X[:2], X[:1]]).shape, torch.where(y[:6] > 0, 1.0, -1.0))"""),
    ('bernoulli_and_multinomial', """import torch
def t(f):
    try: print(f())
    except Exception as e: print(type(e).__name__ + ':', e)
t(lambda: torch.multinomial(torch.tensor([0.2, 0.5]), 3))
t(lambda: torch.multinomial(torch.tensor([-0.2, 0.5]), 1))
t(lambda: torch.multinomial(torch.tensor([0., 0.]), 1))
t(lambda: torch.multinomial(torch.tensor([1, 2]), 1))
t(lambda: torch.multinomial(torch.tensor([[0.1, 0.9], [0.5, 0.5]]), 2).shape)
t(lambda: torch.multinomial(torch.ones(2, 2, 2), 1))
t(lambda: torch.multinomial(torch.tensor([0.2, 0.5]), 0))
t(lambda: torch.bernoulli(torch.tensor([1.5])))
t(lambda: torch.bernoulli(torch.tensor([1, 0])))
t(lambda: torch.bernoulli(torch.tensor([0.5, 0.5], dtype=torch.float64)).dtype)
torch.manual_seed(3); t(lambda: torch.bernoulli(torch.tensor([0.5, 0.5, 0.5, 0.5]), p=0.2))
torch.manual_seed(2); t(lambda: torch.ones(3).bernoulli_(0.5))
torch.manual_seed(0); print(torch.bernoulli(torch.full((4,), 0.5), generator=torch.Generator().manual_seed(1)), torch.multinomial(torch.tensor([[0.1, 0.9], [0.5, 0.5]]), 4, replacement=True))
torch.manual_seed(5); print(torch.multinomial(torch.tensor([1., 2., 3., 4.]), 1, replacement=True), torch.multinomial(torch.tensor([1., 2., 3., 4.]), 4), torch.multinomial(torch.tensor([[1., 2.], [3., 4.]]), 1))
torch.manual_seed(1)
w = torch.rand(5, 7) ** 3
print(torch.multinomial(w, 50, replacement=True), torch.multinomial(w, 7), torch.multinomial(w.double(), 20, replacement=True), torch.multinomial(w.double(), 3))
print(torch.bernoulli(torch.rand(40)), torch.bernoulli(torch.rand(20, dtype=torch.float64)), torch.rand(40).bernoulli_(0.3), torch.rand(1))
print(torch.rand(3).multinomial(2), torch.rand(8).bernoulli().sum())"""),
    ('bincount_roll_histc_linalg_norm', """import torch
def t(f):
    try: print(f())
    except Exception as e: print(type(e).__name__ + ':', e)
y = torch.tensor([0, 1, 1, 3, 2, 1, 7])
t(lambda: y.bincount()); t(lambda: torch.bincount(y, minlength=10)); t(lambda: torch.bincount(y, weights=torch.linspace(0, 1, 7)))
t(lambda: torch.bincount(y, weights=torch.ones(7, dtype=torch.float64))); t(lambda: torch.bincount(torch.tensor([], dtype=torch.long))); t(lambda: torch.bincount(torch.tensor([-1, 2])))
t(lambda: torch.bincount(torch.tensor([[1, 2]]))); t(lambda: torch.bincount(torch.tensor([1., 2.]))); t(lambda: torch.bincount(y, weights=torch.ones(3)))
x = torch.arange(12.).reshape(3, 4)
t(lambda: x.roll(1)); t(lambda: x.roll(1, 1)); t(lambda: torch.roll(x, (1, -1), (0, 1))); t(lambda: x.roll(-5, 0)); t(lambda: x.roll((1, 2), 0))
t(lambda: torch.histc(torch.tensor([1., 2., 1.]), bins=4, min=0, max=3)); t(lambda: torch.histc(torch.tensor([1., 2., 1., 5.]), bins=4)); t(lambda: torch.histc(torch.tensor([1, 2]), bins=2)); t(lambda: torch.histc(torch.tensor([0.5, 3.0, -1.0, 3.5]), bins=3, min=0, max=3))
t(lambda: torch.linalg.norm(x)); t(lambda: torch.linalg.norm(torch.tensor([3., 4.]))); t(lambda: torch.linalg.norm(x, dim=1)); t(lambda: torch.linalg.vector_norm(x, ord=1)); t(lambda: torch.linalg.norm(torch.tensor([3., -4.]), ord=float('inf')))
xr = torch.arange(6.).reshape(2, 3).requires_grad_()
r = xr.roll(1, 1); r.sum().backward(); print(r, xr.grad)"""),
    ('one_cycle_lr', """import torch
from torch.optim import lr_scheduler as S
def opt(lr=0.1, groups=1, adam=False):
    ps = [torch.nn.Parameter(torch.zeros(1)) for _ in range(groups)]
    if adam: return torch.optim.Adam([{'params': [p]} for p in ps], lr=lr)
    return torch.optim.SGD([{'params': [p]} for p in ps], lr=lr, momentum=0.9)
o = opt(); s = S.OneCycleLR(o, max_lr=1.0, total_steps=10)
out = [o.param_groups[0]['lr']]; mom = [o.param_groups[0]['momentum']]
for i in range(9): o.step(); s.step(); out.append(o.param_groups[0]['lr']); mom.append(o.param_groups[0]['momentum'])
print(out, mom)
o = opt(); s = S.OneCycleLR(o, max_lr=0.5, epochs=2, steps_per_epoch=4, anneal_strategy='linear', three_phase=True)
out = [o.param_groups[0]['lr']]
for i in range(7): o.step(); s.step(); out.append(o.param_groups[0]['lr'])
print(out, s.get_last_lr(), s.total_steps)
o = opt(adam=True); s = S.OneCycleLR(o, max_lr=[0.01], total_steps=6, pct_start=0.5)
for i in range(5): o.step(); s.step(); print(round(o.param_groups[0]['lr'], 10), o.param_groups[0]['betas'])
def t(f):
    try: print(f())
    except Exception as e: print(type(e).__name__ + ':', e)
t(lambda: S.OneCycleLR(opt(), max_lr=1.0)); t(lambda: S.OneCycleLR(opt(), max_lr=1.0, total_steps=0)); t(lambda: S.OneCycleLR(opt(), max_lr=1.0, total_steps=5, pct_start=1))
t(lambda: S.OneCycleLR(opt(), max_lr=1.0, total_steps=5, anneal_strategy='x')); t(lambda: S.OneCycleLR(opt(), max_lr=[1.0, 2.0], total_steps=5)); t(lambda: S.OneCycleLR(opt(), max_lr=1.0, epochs=2))
o = opt(); s = S.OneCycleLR(o, max_lr=1.0, total_steps=2); o.step(); s.step(); o.step(); s.step()
t(lambda: s.step())"""),
    ('roll_arguments', """import torch
t = torch.arange(6.).reshape(2,3)
for f in [lambda: torch.roll(t, 1e300), lambda: torch.roll(t, None), lambda: torch.roll(t, [1], [1]), lambda: torch.roll(t, (1,), 5), lambda: torch.roll(t, 'a'), lambda: t.roll(2, (0, 1)), lambda: torch.roll(torch.tensor(3.), 1), lambda: torch.roll(torch.zeros(0, 2), 1, 0)]:
    try: print(f())
    except Exception as e: print(type(e).__name__ + ':', e)"""),
    ('lr_scheduler_as_attribute_and_import', """import torch
print(torch.optim.lr_scheduler.StepLR.__name__)
import torch.optim.lr_scheduler as S
print(S.ExponentialLR.__module__)
from torch.optim.lr_scheduler import LambdaLR
from torch.optim import lr_scheduler
print(lr_scheduler is S, LambdaLR is S.LambdaLR, 'lr_scheduler' in dir(torch.optim), hasattr(torch.optim, 'lr_scheduler'), getattr(torch.optim, 'lr_scheduler') is S)
print(type(torch.optim.lr_scheduler))"""),
    ('einsum', """import torch
def t(f):
    try: print(f())
    except Exception as e: print(type(e).__name__ + ':', e)
a = torch.arange(6.).reshape(2,3); b = torch.arange(12.).reshape(3,4)
t(lambda: torch.einsum('ij,jk', a, b)); t(lambda: torch.einsum('ij,jk->ik', a)); t(lambda: torch.einsum('ij->ik', a)); t(lambda: torch.einsum('ij,jk->ii', a, b)); t(lambda: torch.einsum('ijk->i', a))
t(lambda: torch.einsum('ij,kl->ik', a, b).shape); t(lambda: torch.einsum('ij,jk->ik', a, a)); t(lambda: torch.einsum('i j , j k -> i k', a, b)); t(lambda: torch.einsum('ij,jk->ik', [a, b])); t(lambda: torch.einsum('ii', torch.eye(3)*2)); t(lambda: torch.einsum('ii->i', torch.arange(9.).reshape(3,3)))
t(lambda: torch.einsum('i1->i', a)); t(lambda: torch.einsum('ij,jk->ik', a, b, b))
t(lambda: torch.einsum('ba,ca->bc', a, a)); t(lambda: torch.einsum('ij->j', torch.tensor([[1,2],[3,4]])))
torch.manual_seed(0)
x = torch.randn(2, 3, 4, requires_grad=True); w = torch.randn(4, 5, requires_grad=True)
y = torch.einsum('bij,jk->bik', x, w)
print(y.shape, y.grad_fn.name(), torch.allclose(y, x @ w))
y.sum().backward(); print(torch.allclose(x.grad, w.sum(1).expand(2, 3, 4)), torch.allclose(w.grad, x.sum((0, 1)).unsqueeze(1).expand(4, 5)))
q = torch.randn(2, 3, 4); k = torch.randn(2, 5, 4)
att = torch.einsum('bqd,bkd->bqk', q, k)
print(att.shape, torch.allclose(att, q @ k.transpose(1, 2), atol=1e-6))
v = torch.tensor([1., 2., 3.], requires_grad=True)
for eq, ops in [('i,i->', (v, v)), ('i,j->ij', (v, v)), ('ij->ji', (a,)), ('ij->', (a,)), ('ii->i', (torch.eye(3, requires_grad=True),))]:
    r = torch.einsum(eq, *ops); print(eq, r, r.grad_fn.name() if r.grad_fn else None)
print(torch.einsum('i,i', torch.tensor([1, 2]), torch.tensor([3, 4])), torch.einsum('bi,bi->b', a, a), torch.einsum('ij,ij', a, a), torch.einsum('...ij->...ji', a) if False else 0)"""),
    ('copy_and_deepcopy', """import copy
import torch
import torch.nn as nn
from collections import defaultdict, OrderedDict, Counter
a = [1, [2, 3], {'k': [4]}]
b = copy.copy(a); c = copy.deepcopy(a)
b[1].append(9); c[2]['k'].append(8)
print(a, b, c, b[1] is a[1], c[1] is a[1])
shared = [0]; pair = [shared, shared]; dp = copy.deepcopy(pair); print(dp[0] is dp[1], dp[0] is shared)
cyc = [1]; cyc.append(cyc); cc = copy.deepcopy(cyc); print(cc[1] is cc, cc is cyc)
t = (1, 2, (3, 4)); print(copy.deepcopy(t) is t, copy.deepcopy((1, [2]))[1] is not None)
dd = defaultdict(list, {'a': [1]}); dd2 = copy.deepcopy(dd); dd2['b'].append(2); print(dd, dd2, dd2.default_factory)
print(copy.copy(Counter('aab')), copy.deepcopy(OrderedDict(x=[1])), copy.copy({1, 2}), copy.deepcopy(frozenset({3})))
class P:
    def __init__(self, xs): self.xs = xs
    def __repr__(self): return f"P({self.xs})"
p = P([1]); q = copy.copy(p); r = copy.deepcopy(p); q.xs.append(2); print(p, q, r, q is p)
class C:
    def __init__(self): self.n = 0
    def __deepcopy__(self, memo): print('custom'); return 'copied'
print(copy.deepcopy([C()]))
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
best = copy.deepcopy(model)
with torch.no_grad():
    model[0].weight.add_(1.0)
print(best[0].weight, model[0].weight.sum() - best[0].weight.sum())
print(type(best[0].weight).__name__, best[0].weight.requires_grad, best is model, best[0] is model[0])
sd = copy.deepcopy(model.state_dict()); print(type(sd).__name__, list(sd.keys()), torch.equal(sd['0.weight'], model[0].weight))
x = torch.ones(2, requires_grad=True); y = x * 2
try:
    copy.deepcopy(y)
except RuntimeError as e:
    print('RuntimeError', e)
(x * 3).sum().backward(); xc = copy.deepcopy(x); print(xc, xc.grad, xc.requires_grad, xc is x)
print(copy.deepcopy(torch.float32), copy.deepcopy(torch.device('cpu')), copy.copy(torch.tensor([1, 2])))
def gen(): yield 1
try:
    copy.deepcopy(gen())
except TypeError as e:
    print('TypeError', e)"""),
]
