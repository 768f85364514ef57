"""The Chinese edition's machinery (issue 12), on a small book with a catalog of its own.

The book's own catalogs are filled by translators; this small book has a few
messages translated here, so that the machinery is checked whatever their state:
glued numbers inside translated messages (book/_ext/translated_glue.py), the
gallery's translated figure descriptions and the ``{only} zh_CN`` blocks
(book/_ext/editions.py), the Chinese search (jieba, typed into the search page
in Chromium), and builds that execute nothing and no-op rebuilds of both editions.
"""

import re
import textwrap

import pytest

from book_browser import search
from book_build import CHINESE, CHINESE_SUBDIR, build, copy_minimal_book

_INDEX = textwrap.dedent("""\
    # Minimal

    ```{toctree}
    momentum
    sgd
    api
    auto_examples/part1/index
    auto_examples/part2/index
    ```
    """)
_MOMENTUM = textwrap.dedent("""\
    ---
    file_format: mystnb
    kernelspec:
      name: python3
      display_name: Python 3
    ---

    # Momentum

    ```{code-cell} python
    :tags: [remove-cell]
    from IPython.display import Markdown
    from myst_nb import glue

    glue("gamma_best", 0.123456, display=False)
    glue("decays", Markdown("*cosine* and *step*"), display=False)
    glue("table", Markdown("| method | steps |\\n|---|---|\\n| GD | 42 |\\n"), display=False)
    ```

    Momentum averages the gradients; the best decay is {glue:text}`gamma_best:.3f` here.

    Two schedules win: {glue:md}`decays`.

    ```{glue:md} table
    :format: myst
    ```

    :::{only} zh_CN
    A note for the Chinese edition only.
    :::
    """)
_SGD = "# Stochastic gradient descent\n\nThe learning rate sets the step.\n"
_ALT = "A straight line that rises from the lower left to the upper right."
_ALT_ZH = "一条从左下角升到右上角的直线，表示随步数增长的量。"
_SCRIPT = textwrap.dedent(f'''\
    """
    A rising line
    =============

    One figure.
    """

    import matplotlib.pyplot as plt

    # sphinx_gallery_alt_text_1 = "{_ALT}"

    fig, ax = plt.subplots(figsize=(2, 2), dpi=40)
    ax.plot([0, 1], [0, 1])
    plt.show()
    ''')

_HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
           '"Language: zh_CN\\n"\n\n')
CATALOGS = {
    "momentum.po": {
        "Momentum": "动量法",
        "Momentum averages the gradients; the best decay is {glue:text}`gamma_best:.3f` here.":
            "动量法对梯度做平均；这里最好的衰减率是 {glue:text}`gamma_best:.3f`。",
        "Two schedules win: {glue:md}`decays`.": "两种调度胜出：{glue:md}`decays`。",
        "A note for the Chinese edition only.": "只有中文版才有的说明。",
        "method": "方法",
        "42": "99",  # a glued number is not a message: this translation is never used
    },
    "sgd.po": {
        "Stochastic gradient descent": "随机梯度下降",
        "The learning rate sets the step.": "学习率决定步长。",
    },
    "auto_examples/part1/obstacles/plot_rising.po": {_ALT: _ALT_ZH},
}


def _write_catalogs(folder):
    for name, messages in CATALOGS.items():
        path = folder / "zh_CN" / "LC_MESSAGES" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_HEADER + "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in messages.items()))


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Both editions of the small book, as ``make html`` builds them, then both again
    (no-op): ``(outdir, {step: (returncode, log, warnings)})``."""
    root = tmp_path_factory.mktemp("editions")
    src = copy_minimal_book(root / "book", {
        "index.md": _INDEX,
        "api.md": "# API\n\nconf.py names this page in autosummary_generate.\n",
        "momentum.md": _MOMENTUM,
        "sgd.md": _SGD,
        "examples/part1/obstacles/README.rst": "Obstacles\n=========\n",
        "examples/part1/obstacles/plot_rising.py": _SCRIPT,
    })
    _write_catalogs(root / "locales")
    out, zh = root / "html", ("-D", f"locale_dirs={root / 'locales'}", *CHINESE)
    steps = {"english": build(src, out), "chinese": build(src, out / CHINESE_SUBDIR, *zh)}
    steps["english, no-op"] = build(src, out, fresh=False)
    steps["chinese, no-op"] = build(src, out / CHINESE_SUBDIR, *zh, fresh=False)
    return out, steps


def test_builds_have_no_warning_and_the_chinese_one_executes_nothing(editions):
    _, steps = editions
    for step, (returncode, log, warnings) in steps.items():
        assert returncode == 0 and warnings.strip() == "", (step, warnings, log[-3000:])
    _, log, _ = steps["chinese"]
    assert "executed 0 out of 0" in log and "Executed notebook" not in log
    assert "Building prefix dict" not in log  # jieba is quiet


def test_no_op_rebuilds_of_both_editions_read_and_execute_nothing(editions):
    _, steps = editions
    for step in ("english, no-op", "chinese, no-op"):
        _, log, _ = steps[step]
        assert "0 added, 0 changed, 0 removed" in log, step
        assert "executed 0 out of 0" in log and "Executed notebook" not in log, step


def test_translated_glued_numbers_are_the_english_ones(editions):
    out, _ = editions
    english = (out / "momentum.html").read_text()
    chinese = (out / CHINESE_SUBDIR / "momentum.html").read_text()
    assert 'the best decay is <span class="pasted-text">0.123</span> here' in english
    assert '这里最好的衰减率是 <span class="pasted-text">0.123</span>。' in chinese
    assert re.search(r"两种调度胜出：<em>cosine</em> and <em>step</em>", chinese)


def test_glued_tables_translate_their_words_not_their_numbers(editions):
    out, _ = editions
    chinese = (out / CHINESE_SUBDIR / "momentum.html").read_text()
    assert "<p>方法</p>" in chinese and "<p>42</p>" in chinese and "<p>99</p>" not in chinese


def test_only_blocks_tagged_zh_CN_are_in_the_chinese_edition_only(editions):
    out, _ = editions
    assert "A note for the Chinese edition" not in (out / "momentum.html").read_text()
    assert "只有中文版才有的说明。" in (out / CHINESE_SUBDIR / "momentum.html").read_text()


def test_gallery_figure_descriptions_are_translated(editions):
    out, _ = editions
    page = "auto_examples/part1/obstacles/plot_rising.html"
    assert f'alt="{_ALT}"' in (out / page).read_text()
    assert f'alt="{_ALT_ZH}"' in (out / CHINESE_SUBDIR / page).read_text()


def test_chinese_search_finds_chinese_words(editions):
    """Typed into the Chinese search page: jieba splits the pages' text into words (with the
    book's terms, locales/zh_CN/search-terms.txt, as one word each: 学习率, not 学习 + 率)."""
    out, _ = editions
    found = search(out, f"{CHINESE_SUBDIR}/search.html", ["动量", "学习率"])
    momentum, sgd = f"{CHINESE_SUBDIR}/momentum.html", f"{CHINESE_SUBDIR}/sgd.html"
    assert found["动量"][0] == momentum and sgd not in found["动量"]  # (the index lists the title too)
    assert found["学习率"][0] == sgd and momentum not in found["学习率"]
