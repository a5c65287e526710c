#!/usr/bin/env python3
"""PyTorch equivalents of `mainspring bench kernels`, timed on the same GPU.

Prints one JSON object per measurement with the same keys as the Java command ("bench": "kernels",
kernel, pass, shape, value in ms), with "backend": "torch", so the two outputs join on
(kernel, pass, shape). Median of --reps runs after two untimed ones, each run ended by
torch.cuda.synchronize(), as the Java side does.

  python3 benchmarks/torch_kernels.py [--reps 10] [--tf32]

Band attention is scaled_dot_product_attention over [B·n, heads, S, dh] with the equivalent additive
mask (−softplus(a_h)·|pos_l − pos_j| inside the band, −inf outside), the mask built inside the timed
region because it depends on the learnable a; everything else is straightforward eager torch code.
"""
import argparse
import json
import random
import statistics
import time

import torch
import torch.nn.functional as F


def timed(body, reps):
    for _ in range(2):
        body()
    torch.cuda.synchronize()
    ms = []
    for _ in range(reps):
        t0 = time.perf_counter()
        body()
        torch.cuda.synchronize()
        ms.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ms)


def run(body_fwd, backward, seed, leaves):
    if not backward:
        def f():
            with torch.no_grad():
                body_fwd()
        return f

    def fb():
        out = body_fwd()
        out.backward(seed)
        for t in leaves:
            t.grad = None
    return fb


def band_attention(dev, n, sites, backward, d=64, heads=4, w=64):
    dh = d // heads
    g = torch.Generator(device=dev).manual_seed(1)
    shape = (n, heads, sites, dh)  # [B·n, heads, S, dh] with B = 1
    q, k, v = (torch.rand(shape, device=dev, generator=g) * 2 - 1 for _ in range(3))
    for t in (q, k, v):
        t.requires_grad_(backward)
    a = torch.zeros(heads, device=dev, requires_grad=backward)
    pos = torch.arange(sites, device=dev, dtype=torch.float32) * 0.1
    dist = (pos[:, None] - pos[None, :]).abs()
    idx = torch.arange(sites, device=dev)
    band = (idx[:, None] - idx[None, :]).abs() <= w
    seed = torch.rand(shape, device=dev, generator=g) * 2 - 1

    def fwd():
        bias = -F.softplus(a)[:, None, None] * dist  # [heads, S, S]
        mask = bias.masked_fill(~band, float("-inf"))
        return F.scaled_dot_product_attention(q, k, v, attn_mask=mask[None])
    return run(fwd, backward, seed, [q, k, v, a])


def scatter_add(dev, edges, row, targets):
    g = torch.Generator(device=dev).manual_seed(5)
    src = torch.rand((edges, row), device=dev, generator=g) * 2 - 1
    idx = torch.randint(0, targets, (edges,), device=dev, generator=g)

    def fwd():
        return torch.zeros((targets, row), device=dev).index_add_(0, idx, src)
    return run(fwd, False, None, [])


def random_trees(batch, n, sites, seed=7):
    """Parents [B, S, 2n-1] (children numbered below parents) and times [B, n, S], as the Java bench."""
    rng = random.Random(seed)
    nodes = 2 * n - 1
    parents = torch.full((batch, sites, nodes), -1, dtype=torch.long)
    times = torch.zeros((batch, n, sites))
    for b in range(batch):
        for l in range(sites):
            active = list(range(n))
            t = 0.0
            for u in range(n, nodes):
                c1 = active.pop(rng.randrange(len(active)))
                y = rng.randrange(len(active))
                c2 = active[y]
                active[y] = u
                parents[b, l, c1] = u
                parents[b, l, c2] = u
                t += rng.random()
                times[b, u - n + 1, l] = t
    return parents, times


def sfs(dev, batch, n, sites, mu=1e-3):
    nodes = 2 * n - 1
    parents, times0 = random_trees(batch, n, sites)
    parents = parents.to(dev)
    times = times0.to(dev).requires_grad_(True)
    span = torch.ones((batch, sites), device=dev)
    seed = torch.rand((batch, n - 1), device=dev) * 2 - 1
    has_parent = parents >= 0
    safe_parent = parents.clamp(min=0)

    def fwd():
        # Leaf counts: children are numbered below their parents, so one pass in node order.
        counts = torch.zeros((batch, sites, nodes), device=dev)
        counts[:, :, :n] = 1
        for v in range(nodes - 1):
            counts.scatter_add_(2, safe_parent[:, :, v:v + 1], counts[:, :, v:v + 1] * has_parent[:, :, v:v + 1])
        node_time = torch.cat([torch.zeros((batch, sites, n), device=dev), times[:, 1:, :].transpose(1, 2)], dim=2)
        branch = (node_time.gather(2, safe_parent) - node_time) * has_parent
        k = counts.long()
        keep = has_parent & (k >= 1) & (k < n)
        w = (branch * keep * (mu * span)[:, :, None]).reshape(batch, -1)
        bins = (k - 1).clamp(0, n - 2).reshape(batch, -1)
        return torch.zeros((batch, n - 1), device=dev).scatter_add(1, bins, w)
    return run(fwd, True, seed, [times])


def coupling(dev, rows, cols):
    g = torch.Generator(device=dev).manual_seed(9)
    x, shift, raw = ((torch.rand((rows, cols), device=dev, generator=g) * 2 - 1).requires_grad_(True)
                     for _ in range(3))
    seed = torch.rand((rows, cols), device=dev, generator=g) * 2 - 1

    def fwd():
        ls = 2 * torch.tanh(raw / 2)
        return x * torch.exp(ls) + shift
    return run(fwd, True, seed, [x, shift, raw])


def softmax(dev, rows, length):
    x = (torch.rand((rows, length), device=dev) * 8 - 4).requires_grad_(True)
    seed = torch.rand((rows, length), device=dev) * 2 - 1
    return run(lambda: torch.softmax(x, -1), True, seed, [x])


def layer_norm(dev, rows, d):
    x = (torch.rand((rows, d), device=dev) * 6 - 3).requires_grad_(True)
    gamma = (torch.rand(d, device=dev) + 0.5).requires_grad_(True)
    beta = (torch.rand(d, device=dev) - 0.5).requires_grad_(True)
    seed = torch.rand((rows, d), device=dev) * 2 - 1
    return run(lambda: F.layer_norm(x, (d,), gamma, beta, 1e-5), True, seed, [x, gamma, beta])


def gemm(dev, m, k, n):
    x = torch.rand((m, k), device=dev) * 2 - 1
    w = torch.rand((k, n), device=dev) * 2 - 1
    return run(lambda: x @ w, False, None, [])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reps", type=int, default=10)
    p.add_argument("--tf32", action="store_true", help="allow TF32 matmuls (default: fp32, as ours)")
    p.add_argument("--join", metavar="JSONL", help="the output of `mainspring bench kernels` on this GPU: print "
                   "its records with torch_value and speedup_vs_torch (torch ms / ours) added")
    args = p.parse_args()
    ours = {}
    if args.join:
        with open(args.join) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    r = json.loads(line)
                    ours[(r["kernel"], r["pass"], r["shape"])] = r
    torch.backends.cuda.matmul.allow_tf32 = args.tf32
    torch.backends.cudnn.allow_tf32 = args.tf32
    dev = torch.device("cuda")
    device = torch.cuda.get_device_name(dev)
    n = 50
    work = []
    for sites in (300, 2000):
        shape = f"n={n},S={sites},d=64,heads=4,w=64,batch=1"
        for backward in (False, True):
            work.append(("band_attention", "fwd+bwd" if backward else "fwd", shape,
                         lambda s=sites, b=backward: band_attention(dev, n, s, b)))
    work.append(("scatter_add", "fwd", "E=200000,row=64,targets=20000", lambda: scatter_add(dev, 200_000, 64, 20_000)))
    work.append(("sfs", "fwd+bwd", f"B=16,n={n},S=300", lambda: sfs(dev, 16, n, 300)))
    work.append(("flow_coupling", "fwd+bwd", "rows=65536,cols=32", lambda: coupling(dev, 65_536, 32)))
    work.append(("softmax", "fwd+bwd", "rows=65536,len=300", lambda: softmax(dev, 65_536, 300)))
    work.append(("layernorm", "fwd+bwd", "rows=240000,d=64", lambda: layer_norm(dev, 240_000, 64)))
    work.append(("gemm", "fwd", "m=240000,k=64,n=256", lambda: gemm(dev, 240_000, 64, 256)))
    for kernel, pass_, shape, make in work:
        body = make()
        ms = timed(body, args.reps)
        print(json.dumps({"bench": "kernels", "kernel": kernel, "pass": pass_, "shape": shape, "backend": "torch",
                          "device": device, "value": round(ms, 3), "unit": "ms", "reps": args.reps,
                          "torch": torch.__version__}), flush=True)
        mine = ours.get((kernel, pass_, shape))
        if mine is not None and mine.get("backend") == "cuda":
            joined = dict(mine, bench="kernels-vs-torch", torch_value=round(ms, 3),
                          speedup_vs_torch=round(ms / mine["value"], 3) if mine["value"] > 0 else None)
            print(json.dumps(joined), flush=True)


if __name__ == "__main__":
    main()
