"""Sphinx configuration for the cablekit documentation.

Build the site with ``sphinx-build -W -n -b html docs docs/_build/html`` and
run every example with ``sphinx-build -b doctest docs docs/_build/doctest``
(both from the repository root, with ``pip install -e '.[docs]'`` done).
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import cablekit

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

# -- Project ----------------------------------------------------------------------------------------

project = "cablekit"
author = "the cablekit authors"
copyright = "the cablekit authors; MIT license"
release = cablekit.__version__
version = ".".join(release.split(".")[:2])

# -- General ----------------------------------------------------------------------------------------

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "myst_parser",  # CHANGELOG.md is Markdown
    "sphinx_copybutton",
    "cablekit_docs",  # docs/_ext: the defect table, the schema pages, API coverage checks
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_inventories", "_scripts", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []

# Every cross-reference must resolve: a broken one is a warning, and -W makes it an error.
nitpicky = True
nitpick_ignore: list[tuple[str, str]] = [
    # Types of the optional libraries of the corpus job, which have no inventory offline here.
    ("py:class", "pyarrow.Table"), ("py:class", "pyarrow.Schema"), ("py:class", "pandas.DataFrame"),
    ("py:class", "dask.bag.Bag"), ("py:class", "cablekit.job.T"),
    # The values of the Literal type of an output's payloads.
    ("py:class", "'json'"), ("py:class", "'rows'"), ("py:class", "'text'"),
    ("py:class", "'chunks'"), ("py:class", "'chunk_lines'"),
]

# Public attributes allowed to go without a docstring in the API reference (docs/_ext checks every other
# one).  Each entry says why; each is a docstring to write.
cablekit_undocumented_ok = {
    # An attrs field of cablekit.testing.damage.Transform holding the function that does the damage; its
    # type names private helpers (cablekit.testing._layout), so it is left out rather than shown.
    "cablekit.testing.damage.Transform.damage": "the transform's implementation",
}

default_role = "py:obj"
primary_domain = "py"
highlight_language = "python3"
pygments_style = "friendly"
pygments_dark_style = "monokai"

rst_prolog = """
.. role:: python(code)
   :language: python3
"""

# -- autodoc ----------------------------------------------------------------------------------------

autodoc_typehints = "description"  # types go into the parameter and attribute descriptions
autodoc_typehints_description_target = "all"
autodoc_typehints_format = "short"
autodoc_member_order = "bysource"
autodoc_class_signature = "mixed"
autodoc_preserve_defaults = False
autodoc_default_options = {
    "members": True,
}
autoclass_content = "class"
python_use_unqualified_type_names = True
python_display_short_literal_types = True

# -- intersphinx ------------------------------------------------------------------------------------
# The inventories are kept in docs/_inventories so that the build needs no network (and gives the same
# result everywhere); docs/_inventories/README.md says where each comes from and how to refresh it.

intersphinx_mapping = {
    "python": ("https://docs.python.org/3", (str(DOCS / "_inventories" / "python.inv"), None)),
    "attrs": ("https://www.attrs.org/en/stable", (str(DOCS / "_inventories" / "attrs.inv"), None)),
    "cattrs": ("https://catt.rs/en/stable", (str(DOCS / "_inventories" / "cattrs.inv"), None)),
    "hypothesis": ("https://hypothesis.readthedocs.io/en/latest",
                   (str(DOCS / "_inventories" / "hypothesis.inv"), None)),
}
intersphinx_timeout = 5

# -- doctest ----------------------------------------------------------------------------------------
# Examples read the real cables in examples/ by relative path, as a user at the repository root would.

doctest_global_setup = f"""
import os as _os
_doctest_cwd = _os.getcwd()
_os.chdir({str(ROOT)!r})
import cablekit
"""
doctest_global_cleanup = """
_os.chdir(_doctest_cwd)
"""
doctest_test_doctest_blocks = "default"  # the >>> blocks of the guides and of every docstring autodoc pulls in
doctest_default_flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.DONT_ACCEPT_TRUE_FOR_1

# -- cablekit.testing -------------------------------------------------------------------------------
# The public hypothesis strategies and damage transforms are being added alongside these docs.  Until
# the package is importable, the Testing page and the API reference describe it without autodoc or
# doctests: the ``.. cablekit-only:: testing`` blocks are left out and the ``no-testing`` ones shown.
# Once cablekit.testing is in every build, this switch and the ``no-testing`` blocks can go.


# -- HTML -------------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"cablekit {release}"
html_short_title = "cablekit"
html_static_path = ["_static"]
html_css_files = ["cablekit.css"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": True,
    "top_of_page_buttons": [],
}
html_copy_source = False

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True

myst_heading_anchors = 3
