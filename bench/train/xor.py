# next_cases.jsonl's classifier_loop: 200 Adam steps of a 2-8-2 MLP on XOR.
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y = torch.tensor([0, 1, 1, 0])
model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 2))
opt = optim.Adam(model.parameters(), lr=0.05)
for epoch in range(200):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(model(X), y)
    loss.backward()
    opt.step()
assert model(X).argmax(dim=1).tolist() == [0, 1, 1, 0]
assert loss.item() < 0.1
