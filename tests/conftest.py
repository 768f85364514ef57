"""Fixtures shared by several test modules."""

import json
import os
import re
import subprocess
import sys

import pytest

from book_build import BOOK, EXAMPLES, ROOT


@pytest.fixture(scope="session")
def standalone_runs(tmp_path_factory):
    """Every gallery script run as ``python plot_x.py``, each from an empty folder of its own,
    several at a time, its figures and descriptions then checked as the build checks them
    (tests/standalone.py): ``{script path: {"returncode", "stderr", "cpu_seconds",
    "figure_problems", ...}}``."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "standalone.py"), "--check-figures",
                             *map(str, EXAMPLES)],
                            cwd=tmp_path_factory.mktemp("standalone"), env=env,
                            capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def stable_id(value):
    """A test id from ``repr(value)`` without memory addresses (``<function f at 0x7f...>``
    becomes ``f``), so that two collections give the same ids (``--lf``, pytest-xdist)."""
    return re.sub(r"<(?:function|bound method) ([\w.<>]+)(?: of [^>]*)? at 0x[0-9a-f]+>", r"\1", repr(value))


@pytest.fixture(scope="session")
def breast_cancer():
    """The logistic regression of chapters 4 and 10: scikit-learn's breast-cancer data,
    standardized, with a column of ones for the bias, and a little L2 regularization."""
    import numpy as np
    from sklearn import datasets

    from gdlib.functions import LogisticRegression

    features, labels = datasets.load_breast_cancer(return_X_y=True)
    features = (features - features.mean(axis=0)) / features.std(axis=0)
    return LogisticRegression(np.hstack([features, np.ones((len(features), 1))]), labels, l2=1e-3)
