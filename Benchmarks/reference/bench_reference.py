"""The reference side of `make bench-compare` (issue 12): the same sweep and
matmul workloads as the Swift `bench`, single-threaded, in NumPy, PyTorch
eager and JAX-jit (compile time reported apart).

Sweep: rho in {0.5, 0.9, 1, 1.1, 1.5} x phi in {tanh, identity, sigmoid} x 20
seeds; T = 100, h = 64, n = 8, d = 16; W_hh = rho Q (Q orthogonal), b_h = 0,
H_0 = 0; forward, then backpropagation through time for L = sum(H_T): the
gradients of W_xh, W_hh, b_h and ||dL/dH_t|| for every t. (The Swift side
also forms the outputs O_t with q = 1, about 1 % more work.)

Matmul: square C = A B, n = 16, 64, 256, 512, float32 and float64, GFLOP/s
from the median time.

Usage: python bench_reference.py [--json] [--repeats N] [--clock wall|cpu]
"""
import os

# One thread everywhere, set before the libraries start their pools.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
os.environ["XLA_FLAGS"] = "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"

import argparse
import json
import statistics
import sys
import time

import numpy as np

RHOS = [0.5, 0.9, 1.0, 1.1, 1.5]
ACTIVATIONS = ["tanh", "identity", "sigmoid"]
SEEDS = 20
T, H, N, D = 100, 64, 8, 16
SIZES = [16, 64, 256, 512]


def log(text):
    print(text, file=sys.stderr, flush=True)


CLOCK = time.perf_counter   # --clock cpu: time.process_time (this process's CPU time)


def timed(repeats, body):
    """Median and minimum seconds of `repeats` runs after one warm-up run."""
    body()
    seconds = []
    for _ in range(repeats):
        start = CLOCK()
        body()
        seconds.append(CLOCK() - start)
    return statistics.median(seconds), min(seconds)


def draw_data():
    """Per seed: X (T, n, d), W_xh (d, h) / sqrt(d), Q (h, h) orthogonal."""
    data = []
    for seed in range(SEEDS):
        rng = np.random.default_rng(seed)
        xs = rng.standard_normal((T, N, D))
        wxh = rng.standard_normal((D, H)) / np.sqrt(D)
        q, r = np.linalg.qr(rng.standard_normal((H, H)))
        q = q * np.sign(np.diag(r))          # the positive-diagonal QR: Haar Q
        data.append((xs, wxh, q))
    return data


def configurations():
    return [(phi, rho, seed) for phi in ACTIVATIONS for rho in RHOS for seed in range(SEEDS)]


# MARK: NumPy — BPTT written out, as Network/BPTT.swift does it.

def numpy_sweep(data, dtype):
    acts = {
        "tanh": (np.tanh, lambda z, h: 1 - h * h),
        "identity": (lambda z: z, lambda z, h: np.ones_like(h)),
        "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z, h: h * (1 - h)),
    }
    cast = [(xs.astype(dtype), wxh.astype(dtype), q) for xs, wxh, q in data]

    def run():
        out = []
        for phi, rho, seed in configurations():
            xs, wxh, q = cast[seed]
            whh = (rho * q).astype(dtype)
            bh = np.zeros((1, H), dtype)
            f, df = acts[phi]
            h = np.zeros((N, H), dtype)
            states, zs = [h], []
            for t in range(T):
                z = xs[t] @ wxh + h @ whh + bh
                h = f(z)
                zs.append(z)
                states.append(h)
            g = np.ones((N, H), dtype)
            dwxh, dwhh, dbh = np.zeros_like(wxh), np.zeros_like(whh), np.zeros_like(bh)
            norms = [0.0] * (T + 1)
            norms[T] = float(np.linalg.norm(g))
            whh_t = whh.T
            for t in range(T, 0, -1):
                dz = g * df(zs[t - 1], states[t])
                dwxh += xs[t - 1].T @ dz
                dwhh += states[t - 1].T @ dz
                dbh += dz.sum(axis=0, keepdims=True)
                g = dz @ whh_t
                norms[t - 1] = float(np.linalg.norm(g))
            out.append(norms)
        return out

    return run


# MARK: PyTorch eager — autograd, with every H_t keeping its gradient.

def torch_sweep(data, dtype):
    import torch
    acts = {"tanh": torch.tanh, "identity": lambda z: z, "sigmoid": torch.sigmoid}
    tdtype = torch.float64 if dtype == np.float64 else torch.float32
    cast = [(torch.tensor(xs, dtype=tdtype), torch.tensor(wxh, dtype=tdtype), torch.tensor(q, dtype=tdtype))
            for xs, wxh, q in data]

    def run():
        out = []
        for phi, rho, seed in configurations():
            xs, wxh0, q = cast[seed]
            wxh = wxh0.clone().requires_grad_()
            whh = (rho * q).requires_grad_()
            bh = torch.zeros(1, H, dtype=tdtype, requires_grad=True)
            f = acts[phi]
            h = torch.zeros(N, H, dtype=tdtype, requires_grad=True)
            states = [h]
            for t in range(T):
                h = f(xs[t] @ wxh + h @ whh + bh)
                h.retain_grad()
                states.append(h)
            h.sum().backward()
            out.append([float(s.grad.norm()) for s in states])
        return out

    return run


# MARK: JAX-jit — one compiled function per activation; dL/dH_t through a zero
# perturbation eps_t added to every state (dL/deps_t = dL/dH_t).

def jax_sweep(data, dtype):
    import jax
    import jax.numpy as jnp
    acts = {"tanh": jnp.tanh, "identity": lambda z: z, "sigmoid": jax.nn.sigmoid}
    jdtype = jnp.float64 if dtype == np.float64 else jnp.float32

    def make(phi):
        f = acts[phi]

        def loss(params, eps, xs):
            wxh, whh, bh = params

            def step(h, inp):
                x, e = inp
                h = f(x @ wxh + h @ whh + bh) + e
                return h, None

            h0 = jnp.zeros((N, H), jdtype) + eps[0]
            hT, _ = jax.lax.scan(step, h0, (xs, eps[1:]))
            return hT.sum()

        def grads(params, eps, xs):
            gp, geps = jax.grad(loss, argnums=(0, 1))(params, eps, xs)
            return gp, jnp.sqrt(jnp.sum(geps * geps, axis=(1, 2)))

        return jax.jit(grads)

    cast = [(jnp.asarray(xs, jdtype), jnp.asarray(wxh, jdtype), q) for xs, wxh, q in data]
    eps = jnp.zeros((T + 1, N, H), jdtype)
    bh = jnp.zeros((1, H), jdtype)
    compiled = {}
    start = time.perf_counter()
    for phi in ACTIVATIONS:
        xs, wxh, q = cast[0]
        args = ((wxh, jnp.asarray(q, jdtype), bh), eps, xs)
        compiled[phi] = make(phi).lower(*args).compile()
    compile_seconds = time.perf_counter() - start

    def run():
        out = []
        for phi, rho, seed in configurations():
            xs, wxh, q = cast[seed]
            gp, norms = compiled[phi]((wxh, jnp.asarray(rho * q, jdtype), bh), eps, xs)
            out.append(norms.block_until_ready())
        return out

    return run, compile_seconds


# MARK: matmul

def matmul_gflops(framework, dtype, n, repeats):
    rng = np.random.default_rng(n)
    a = rng.standard_normal((n, n)).astype(dtype)
    b = rng.standard_normal((n, n)).astype(dtype)
    flops = 2.0 * n ** 3
    inner = max(1, int(4e8 / flops))
    if framework == "numpy":
        def body():
            for _ in range(inner):
                a @ b
    elif framework == "torch":
        import torch
        ta, tb = torch.from_numpy(a), torch.from_numpy(b)

        def body():
            for _ in range(inner):
                ta @ tb
    else:
        import jax
        import jax.numpy as jnp
        ja, jb = jnp.asarray(a), jnp.asarray(b)
        mm = jax.jit(lambda x, y: x @ y)
        mm(ja, jb).block_until_ready()

        def body():
            for _ in range(inner):
                mm(ja, jb).block_until_ready()
    median, _ = timed(repeats, body)
    return flops / (median / inner) / 1e9


def openblas_kernel():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed"
    infos = [i for i in threadpool_info() if i.get("internal_api") == "openblas"]
    if not infos:
        return "no OpenBLAS loaded"
    return "; ".join(f"OpenBLAS {i.get('version')} kernel {i.get('architecture')} ({i.get('num_threads')} thread(s), {os.path.basename(i.get('filepath', ''))})"
                     for i in infos)


def main():
    parser = argparse.ArgumentParser(description="NumPy / PyTorch / JAX reference for make bench-compare")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per measurement (default 3)")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                        help="wall clock (default) or this process's CPU time, steadier on a shared machine")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    if not 1 <= args.repeats <= 100:
        parser.error(f"--repeats {args.repeats}: need a whole number from 1 to 100")

    import torch
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    import jax
    jax.config.update("jax_enable_x64", True)

    data = draw_data()
    result = {"sweep": {}, "matmul": {}}
    for dtype, name in ((np.float64, "float64"), (np.float32, "float32")):
        entry = {}
        log(f"sweep {name} numpy")
        entry["numpy"] = timed(args.repeats, numpy_sweep(data, dtype))[0]
        log(f"sweep {name} torch")
        entry["torch"] = timed(args.repeats, torch_sweep(data, dtype))[0]
        log(f"sweep {name} jax")
        run, compile_seconds = jax_sweep(data, dtype)
        entry["jax"] = timed(args.repeats, run)[0]
        entry["jax_compile"] = compile_seconds
        result["sweep"][name] = entry
    for dtype, name in ((np.float32, "float32"), (np.float64, "float64")):
        result["matmul"][name] = {}
        for framework in ("numpy", "torch", "jax"):
            log(f"matmul {name} {framework}")
            result["matmul"][name][framework] = {str(n): matmul_gflops(framework, dtype, n, args.repeats) for n in SIZES}
    result["openblas"] = openblas_kernel()
    result["versions"] = {"numpy": np.__version__, "torch": torch.__version__, "jax": jax.__version__}

    if args.json:
        print(json.dumps(result))
        return
    print(f"Reference (one thread): numpy {np.__version__}, torch {torch.__version__}, jax {jax.__version__}")
    print(f"NumPy's BLAS: {result['openblas']}")
    print()
    print("sweep (300 configurations: T = 100, h = 64, n = 8, d = 16; forward + BPTT), median seconds")
    for name, e in result["sweep"].items():
        print(f"  {name}  numpy {e['numpy']:.3f}   torch eager {e['torch']:.3f}   jax-jit {e['jax']:.3f} (compile {e['jax_compile']:.2f})")
    print()
    print("matmul (C = A·B, square, one thread): GFLOP/s")
    for name, frameworks in result["matmul"].items():
        for framework, cells in frameworks.items():
            print(f"  {name} {framework:6}" + "".join(f"  n={n}: {g:.1f}" for n, g in cells.items()))


if __name__ == "__main__":
    main()
