"""`make bench-compare`: the Swift benchmark's JSON beside the reference's,
as ratios. Usage: python compare.py swift.json reference.json

Ratios below 1 for times mean Swift is faster; matmul is Swift's GFLOP/s as
a percentage of NumPy's (OpenBLAS) in the same run.
"""
import json
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: compare.py SWIFT.json REFERENCE.json")
    with open(sys.argv[1]) as f:
        swift = json.load(f)
    with open(sys.argv[2]) as f:
        ref = json.load(f)

    print(f"Reference BLAS: {ref.get('openblas', '?')}")
    print()
    print("sweep, one thread: Swift time / reference time (lower is better for Swift)")
    for dtype in ("float64", "float32"):
        s, r = swift["sweep"][dtype], ref["sweep"][dtype]
        one = s["threads_1"]
        print(f"  {dtype}: Swift {one:.3f} s | vs JAX-jit {r['jax']:.3f} s: {one / r['jax']:.2f}x"
              f" | vs NumPy {r['numpy']:.3f} s: {one / r['numpy']:.2f}x"
              f" | vs PyTorch eager {r['torch']:.3f} s: {one / r['torch']:.2f}x"
              f" | JAX compile {r['jax_compile']:.2f} s")
    print("sweep, all cores: speed-up over one thread (wall clock; meaningful only with CLOCK unset"
          " on an otherwise idle machine, as CLOCK=cpu times the one-thread run in CPU time)")
    for dtype in ("float64", "float32"):
        s = swift["sweep"][dtype]
        print(f"  {dtype}: {s['threads_1']:.3f} s -> {s['threads_all']:.3f} s: {s['threads_1'] / s['threads_all']:.2f}x")
    print()
    print("matmul, one thread: Swift GFLOP/s as % of NumPy/OpenBLAS (and of PyTorch, JAX)")
    for dtype in ("float32", "float64"):
        cells = []
        for n, g in swift["matmul"][dtype].items():
            blas = ref["matmul"][dtype]["numpy"][n]
            torch = ref["matmul"][dtype]["torch"][n]
            jax = ref["matmul"][dtype]["jax"][n]
            cells.append(f"n={n}: {g:.1f} vs {blas:.1f} = {100 * g / blas:.0f}% (torch {100 * g / torch:.0f}%, jax {100 * g / jax:.0f}%)")
        print(f"  {dtype}: " + "; ".join(cells))
    if "lessons" in swift:
        print()
        print("lessons (Swift, end to end, median seconds): " +
              ", ".join(f"{k} {v:.3f}" for k, v in swift["lessons"].items()))


if __name__ == "__main__":
    main()
