"""Tidy the Chinese of a catalog message the way simplified-Chinese typesetting wants it.

A translator writes ``用 *真实* 导数`` or ``见 {ref}`ch-sgd` 一章`` out of English
habit; rendered, the markup disappears and a space is left between two Chinese
characters. ``tidy`` removes a space that would stand

* between Chinese text and inline markup whose visible edge is Chinese (emphasis,
  links, references, equation and figure references, whose Chinese form begins with
  式, 图 or 表), or
* beside full-width punctuation (，。：（ and the like), which carries its own space;

it keeps the space between Chinese text and a formula or a piece of code, the book's
style. It also moves a full stop or colon that ends bold or slanted text outside the
markup (``**前提：**`` does not close before a Chinese character, by CommonMark's
rules, and needs the space), and drops a 式 typed before ``{eq}``, since the Chinese
equation reference already says 式.

``python tests/chinese_tidy.py locales/zh_CN/LC_MESSAGES/part1/*.po`` tidies catalogs in
place; ``tests/test_translations.py`` fails on a message that is not tidy, and
``chinese_pages.typesetting_slips`` checks the built pages themselves.
"""

import re
import sys

CJK = re.compile(r"[\u4e00-\u9fff]")
CLOSING = set("，。；：！？、）」』】》")  # full-width punctuation that closes or separates
OPENING = set("（「『【《")
SPAN = re.compile(
    r"(?P<role>\{[a-z:\-]+\}`[^`]*`)"
    r"|(?P<rst_role>:[a-z:\-]+:`[^`]*`)"
    r"|(?P<strong>\*\*[^*]+\*\*)"
    r"|(?P<em>\*[^*\s][^*]*\*)"
    r"|(?P<math>\$\$.+?\$\$|\$[^$]+\$)"
    r"|(?P<code>``[^`]+``|`[^`]+`)"
    r"|(?P<link>\[[^\]]*\]\([^)]*\))", re.S)
_EXPLICIT_TITLE = re.compile(r"^(.*?)\s*<[^<>]+>$")


def _chinese(character):
    return bool(character) and CJK.match(character) is not None


def visible_edges(span, kind):
    """The first and last characters a reader sees of a markup span: a formula reads as
    "M", code as "C", a glued number as "9", a reference to a title as "字" (Chinese in
    this edition), "式 4.2" as "式" and "9"."""
    if kind == "math":
        return "M", "M"
    if kind == "code":
        return "C", "C"
    if kind in ("strong", "em"):
        inner = span.strip("*")
    elif kind == "link":
        inner = span[1:span.index("](")]
    else:  # a role
        name, body = span[:span.index("`")], span[span.index("`") + 1:-1]
        if "glue" in name:
            return "9", "9"
        if "eq" in name or "numref" in name:
            return "式", "9"
        if "math" in name:
            return "M", "M"
        explicit = _EXPLICIT_TITLE.match(body)
        if explicit:
            inner = explicit.group(1)
        elif "ref" in name or "doc" in name:
            return "字", "字"
        else:
            inner = body
    inner = inner.strip()
    return (inner[:1], inner[-1:]) if inner else ("", "")


def _drop(left, right):
    """Whether a space between the visible characters ``left`` and ``right`` goes."""
    if left in CLOSING or right in CLOSING or left in OPENING or right in OPENING:
        return True
    return _chinese(left) and _chinese(right)


_BOLD = re.compile(r"\*\*([^*]+?)\*\*")
_SLANTED = re.compile(r"(?<![*\\])\*(?!\*)([^*]+?)(?<!\*)\*(?!\*)")
_ENDING = "。：！？；，"


def _punctuation_outside(text):
    """``**前提：**`` as ``**前提**：``: the spans are paired from the left, as a reader of
    the markup pairs them."""
    def move(match, mark):
        inner = match.group(1)
        return f"{mark}{inner[:-1]}{mark}{inner[-1]}" if inner[-1] in _ENDING else match.group(0)

    text = _BOLD.sub(lambda m: move(m, "**"), text)
    return _SLANTED.sub(lambda m: move(m, "*"), text)


def tidy(text):
    """``text`` (a Chinese message, MyST or reST markup) without the spaces that
    typesetting does not want (see the module's docstring)."""
    text = re.sub(r"式\s*(\{eq\})", r"\1", text)
    text = _punctuation_outside(text)
    pieces, position = [], 0
    for match in SPAN.finditer(text):
        if match.start() > position:
            pieces.append(("plain", text[position:match.start()]))
        pieces.append((match.lastgroup, match.group()))
        position = match.end()
    if position < len(text):
        pieces.append(("plain", text[position:]))

    def neighbour(i, side):
        """The visible character next to piece ``i`` on ``side`` (-1 left, +1 right)."""
        if not 0 <= i + side < len(pieces):
            return None
        kind, piece = pieces[i + side]
        if kind == "plain":
            return piece[-1:] if side < 0 else piece[:1]
        first, last = visible_edges(piece, kind)
        return last if side < 0 else first

    tidied = []
    for i, (kind, piece) in enumerate(pieces):
        if kind != "plain":
            tidied.append(piece)
            continue
        characters = list(piece)
        for k, character in enumerate(characters):
            if character not in " \n":  # a line break reads as a space too
                continue
            left = characters[k - 1] if k > 0 else neighbour(i, -1)
            right = characters[k + 1] if k + 1 < len(characters) else neighbour(i, +1)
            if not left or not right or left in " \n" or right in " \n":
                continue
            # emphasis that ends (or starts) in punctuation needs the space to close (open)
            if k == 0 and pieces[i - 1][0] in ("em", "strong") and not _chinese(left):
                continue
            if k == len(characters) - 1 and pieces[i + 1][0] in ("em", "strong") and not _chinese(right):
                continue
            if _drop(left, right):
                characters[k] = ""
        tidied.append("".join(characters))
    return "".join(tidied)


def tidy_catalog(path):
    """Tidy every translation of the catalog at ``path`` in place; the number changed."""
    from babel.messages.pofile import read_po, write_po

    with open(path, "rb") as f:
        catalog = read_po(f)
    changed = 0
    for message in catalog:
        if message.id and isinstance(message.string, str) and message.string:
            new = tidy(message.string)
            changed += new != message.string
            message.string = new
    if changed:  # rewritten only when a message changed (babel refreshes the header)
        for message in catalog:
            message.flags.discard("python-format")  # babel marks any % so; none is a format
        with open(path, "wb") as f:
            write_po(f, catalog, width=0)
    return changed


if __name__ == "__main__":
    for catalog in sys.argv[1:]:
        print(catalog, tidy_catalog(catalog))
