"""Both editions of a small book that holds every kind of page (``make test``).

The small book has a chapter with glued numbers, inline and display math, a gallery
with a figure and an animation, an API page with its source page, the search page,
and a catalog of its own, with a few messages translated here, so that the machinery
is checked whatever the state of the book's own catalogs: glued numbers inside
translated messages (book/_ext/translated_glue.py), the gallery's translated figure
descriptions and the ``{only} zh_CN`` blocks (book/_ext/editions.py), the Chinese
search (jieba, typed into the search page in Chromium), builds that execute nothing
and no-op rebuilds of both editions.

Every page of both editions is then opened in Chromium and held to the rules the
real book's pages are held to in ``make test-book`` (``page_checks.py``): offline,
no failed request or console error, images and math shown, axe-core with every rule
in light and in dark mode, the dark mode switched to equal to the dark mode loaded,
and the animation's player used from the keyboard.
"""

import re
import shutil
import textwrap

import pytest

import page_checks
from book_browser import check_players, search, walk
from book_build import CHINESE, CHINESE_SUBDIR, NOTEBOOK_HEADER, ROOT, build, copy_minimal_book, html_pages
from chinese_pages import english_on_chinese_pages, english_words

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
_MOMENTUM = NOTEBOOK_HEADER + textwrap.dedent("""\

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

    The velocity is $v_{t+1} = \\gamma v_t + g_t$, and the step

    $$
    x_{t+1} = x_t - \\eta v_{t+1}
    $$ (eq-step)

    uses it: {eq}`eq-step` is the update.

    ```{glue:md} table
    :format: myst
    ```

    :::{only} zh_CN
    A note for the Chinese edition only.
    :::
    """)
_SGD = "# Stochastic gradient descent\n\nThe learning rate sets the step.\n"
_ANIMATION_ALT = "A dot that climbs the diagonal of the square in three frames."
_ANIMATION_ALT_ZH = "一个圆点分三帧沿正方形的对角线向右上方移动，每帧一步。"
_ANIMATION = textwrap.dedent(f"""\
    \"\"\"
    A climbing dot
    ==============

    Three frames, played by the book's player.
    \"\"\"

    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation

    # sphinx_gallery_alt_text_1 = "{_ANIMATION_ALT}"

    fig, ax = plt.subplots(figsize=(2, 2), dpi=40)
    (point,) = ax.plot([0], [0], "o")
    ax.set(xlim=(-1, 3), ylim=(-1, 3))
    anim = FuncAnimation(fig, lambda i: point.set_data([i], [i]), frames=3)
    plt.show()
    """)
_API = textwrap.dedent("""\
    # API

    ```{eval-rst}
    .. autosummary::
       :toctree: api/generated
       :nosignatures:

       gdlib.check_grad
    ```
    """)
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
            "动量法对梯度做*平均*；这里最好的衰减率是 {glue:text}`gamma_best:.3f`。",
        "Two schedules win: {glue:md}`decays`.": "两种调度胜出：{glue:md}`decays`。",
        "A note for the Chinese edition only.": "只有中文版才有的说明。",
        "The velocity is $v_{t+1} = \\\\gamma v_t + g_t$, and the step":
            "速度为 $v_{t+1} = \\\\gamma v_t + g_t$，而步长",
        "uses it: {eq}`eq-step` is the update.": "用到了它：{eq}`eq-step` 就是更新规则。",
        "method": "方法",
        "42": "99",  # a glued number is not a message: this translation is never used
    },
    "sgd.po": {
        "Stochastic gradient descent": "随机梯度下降",
        "The learning rate sets the step.": "学习率决定步长。",
    },
    "auto_examples/part1/obstacles/plot_rising.po": {_ALT: _ALT_ZH},
    "auto_examples/part1/obstacles/plot_climbing.po": {_ANIMATION_ALT: _ANIMATION_ALT_ZH},
}


def _write_catalogs(folder):
    """The pages' catalogs of the small book, and the book's own catalog of its templates'
    and the theme's words (sphinx.po), since the small book has the book's templates."""
    messages_dir = folder / "zh_CN" / "LC_MESSAGES"
    messages_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "sphinx.po", messages_dir)
    for name, messages in CATALOGS.items():
        path = messages_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_HEADER + "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in messages.items()))


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Both editions of the small book, as ``make html`` builds them, then both again
    (no-op): ``(outdir, {step: (returncode, log, warnings)})``."""
    root = tmp_path_factory.mktemp("editions")
    src = copy_minimal_book(root / "book", {
        "index.md": _INDEX,
        "api.md": _API,
        "momentum.md": _MOMENTUM,
        "sgd.md": _SGD,
        "examples/part1/obstacles/README.rst": "Obstacles\n=========\n",
        "examples/part1/obstacles/plot_rising.py": _SCRIPT,
        "examples/part1/obstacles/plot_climbing.py": _ANIMATION,
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


def test_the_chinese_edition_speaks_chinese(editions):
    """Every word a reader sees or hears on a translated Chinese page is Chinese, but code,
    math, names and the like (chinese_pages.py): the theme's buttons and tooltips, the
    search field, the byline, the footer, and the animation player's buttons, modes and
    slider. (This small book translates two pages and the player; on the momentum page,
    its glued Markdown test data and the untranslated landing page's title stay English.)"""
    out, _ = editions
    found = english_on_chinese_pages(out)
    assert f"{CHINESE_SUBDIR}/sgd.html" not in found, found.get(f"{CHINESE_SUBDIR}/sgd.html")
    assert set(found[f"{CHINESE_SUBDIR}/momentum.html"]) <= {"cosine", "and", "step", "steps", "Minimal"}, found
    page = (out / CHINESE_SUBDIR / "auto_examples/part1/obstacles/plot_climbing.html").read_text()
    start = page.index('<div class="anim-controls">')
    player = page[start:page.index("</form>", start)]
    assert english_words(player) == {}
    assert 'data-valuetext="第 {frame} 帧，共 {frames} 帧"' in player and ">播放一次</label>" in player
    sgd = (out / CHINESE_SUBDIR / "sgd.html").read_text()
    # the theme's words in our catalog, read before the theme's own (compiled by editions.py)
    assert "打印为 PDF" in sgd and "列印" not in sgd and "作者 gdlib" in sgd, sgd[sgd.find("作者") - 80:][:200]


def test_chinese_search_finds_chinese_words(editions):
    """Typed into the Chinese search page: jieba splits the pages' text into words (with the
    book's terms, locales/zh_CN/search-terms.txt, as one word each: 学习率, not 学习 + 率)."""
    out, _ = editions
    found = search(out, f"{CHINESE_SUBDIR}/search.html", ["动量", "学习率", "动量法", "梯度平均"])
    momentum, sgd = f"{CHINESE_SUBDIR}/momentum.html", f"{CHINESE_SUBDIR}/sgd.html"
    assert found["动量"][0] == momentum and sgd not in found["动量"]  # (the index lists the title too)
    assert found["学习率"][0] == sgd and momentum not in found["学习率"]
    # A term jieba would cut (动量 + 法) is indexed whole; a query of two words (梯度 + 平均, no
    # space between them) is split into the words the index holds (editions.py).
    assert found["动量法"][:1] == [momentum], found["动量法"]
    assert found["梯度平均"][:1] == [momentum], found["梯度平均"]


# -- every page of both editions in Chromium -------------------------------------------


@pytest.fixture(scope="module")
def walked(editions):
    """Every page of both editions: every check, every axe-core rule in light mode and,
    switched with the theme's button, in dark mode; the chapters loaded in dark mode too."""
    out, _ = editions
    pages = html_pages(out)
    chapters = ["momentum.html", f"{CHINESE_SUBDIR}/momentum.html"]
    return pages, walk(out, pages), walk(out, chapters, reload=True)


def test_every_kind_of_page_is_walked_in_both_editions(walked):
    pages, reports, _ = walked
    kinds = ["index.html", "momentum.html", "search.html", "api.html", "api/generated/gdlib.check_grad.html",
             "_modules/gdlib/gradcheck.html", "auto_examples/part1/index.html",
             "auto_examples/part1/obstacles/plot_rising.html", "auto_examples/part1/obstacles/plot_climbing.html"]
    assert [k for k in kinds + [f"{CHINESE_SUBDIR}/{k}" for k in kinds] if k not in reports] == []
    assert sorted(reports) == pages


def test_pages_load_offline_without_error(walked):
    _, reports, _ = walked
    assert page_checks.requests_off_the_machine(reports) == {}
    assert page_checks.failed_requests(reports) == {}
    assert page_checks.console_errors(reports) == {}
    assert page_checks.broken_images(reports) == {}


def test_math_is_typeset_in_both_editions(walked):
    _, reports, _ = walked
    assert page_checks.untypeset_math(reports) == {}
    assert reports["momentum.html"].math_count >= 2 and reports[f"{CHINESE_SUBDIR}/momentum.html"].math_count >= 2


def test_no_chinese_text_is_slanted(editions, walked):
    """Emphasis in the Chinese edition is bold, and a caption's "图 1" upright: the browser
    slanted the glyphs of *平均* (a faux oblique) before custom.css said otherwise."""
    out, _ = editions
    _, reports, _ = walked
    assert "<em>平均</em>" in (out / CHINESE_SUBDIR / "momentum.html").read_text()
    assert page_checks.slanted_chinese(reports) == {}


def test_no_accessibility_violation_in_either_mode(walked):
    _, reports, _ = walked
    assert page_checks.axe_not_run(reports) == {}
    assert "\n".join(page_checks.axe_failures(reports, {"minor", "moderate", "serious", "critical", None})) == ""


def test_every_figure_is_described_in_both_editions(walked):
    _, reports, _ = walked
    assert page_checks.undescribed_figures(reports) == []
    assert len(page_checks.described_figures(reports)) >= 4  # the line and the player, twice


def test_switched_mode_is_the_loaded_mode(walked):
    _, reports, reloaded = walked
    assert page_checks.switch_differences(reports, reloaded) == {}


def test_the_animation_plays_from_the_keyboard_in_both_editions(editions):
    out, _ = editions
    pages = [p for p in html_pages(out) if page_checks.PLAYER_PAGE.search((out / p).read_text())]
    assert pages == ["auto_examples/part1/obstacles/plot_climbing.html",
                     f"{CHINESE_SUBDIR}/auto_examples/part1/obstacles/plot_climbing.html"]
    assert page_checks.player_problems(check_players(out, pages), min_frames=3) == []
