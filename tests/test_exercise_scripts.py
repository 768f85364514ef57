"""Exercises that change a gallery script work as the chapter says.

Each test edits the script as the exercise asks, runs it, and checks what the
student sees against the solution: chapter 1, exercise 1 (widen the landscape
to [-2, 2]) and chapter 5, exercise 1 (add the momentum setting (0.6, 0.9)).
"""

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

BOOK = Path(__file__).parents[1] / "book"


def run_edited(script, old, new, monkeypatch):
    """Run ``script`` with ``old`` replaced by ``new`` (exactly once); return its figures."""
    source = (BOOK / "examples" / script).read_text()
    assert source.count(old) == 1, f"the exercise's line {old!r} is not in {script}"
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: None)
    plt.close("all")
    namespace = {"__name__": "__main__"}
    exec(compile(source.replace(old, new), script, "exec"), namespace)
    return [plt.figure(n) for n in plt.get_fignums()], namespace


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_chapter_1_exercise_1_widened_landscape(monkeypatch):
    (fig,), ns = run_edited("part1/obstacles/plot_xcos_landscape.py",
                            "lo, hi = -1.0, 2.0", "lo, hi = -2.0, 2.0", monkeypatch)
    ax = fig.axes[0]
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    critical = [label for label in labels if "local" in label or ", $x" in label]
    assert len(critical) == len(ns["points"]) == 4  # all four critical points drawn
    assert any("-1.0904" in label for label in labels)  # the new local maximum
    assert labels[-1] == "global minimum on $[-2, 2]$: the end $x = -2$"
    assert not any("global" in label for label in labels[:-1])
    low, high = ax.get_ylim()
    assert low < -2.0 and high > 2.0  # f(-2) = -2 and f(2) = 2 are not clipped
    assert "[-2, 2]" in ax.get_title()
    # without the ends among the candidates, the right valley would have won
    assert ns["minima"][ns["xcos"].value(ns["minima"]).argmin()] == pytest.approx(1.0904, abs=1e-4)


def test_chapter_1_exercise_1_script_as_shipped_names_the_valley(monkeypatch):
    (fig,), _ = run_edited("part1/obstacles/plot_xcos_landscape.py",
                           "lo, hi = -1.0, 2.0", "lo, hi = -1.0, 2.0", monkeypatch)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "global minimum on $[-1, 2]$, $x \\approx 1.0904$" in labels


def test_chapter_5_exercise_1_fourth_setting_gets_a_panel(monkeypatch):
    settings = "settings = [(0.4, 0.5), (0.6, 0.5), (0.6, 0.25)]"
    (fig,), ns = run_edited("part2/momentum/plot_momentum_trajectories.py", settings,
                            settings[:-1] + ", (0.6, 0.9)]", monkeypatch)
    assert len(fig.axes) == 4
    last = fig.axes[3]
    assert "\\gamma = 0.9" in last.get_legend().get_texts()[1].get_text()
    final = ns["runs"][0.6, 0.9].final
    title = re.findall(r"-?\d+\.\d+", last.get_title())
    assert np.allclose([float(t) for t in title], final, atol=1e-6)
    # the solution: ends near (-1.19, -1.12), about a third of |x_0| from the minimizer
    assert np.allclose(final, [-1.19, -1.12], atol=0.005)
    assert np.linalg.norm(final) / np.linalg.norm(ns["x0"]) == pytest.approx(0.30, abs=0.01)
