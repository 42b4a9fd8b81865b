"""The WikiLeaks page fast paths agree with the plain statements they replace.

* A ``<pre>`` block's text, its tags dropped, is decoded with its ``&#x000A;``
  line feeds replaced before the entity scan; the plain statement is
  ``html.unescape`` of the text without its tags.
"""

from __future__ import annotations

import html

from hypothesis import example, given
from hypothesis import strategies as st

from cablekit.wrappers import _TAG, _html_text

_ENTITY_PIECES = ["&#x000A;", "&#x000a;", "&#x000A", "&#10;", "&", "&amp", "&amp;", "&#", "&#x", "#x000A;", "x",
                  "A", "0", ";", " ", "\n", "\r", "<a href='#p'>", "</a>", "<", ">", "&lt;", "&quot", "\u00b6",
                  "&#x000D;", "&#13;", "&notin;", "&not", "&#0;", "&#x110000;"]


@given(st.lists(st.sampled_from(_ENTITY_PIECES), max_size=40).map("".join))
@example("&amp&#x000A;x")
@example("&&#x000A;;")
@example("&amp;#x000A;")
@example("<a title='&#x000A;'>x</a>&#x000A;")
def test_a_fragment_decodes_as_html_unescape_decodes_it(fragment: str) -> None:
    assert _html_text(fragment) == html.unescape(_TAG.sub("", fragment))
