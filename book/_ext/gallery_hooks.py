"""Hooks that sphinx-gallery calls by name (see ``sphinx_gallery_conf`` in conf.py).

They live in a module, not in conf.py, so that the gallery configuration holds
only strings: it stays picklable (Sphinx caches it) and importable by the worker
processes of a parallel gallery build.

Every figure of a gallery script is described in the script, one line per figure,
in sphinx-gallery's in-file configuration syntax (removed from the page's code)::

    # sphinx_gallery_alt_text_1 = "Two panels. Left, the curve ... Right, ..."

``alt_text_<n>`` describes the script's figure number ``n`` (its image ends in
``_00<n>.png``); the scraper below makes it the image's alternative text, or the
animation player's, and fails the build when a figure has none (``alt_text.py``).
"""

import hashlib
import html as html_lib
import re
from functools import partial
from pathlib import Path
from textwrap import indent
from unittest import mock

from sphinx_gallery import scrapers

from alt_text import alt_text_problem
from figure_checks import figure_problems

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the issue
# that would retire each).
PRIVATE_NAMES = {
    "sphinx-gallery==0.22.1": ("sphinx_gallery.scrapers._anim_rst",),
    "matplotlib==3.11.2": ("matplotlib.animation.Animation._fig",),
}

# matplotlib's jshtml player links Font Awesome 4 from a CDN; the theme already
# ships Font Awesome (its JavaScript turns the player's <i class="fa ..."> into icons).
_CDN_LINK = re.compile(r"<link[^>]*font-awesome[^>]*>\s*", re.IGNORECASE)
# ... and names its HTML elements after a random uuid4 hex: _anim_img<hex>, anim<hex>, ...
_PLAYER_ID = re.compile(r"_anim_img([0-9a-f]{32})")
# ... its frame has no alternative text (axe: image-alt), its slider no label (axe: label).
_PLAYER_IMG = re.compile(r'<img id="(_anim_img[0-9a-f]+)">')
_PLAYER_SLIDER = re.compile(r'(<input id="_anim_slider[0-9a-f]+" type="range")')
_PLAYER_FRAMES = re.compile(r"var frames = new Array\((\d+)\);")
# The reST of an animation, in sphinx-gallery's container (its stylesheet sizes the player).
ANIMATION_RST = "\n.. container:: sphx-glr-animation\n\n    .. raw:: html\n\n        {0}\n"
# The image lines sphinx-gallery writes, with the titles of the figure as alternative text.
_IMAGE_ALT = re.compile(r"(\.\. image-sg:: \S+_(\d{3})\.\w+\n\s*:alt: )(.*)")


class FigureDescriptionError(RuntimeError):
    """A gallery figure has no description, or one that is not a sentence."""


def reset_book_style(gallery_conf, fname):
    """Before each example: the book's matplotlib style (after matplotlib's own reset)."""
    from gdlib.plotting import use_book_style

    use_book_style()


def figure_description(block_vars, number):
    """The description of figure ``number`` of the script, from its ``alt_text_<number>`` line."""
    text = (block_vars.get("file_conf") or {}).get(f"alt_text_{number}")
    problem = alt_text_problem(text if isinstance(text, str) else None)
    if problem:
        raise FigureDescriptionError(
            f"{Path(block_vars['src_file']).name}, figure {number}: {problem}. Describe what the "
            f"figure shows, in a sentence or more, on a line "
            f'# sphinx_gallery_alt_text_{number} = "..."')
    return text


def offline_player(html, seed):
    """The jshtml player without its CDN link, and with ids derived from ``seed`` and itself."""
    html = _CDN_LINK.sub("", html)
    for random_id in _PLAYER_ID.findall(html):
        stable = hashlib.sha256(f"{seed}\0{html.replace(random_id, '')}".encode()).hexdigest()
        html = html.replace(random_id, stable[:32])
    return html


class FigureCheckError(RuntimeError):
    """A figure of a gallery script hides data (see ``figure_checks``)."""


def accessible_player(html, description):
    """The jshtml player with ``description`` as its frame's alternative text and a labelled slider.

    The slider also says which frame it is on ("frame 1 of 30"; book/_static/animation.js
    keeps that up to date as the frames change, from the template in ``data-valuetext``,
    which the Chinese edition translates with the player's other words).
    """
    frames = _PLAYER_FRAMES.search(html)
    alt = html_lib.escape(description)
    html, images = _PLAYER_IMG.subn(lambda m: f'<img id="{m.group(1)}" alt="{alt}">', html, count=1)
    html, sliders = _PLAYER_SLIDER.subn(
        rf'\1 aria-label="Frame of the animation" aria-valuetext="frame 1 of {frames and frames.group(1)}"'
        r' data-valuetext="frame {frame} of {frames}"'
        r' data-reduced-motion="Off: your system asks for reduced motion"',
        html, count=1)
    if not (frames and images and sliders):  # a matplotlib upgrade changed the player
        raise RuntimeError("matplotlib's jshtml player has no frame count, <img> or slider where "
                           "gallery_hooks.accessible_player expects them")
    return html


def check_figure(fig, script, image_path):
    """Raise :class:`FigureCheckError`, naming ``script`` and the image, if ``fig`` fails a check."""
    problems = figure_problems(fig)
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        raise FigureCheckError(f"{Path(script).name}, figure {Path(image_path).name}:\n{lines}")


def _animation_rst(anim, image_path, gallery_conf, block_vars):
    """Stands in for sphinx-gallery's ``_anim_rst``.

    The stock version renders every frame twice: once for the page (jshtml) and
    once more for a GIF that only serves as the gallery thumbnail. Here the frames
    are rendered once; the thumbnail is a PNG of the last frame. The player shows
    the first frame and stays still until the reader starts it, and plays once
    (not in a loop, matplotlib's default for a repeating animation).
    """
    description = figure_description(block_vars, int(Path(image_path).stem[-3:]))
    html = offline_player(anim.to_jshtml(default_mode="once"), Path(image_path).name)
    html = accessible_player(html, description)
    check_figure(anim._fig, block_vars["src_file"], image_path)  # its last frame
    anim._fig.savefig(Path(image_path).with_suffix(".png"))  # the figure shows the last frame
    return ANIMATION_RST.format(indent(html, "     "))


def matplotlib_scraper(block, block_vars, gallery_conf, **kwargs):
    """sphinx-gallery's matplotlib scraper, with offline, deterministic, single-pass animations
    and the script's description of each figure as its alternative text. It first checks
    every figure (``figure_checks``): a legend over data or a hidden artist raises, and
    the build fails naming the script and the image.

    Animated figures are checked on their last frame, once it is drawn.
    """
    import matplotlib.pyplot as plt
    from matplotlib.animation import Animation

    script = block_vars["src_file"]
    paths = block_vars["image_path_iterator"]
    animated = {id(v._fig) for v in block_vars["example_globals"].values()
                if isinstance(v, Animation)}
    for k, number in enumerate(plt.get_fignums()):
        fig = plt.figure(number)
        if id(fig) not in animated:
            check_figure(fig, script, paths.image_path.format(len(paths) + k + 1))
    with mock.patch.object(scrapers, "_anim_rst", partial(_animation_rst, block_vars=block_vars)):
        rst = scrapers.matplotlib_scraper(block, block_vars, gallery_conf, **kwargs)

    def described(match):
        return match.group(1) + figure_description(block_vars, int(match.group(2)))

    return _IMAGE_ALT.sub(described, rst)
