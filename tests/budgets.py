"""The book's CPU budgets: what one gallery script, one chapter and the whole book may cost.

Processor time (user and system), not wall time: it does not grow when the machine
is busy, so a budget is not a flaky timer. It is measured where the work is done
once, in ``make test``: a gallery script in its own forked process
(``tests/standalone.py``, the figure checks included; the animations' frames are
rendered only by the build), a chapter's code cells in the test process
(``tests/chapter_glue.py``).

A script or chapter that needs more than the standard budget says so here, with the
reason, in the commit that makes it need more; so does a book that outgrows its total.
"""

from pathlib import Path

SCRIPT_CPU_SECONDS = 5.0  # one gallery script, as ``python plot_x.py`` runs it, figures checked
CHAPTER_CPU_SECONDS = 10.0  # one chapter's code cells
BOOK_CPU_SECONDS = 200.0  # every script and every chapter

# Raised budgets: {script or chapter (a path relative to book/examples or book/): (seconds, reason)}.
_DIGITS = ("imports scikit-learn and loads its digits (about 2.6 s of CPU before any training), "
           "then trains chapter 15's network several times")
RAISED = {
    "part2/choosing/plot_schedule_effect.py": (7.0, "imports scikit-learn and loads its breast-cancer data "
                                               "(about 2.7 s of CPU), then tunes SGD and Adam over 16 "
                                               "rates and 6 schedules at 3 peak rates, 5 seeds each "
                                               "(5.3 s measured on 2026-12-07)"),
    "part3/neural_network/plot_optimizers.py": (8.0, _DIGITS + ": 4 optimizers x 4 rates x 3 seeds"),
    "part3/neural_network/plot_small_init.py": (8.0, _DIGITS + ": 4 scales x 2 optimizers x 3 seeds"),
    "part3/neural_network/plot_high_rate.py": (8.0, _DIGITS),
    "part3/neural_network/plot_early_stopping.py": (8.0, _DIGITS),
}


def budget(name, standard):
    """The CPU budget of ``name``: its raised one if it has one, else ``standard``."""
    return RAISED.get(name, (standard, None))[0]


def over_budget(cpu_seconds, standard):
    """Messages for every ``{name: seconds}`` over its budget, the most costly first."""
    return [f"{name}: {seconds:.1f} s of CPU, over its budget of {budget(name, standard):g} s"
            for name, seconds in sorted(cpu_seconds.items(), key=lambda item: -item[1])
            if seconds > budget(name, standard)]


def scripts_over_budget(runs, examples_root):
    """``over_budget`` for the standalone runs of gallery scripts (``tests/standalone.py``),
    each named by its path relative to ``examples_root``."""
    cpu = {Path(script).relative_to(examples_root).as_posix(): run["cpu_seconds"] for script, run in runs.items()}
    return over_budget(cpu, SCRIPT_CPU_SECONDS)
