"""Where MyST-NB writes a page's notebook and glue data: read, and moved, in one place.

MyST-NB writes ``<docname>.ipynb`` and ``<docname>.glue.json`` into an output folder
that it resolves when the builder starts (``<outdir>/../jupyter_execute``) and keeps
on the environment, not in the configuration. Three extensions need it:
``chapter_notebooks`` (the notebook a page offers), ``translated_glue`` (the glue data
of a translated message) and ``editions`` (the Chinese build's own folder). They ask
here, so the two names below are borrowed once.
"""

from pathlib import Path

# Undocumented names of other packages used here, for the locked versions named
# (tests/test_private_names.py checks them; docs/upstream/README.md names the issue
# that would retire each).
PRIVATE_NAMES = {
    "myst-nb==1.4.0": ("myst_nb.sphinx_ext.create_mystnb_config",  # sets env.mystnb_config
                       "myst_nb.core.config.NbParserConfig.output_folder"),
}


def output_folder(env):
    """The folder where MyST-NB writes the notebooks and glue data of this build."""
    return Path(env.mystnb_config.output_folder)


def move_output_folder(env, folder):
    """Make MyST-NB write into ``folder`` (call it after MyST-NB's builder-inited handler)."""
    env.mystnb_config = env.mystnb_config.copy(output_folder=str(folder))
