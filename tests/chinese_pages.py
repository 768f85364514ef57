"""What a page of the Chinese edition shows in English, outside what may stay English.

May stay: code, math, the API and source pages (gdlib's docstrings and code, marked
``lang="en"``), citations and the bibliography (authors and titles), names (of methods,
functions, people, programs: see ``NAMES``), an English term given in parentheses after
its Chinese one (动量法（momentum）), file types and keys. Everything else a reader sees
or hears (text, tooltips, labels, placeholders, alternative text) is Chinese.

``python tests/chinese_pages.py _build/html`` lists what it finds in a built site.
"""

import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

import gdlib
import gdlib.functions
import gdlib.schedules

ROOT = Path(__file__).resolve().parents[1]
# Names that read the same in Chinese text: programs, formats, keys, and the methods and
# test functions the book names in both editions (gdlib's public names are added below).
NAMES = {"API", "PDF", "Ctrl", "NumPy", "PyTorch", "Python", "Jupyter", "Sphinx", "MyST", "MathJax",
         "SciPy", "Chromium", "Nesterov", "Polyak", "Adam", "AdamW", "AdaGrad", "AdaDelta", "AdaMax",
         "AMSGrad", "NAdam", "RAdam", "RMSProp", "Yogi", "Lion", "Rosenbrock", "Beale", "Armijo", "Wolfe",
         "Hessian", "Jacobi", "Newton", "Chebyshev", "Lyapunov", "Taylor", "Jensen", "Lipschitz",
         "Robbins", "Monro", "Hinton", "Kingma", "Duchi", "Zeiler", "Tieleman", "Goodfellow", "Distill",
         "Dive", "into", "Deep", "Learning", "GitHub", "SGD", "MLP", "GD", "ReLU", "Softmax", "softmax",
         "tanh", "sigmoid", "jieba", "gdlib", "numpy", "matplotlib", "sklearn", "torch", "optim"}
NAMES |= {name for module in (gdlib, gdlib.functions, gdlib.schedules) for name in dir(module)
          if not name.startswith("_")}
FILE_TYPES = {"ipynb", "py", "pdf", "rst", "md", "zip", "png", "svg", "html", "txt", "json"}
# Not read out as text: code, math, English pages and passages, citations, the sidebar's
# chapter list (each title is checked on its own page).
SKIPPED = ("script, style, noscript, svg, code, pre, kbd, .math, mjx-container, .MathJax, [lang=en], "
           ".highlight, .sig, .citation, .citation-list, a[href*='bibliography'], .bd-sidebar-primary")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-valuetext")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
# An English term in parentheses right after its Chinese one.
GLOSS = re.compile(r"[\u4e00-\u9fff]\s*[（(][A-Za-z][^（）()\u4e00-\u9fff]*[）)]")
UNTRANSLATED = ("api/generated/", "_modules/", "_static/", "api.html", "genindex.html", "py-modindex.html")


def _english(text):
    text = GLOSS.sub("", text)
    return [w for w in WORD.findall(text) if w not in NAMES and w.lower() not in FILE_TYPES]


def english_words(html):
    """``{word: where}`` for every English word a reader meets on the page ``html``."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.select(SKIPPED):
        tag.decompose()
    found = {}
    for text in soup.find_all(string=True):
        if isinstance(text, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        for word in _english(str(text)):
            found.setdefault(word, str(text).strip()[:60])
    for element in soup.find_all(True):
        for attribute in ATTRIBUTES:
            value = element.get(attribute)
            if isinstance(value, str):
                for word in _english(value):
                    found.setdefault(word, f"{attribute}={value[:50]!r}")
    return found


def english_on_chinese_pages(site, subdir="zh_CN"):
    """``{page: {word: where}}`` over the Chinese edition of the built ``site``."""
    site, report = Path(site), {}
    for path in sorted((site / subdir).rglob("*.html")):
        page = path.relative_to(site / subdir).as_posix()
        if page.startswith(UNTRANSLATED):
            continue
        words = english_words(path.read_text(encoding="utf-8"))
        if words:
            report[f"{subdir}/{page}"] = words
    return report


if __name__ == "__main__":
    for page, words in english_on_chinese_pages(sys.argv[1]).items():
        print(page, "|", "; ".join(f"{w} ({c})" for w, c in list(words.items())[:6]))
