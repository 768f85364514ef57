"""How much does gdlib.run cost over the same formulas written as a bare numpy loop?

Each case runs both versions in this one process, alternating, several times,
and prints the ratio of the best times (gdlib / bare loop). Both versions
record the whole trajectory, as gdlib.run does; the bare loop allocates new
arrays each step and checks nothing, while gdlib.run checks every gradient and
every iterate. Goals: at most 1.5 on tiny problems (the per-step overhead), at
most 1.10 for large ones.

    python benchmarks/overhead.py
"""

import time

import numpy as np

import gdlib
from gdlib.functions import xcos


def best_time(fn, repeats):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bare_adam(grad, x0, steps, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    x = np.array(x0, dtype=float)
    xs = np.empty((steps + 1,) + x.shape)
    xs[0] = x
    v = np.zeros_like(x)
    s = np.zeros_like(x)
    for t in range(1, steps + 1):
        g = grad(x)
        v = beta1 * v + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g * g
        v_hat = v / (1 - beta1**t)
        s_hat = s / (1 - beta2**t)
        x = x - lr * v_hat / (np.sqrt(s_hat) + eps)
        xs[t] = x
    return xs


def bare_gd(grad, x0, steps, lr):
    x = np.array(x0, dtype=float)
    xs = np.empty((steps + 1,) + x.shape)
    xs[0] = x
    for t in range(1, steps + 1):
        x = x - lr * grad(x)
        xs[t] = x
    return xs


def quadratic_grad(x):
    return 2.0 * x


def case(name, goal, ours, bare, repeats):
    np.testing.assert_allclose(ours(), bare(), rtol=1e-9, atol=1e-12)  # same computation (up to rounding)
    t_ours, t_bare = [], []
    for _ in range(repeats):  # alternate, so both see the same machine state
        t_ours.append(best_time(ours, 1))
        t_bare.append(best_time(bare, 1))
    ratio = min(t_ours) / min(t_bare)
    print(f"{name:<48} gdlib {min(t_ours) * 1e3:8.1f} ms   bare {min(t_bare) * 1e3:8.1f} ms"
          f"   ratio {ratio:5.2f}")
    return name, ratio, goal


def main():
    rng = np.random.default_rng(0)
    rows = []
    for dim, x0 in ((1, 1.0), (2, np.array([1.0, -2.0]))):
        rows.append(case(
            f"Adam, {dim} parameter{'s' * (dim > 1)} x 20 000 steps", 1.5,
            lambda x0=x0: gdlib.run(gdlib.Adam(1e-3), quadratic_grad, x0, 20_000).xs,
            lambda x0=x0: bare_adam(quadratic_grad, x0, 20_000), repeats=7))
        rows.append(case(
            f"GD, {dim} parameter{'s' * (dim > 1)} x 20 000 steps", 1.5,
            lambda x0=x0: gdlib.run(gdlib.GD(1e-3), quadratic_grad, x0, 20_000).xs,
            lambda x0=x0: bare_gd(quadratic_grad, x0, 20_000, 1e-3), repeats=7))
    x_big = rng.normal(size=10**6)
    rows.append(case(
        "Adam, 10^6 parameters x 20 steps", 1.10,
        lambda: gdlib.run(gdlib.Adam(1e-3), quadratic_grad, x_big, 20).xs,
        lambda: bare_adam(quadratic_grad, x_big, 20), repeats=7))
    starts = rng.uniform(-1, 2, size=10**5)
    rows.append(case(
        "GD, run_many over 10^5 starts of x cos(pi x) x 100 steps", 1.10,
        lambda: gdlib.run_many(gdlib.GD(0.1), xcos.grad, starts, 100).xs,
        lambda: bare_gd(xcos.grad, starts, 100, 0.1), repeats=7))
    print("\n| case | gdlib / bare loop | goal |\n|---|---|---|")
    for name, ratio, goal in rows:
        print(f"| {name} | {ratio:.2f} | <= {goal:.2f} |")


if __name__ == "__main__":
    main()
