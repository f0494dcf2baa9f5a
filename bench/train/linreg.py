# A lesson's first fit: y = 2x + 1 plus noise, 100 SGD steps of nn.Linear(1, 1) with MSELoss.
import torch
import torch.nn as nn

torch.manual_seed(0)
x = torch.linspace(-1, 1, 50).unsqueeze(1)
y = 2 * x + 1 + 0.1 * torch.randn(50, 1)
model = nn.Linear(1, 1)
loss_fn = nn.MSELoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
losses = []
for step in range(100):
    pred = model(x)
    loss = loss_fn(pred, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    losses.append(loss.item())
assert losses[-1] < 0.05
