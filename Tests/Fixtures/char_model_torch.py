"""Records what PyTorch computes for lesson 06's "Check it in PyTorch" snippet.

Writes Tests/Fixtures/char_model_torch.json: for each case, the start of the
generated text, the bits of the initial W_xh, and the lines the snippet prints
(its first three updates of each truncation). Run with the PyTorch version named
in the JSON (CPU, x86-64):  python3 Tests/Fixtures/char_model_torch.py
"""
import json
import struct
import sys

import torch
import torch.nn.functional as F

CASES = [
    # name, seed, V, k, p, train, val, h, n, lr, theta, sigma, taus
    ("defaults_seed0", 0, 8, 3, 0.8, 20000, 5000, 32, 32, 1.0, 1.0, 0.1, (2, 6)),
    ("quick_seed3", 3, 4, 2, 0.8, 3000, 1000, 16, 8, 1.0, 1.0, 0.1, (1, 4)),
]


def run(seed, V, k, p, train_chars, val_chars, h, n, lr, theta, sigma, taus):
    # The same statements as the snippet the lesson prints.
    torch.manual_seed(seed)
    N = train_chars + val_chars
    copy = (torch.rand(N) < p).tolist()
    text = (torch.rand(N) * V).long().tolist()
    for t in range(k, N):
        if copy[t]:
            text[t] = text[t - k]
    train = torch.tensor(text[:train_chars])
    W_xh = torch.randn(V, h) * sigma
    W_hh = torch.randn(h, h) * sigma
    W_hq = torch.randn(h, V) * sigma
    b_h, b_q = torch.zeros(h), torch.zeros(V)
    L = (len(train) - 1) // n
    X, Y = train[:n * L].reshape(n, L), train[1:n * L + 1].reshape(n, L)
    lines = []
    for tau in taus:
        params = [P.clone().requires_grad_() for P in (W_xh, W_hh, b_h, W_hq, b_q)]
        Wxh, Whh, bh, Whq, bq = params
        H = torch.zeros(n, h)
        for j in range(3):
            H = H.detach()
            loss = 0
            for t in range(j * tau, (j + 1) * tau):
                H = torch.tanh(F.one_hot(X[:, t], V).float() @ Wxh + H @ Whh + bh)
                loss = loss + F.cross_entropy(H @ Whq + bq, Y[:, t])
            loss = loss / tau
            loss.backward()
            norm = torch.nn.utils.clip_grad_norm_(params, theta)
            with torch.no_grad():
                for P in params:
                    P -= lr * P.grad
                    P.grad = None
            lines.append(f"tau={tau} update {j + 1}: loss {loss.item():.4f}, gradient norm {norm.item():.4f}")
    bits = [format(struct.unpack(">I", struct.pack(">f", x))[0], "08x") for x in W_xh.flatten().tolist()]
    return {"text_head": "".join(chr(ord("a") + c) for c in text[:200]), "W_xh_bits": bits, "printed": lines}


def main():
    cases = []
    for name, *args in CASES:
        case = run(*args)
        case["name"] = name
        cases.append(case)
    out = {"description": f"lesson 06's PyTorch snippet run by PyTorch {torch.__version__} (CPU, x86-64)", "cases": cases}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
