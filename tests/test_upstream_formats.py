"""Where an extension writes or reads a format of another package by itself (instead of
borrowing the private name that produces it), the two must agree. Each test here fails
when an upgrade changes the package's side."""

import sys
from pathlib import Path

import pytest
from sphinx_gallery import scrapers, utils

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import gallery_hooks  # noqa: E402
import incremental  # noqa: E402

SCRIPTS = sorted((ROOT / "book" / "examples").rglob("*.py"))


def test_the_gallery_checksum_is_sphinx_gallerys():
    assert SCRIPTS
    for script in SCRIPTS:
        assert incremental._checksum(script) == utils.get_md5sum(script, mode="t"), script


@pytest.mark.parametrize("text", ["a\nb\n", "a\r\nb\r\n", "π ≈ 3.14\n"])
def test_the_checksum_reads_text_with_universal_newlines(tmp_path, text):
    script = tmp_path / "plot_x.py"
    script.write_bytes(text.encode())
    assert incremental._checksum(script) == utils.get_md5sum(script, mode="t")


def test_a_changed_script_is_counted_to_run(tmp_path):
    examples, gallery = tmp_path / "examples", tmp_path / "auto_examples"
    examples.mkdir()
    gallery.mkdir()
    for name in ("plot_a.py", "plot_b.py"):
        (examples / name).write_text(f"print({name!r})\n")
        (gallery / f"{name}.md5").write_text(utils.get_md5sum(examples / name, mode="t"))

    class App:
        srcdir = tmp_path

    conf = {"examples_dirs": ["examples"], "gallery_dirs": ["auto_examples"]}
    assert incremental._scripts_to_run(App, conf) == 0
    (examples / "plot_b.py").write_text("print('changed')\n")
    assert incremental._scripts_to_run(App, conf) == 1


def test_the_animation_container_is_sphinx_gallerys():
    assert gallery_hooks.ANIMATION_RST == scrapers._ANIMATION_RST


def book_includes():
    """Every {literalinclude} of the chapters: (chapter, path, {option: value})."""
    import chapter_notebooks

    found = []
    for chapter in sorted((ROOT / "book").rglob("*.md")):
        for match in chapter_notebooks.INCLUDE.finditer(chapter.read_text()):
            options = dict(line[1:].partition(":")[::2] for line in match["options"].splitlines())
            found.append((chapter, chapter.parent / match["path"],
                          {key: value.strip() for key, value in options.items()}))
    return found


def test_a_notebook_shows_the_code_its_page_shows():
    """chapter_notebooks copies a {literalinclude} into the notebook with its own reader;
    Sphinx's reader (LiteralIncludeReader) gives the page's code."""
    from sphinx.config import Config
    from sphinx.directives.code import LiteralInclude, LiteralIncludeReader

    import chapter_notebooks

    includes = book_includes()
    assert len(includes) > 20
    for chapter, path, options in includes:
        parsed = {key: LiteralInclude.option_spec[key](value or None) for key, value in options.items()}
        page, _ = LiteralIncludeReader(path, parsed, Config()).read()
        assert chapter_notebooks.included_code(path, options).rstrip() == page.rstrip(), (chapter, options)


def test_the_notebook_reader_refuses_what_it_cannot_copy(tmp_path):
    import chapter_notebooks
    from sphinx.errors import ExtensionError

    module = tmp_path / "m.py"
    module.write_text("class A:\n    @staticmethod\n    def f():\n        return 1\n")
    assert chapter_notebooks.included_code(module, {"pyobject": "A.f", "dedent": "4"}) == (
        "@staticmethod\ndef f():\n    return 1")
    for options in ({"lines": "1-2"}, {"pyobject": "A.g"}, {"start-at": "zzz"},
                    {"pyobject": "A", "dedent": "4"}):
        with pytest.raises(ExtensionError):
            chapter_notebooks.included_code(module, options)
