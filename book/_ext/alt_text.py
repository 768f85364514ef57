"""What a figure's alternative text must be: a description of what it shows.

A screen reader reads the alternative text in place of the picture, so a title
("Momentum, eta = 0.4") is not enough: it must say what a sighted reader sees.
The book's rule, checked on every figure of the built book (tests/test_book.py)
and on every gallery figure as it is made (gallery_hooks.py): at least one whole
sentence, in words, not in TeX.
"""

import re

PRIVATE_NAMES = {}  # it uses no other package

MIN_WORDS = 6  # "A curve that falls to zero." is about the shortest description
MIN_HAN = 12  # the same for Chinese, which has no spaces: Han characters
_HAN = re.compile(r"[\u3400-\u9fff]")
_TEX = re.compile(r"\$|\\[a-zA-Z]+")  # $x^2$, \eta: read out character by character


def alt_text_problem(text):
    """``None`` when ``text`` describes a figure in at least one sentence; else what is wrong.

    A sentence: at least ``MIN_WORDS`` words ending in a full stop ("."), or, in
    Chinese, at least ``MIN_HAN`` Han characters ending in "。". No TeX.
    """
    text = " ".join((text or "").split())
    if not text:
        return "no alternative text"
    if _TEX.search(text):
        return f"TeX in the alternative text (a screen reader spells it out): {text!r}"
    if _HAN.search(text):
        if len(_HAN.findall(text)) < MIN_HAN or not text.endswith("。"):
            return f"alternative text shorter than a sentence: {text!r}"
    elif len(text.split()) < MIN_WORDS or not text.endswith("."):
        return f"alternative text shorter than a sentence: {text!r}"
    return None
