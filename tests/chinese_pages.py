"""What a page of the Chinese edition shows in English, outside what may stay English.

May stay: code, math, the API and source pages (gdlib's docstrings and code, marked
``lang="en"``), citations and the bibliography (authors and titles), names (of methods,
functions, people, programs: see ``NAMES``), an English term given in parentheses after
its Chinese one (动量法（momentum）), file types and keys. Everything else a reader sees
or hears (text, tooltips, labels, placeholders, alternative text) is Chinese.

``python tests/chinese_pages.py _build/html`` lists what it finds in a built site (``--slips``:
the typesetting slips of ``typesetting_slips`` instead).
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
NAMES |= {"False", "True", "None", "float", "LU", "SGDR", "scikit-learn", "Robbins-Monro", "JPEG", "dpi", "EMA", "RMS", "KaTeX", "LaTeX"}
NAMES |= {"BFGS", "L-BFGS", "PR", "FMA", "Krylov", "Fletcher-Reeves", "Polak-Ribiere"}  # Part IV's names
NAMES |= {name for module in (gdlib, gdlib.functions, gdlib.schedules) for name in dir(module)
          if not name.startswith("_")}
# The surnames of the bibliography's authors (Reddi, Loshchilov, McCandlish...).
NAMES |= {part for authors in re.findall(r"author\s*=\s*\{(.*?)\},?\n", (ROOT / "book" / "references.bib").read_text())
          for author in authors.split(" and ") for part in re.findall(r"[A-Za-z][A-Za-z'-]+", author.split(",")[0])}
# Mathematics spelled in ASCII where a formula cannot be typeset (alternative texts):
# the names of Greek letters and of functions are symbols, not English.
MATH_WORDS = {"alpha", "beta", "gamma", "delta", "epsilon", "eps", "eta", "theta", "kappa", "lambda", "mu", "nu",
              "pi", "rho", "sigma", "tau", "phi", "cos", "sin", "exp", "log", "sqrt", "max", "min", "argmin"}
FILE_TYPES = {"ipynb", "py", "pdf", "rst", "md", "zip", "png", "svg", "html", "txt", "json"}
# Not read out as text: code, math, English pages and passages, citations, the sidebar's
# chapter list (each title is checked on its own page).
FORMULAS = ".math, mjx-container, .MathJax"
SKIPPED = ("script, style, noscript, svg, code, pre, kbd, [lang=en], "
           ".highlight, .sig, .citation, .citation-list, a[href*='bibliography'], .bd-sidebar-primary")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-valuetext")
# Attributes nobody meets: those of what only a printer shows (sphinx-book-theme's print-only
# table of contents, display: none on screen, where a screen reader skips it too).
UNHEARD = ".onlyprint"
# A code name as a link's tooltip (the API reference names its target: gdlib.run_many).
CODE_IN_TEXT = re.compile(r"\b(gdlib|torch|numpy|np|sklearn|scipy)(\.\w+)+")
CODE_NAME = re.compile(r"[A-Za-z_][\w]*(\.[A-Za-z_]\w*)+(\(\))?")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
# An English term in parentheses right after its Chinese one, 动量法（momentum）, and an
# English label quoted from a figure with its Chinese right after it, creeps（缓慢爬行）.
GLOSS = re.compile(r"[\u4e00-\u9fff]\s*[（(][A-Za-z][^（）()\u4e00-\u9fff]*[）)]"
                   r"|[A-Za-z][A-Za-z -]*[（(][\u4e00-\u9fff]"
                   # a figure's English label quoted, with its Chinese: “global minimum”（全局最小值）
                   r"|“[^”]*”\s*[（(][\u4e00-\u9fff]"
                   # the English, then a note: 预条件子（preconditioner；《动手学深度学习》译作…）
                   r"|[\u4e00-\u9fff]\s*[（(][A-Za-z][^（）()\u4e00-\u9fff；]*；")
LEADING_GLOSS = re.compile(r"^\s*[（(][A-Za-z][^（）()\u4e00-\u9fff；]*[）)；]")
UNTRANSLATED = ("api/generated/", "_modules/", "_static/", "api.html", "genindex.html", "py-modindex.html")


def _english(text, after_chinese=False):
    """The English words of ``text``; ``after_chinese``: whether a Chinese character precedes
    it on the page (a gloss follows its term, which may be an element of its own:
    *动量法*（momentum））."""
    if after_chinese:
        text = LEADING_GLOSS.sub(" ", text, count=1)
    return [w for w in WORD.findall(GLOSS.sub(" ", CODE_IN_TEXT.sub(" ", text)))
            if w not in NAMES and w.lower() not in FILE_TYPES and w.lower() not in MATH_WORDS]


def english_words(html):
    """``{word: where}`` for every English word a reader meets on the page ``html``."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.select("span.math-punctuation"):  # nobreak_math.py's wrapper
        tag.unwrap()
    for tag in soup.select(FORMULAS):
        tag.replace_with("x")  # a one-letter stand-in: no word, and L-光滑（$L$-smooth） a gloss
    for tag in soup.select(SKIPPED):
        tag.decompose()
    soup.smooth()  # the text around a formula, one string again
    found, after_chinese = {}, False
    for text in soup.find_all(string=True):
        if isinstance(text, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        for word in _english(str(text), after_chinese):
            found.setdefault(word, str(text).strip()[:60])
        if str(text).strip():
            after_chinese = bool(re.search(r"[\u4e00-\u9fff]$", str(text).rstrip()))
    unheard = {id(tag) for hidden in soup.select(UNHEARD) for tag in [hidden, *hidden.find_all(True)]}
    for element in soup.find_all(True):
        if id(element) in unheard:
            continue
        for attribute in ATTRIBUTES:
            value = element.get(attribute)
            if isinstance(value, str) and not (attribute == "title" and CODE_NAME.fullmatch(value)):
                for word in _english(value):
                    found.setdefault(word, f"{attribute}={value[:50]!r}")
    return found


def over_chinese_pages(site, check, subdir="zh_CN"):
    """``{page: check(html)}`` for each translated page of the Chinese edition of the built
    ``site`` where ``check`` finds something."""
    site, report = Path(site), {}
    for path in sorted((site / subdir).rglob("*.html")):
        page = path.relative_to(site / subdir).as_posix()
        if not page.startswith(UNTRANSLATED):
            found = check(path.read_text(encoding="utf-8"))
            if found:
                report[f"{subdir}/{page}"] = found
    return report


def english_on_chinese_pages(site, subdir="zh_CN"):
    """``{page: {word: where}}`` over the Chinese edition of the built ``site``."""
    return over_chinese_pages(site, english_words, subdir)


# -- Typesetting (issue 21, item 5) ----------------------------------------------------------

CJK = "\u4e00-\u9fff"
FULL_WIDTH = "，。；：！？、）」』】》"
SLIPS = {
    "a space between two Chinese characters": re.compile(rf"[{CJK}][ \u00a0]+[{CJK}]"),
    "a space after full-width punctuation": re.compile(rf"[{FULL_WIDTH}][ \u00a0]+\S"),
    "a space before full-width punctuation": re.compile(rf"\S[ \u00a0]+[{FULL_WIDTH}]"),
    "a doubled word": re.compile(rf"([{CJK}]+)[ \u00a0]*\1(?=[ \u00a0]*\d)"),
    "half-width punctuation between Chinese characters": re.compile(rf"[{CJK}][,;:!?][{CJK}]"),
    # (a pair of asterisks anywhere: after a Chinese character too, 是*$L$-光滑*（…）)
    "bold or slanted markup left as text": re.compile(r"\*\*|\*[^*\n]+\*"),
}
# Whole elements, each read as one token: math as "M" (spaces around it are the book's
# style), code as "C"; glued numbers keep their text.
_TOKENS = {"mjx-container": "M", ".math": "M", "code": "C", "kbd": "C"}


def prose_texts(html):
    """The paragraphs, list items, captions and headings of a page's article, as a reader
    reads them (math and code as one-letter tokens)."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.bd-article") or soup
    for tag in article.select("script, style, pre, .highlight, [lang=en], .citation-list"):
        tag.decompose()
    for selector, token in _TOKENS.items():
        for tag in article.select(selector):
            tag.replace_with(token)
    blocks = article.select("p, li, figcaption, caption, h1, h2, h3, h4, dt, th, td")
    return [" ".join(block.get_text("").split("\n")) for block in blocks
            if not block.find(["p", "li"])]  # innermost blocks only


def typesetting_slips(html):
    """``[(slip, excerpt)]`` for each typesetting slip in the Chinese prose of ``html``."""
    found = []
    for text in prose_texts(html):
        for name, pattern in SLIPS.items():
            for match in pattern.finditer(text):
                start = max(0, match.start() - 12)
                found.append((name, text[start:match.end() + 12]))
    return found


def slips_on_chinese_pages(site, subdir="zh_CN"):
    """``{page: [(slip, excerpt)]}`` over the Chinese edition of the built ``site``."""
    return over_chinese_pages(site, typesetting_slips, subdir)


if __name__ == "__main__":
    report = slips_on_chinese_pages if "--slips" in sys.argv else english_on_chinese_pages
    for page, found in report(sys.argv[1]).items():
        print(page, "|", found if isinstance(found, list) else "; ".join(f"{w} ({c})" for w, c in list(found.items())[:6]))
