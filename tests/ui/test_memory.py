"""Memory savers keep working: a deferred module loads on first use, and the state table
still says what the `us` package says."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from kiosk.ui.memory import defer_module
defer_module("colorsys")
import colorsys
from colorsys import rgb_to_hsv
assert colorsys.hls_to_rgb(0, 1, 0) == (1, 1, 1)
assert rgb_to_hsv(1, 0, 0) == (0, 1, 1)
assert sys.modules["colorsys"].__file__.endswith("colorsys.py")
defer_module("urllib.request")
import xml.sax.saxutils
assert "http.client" not in sys.modules
assert xml.sax.saxutils.urllib.request.urlopen is not None
print("ok")
"""


def test_a_deferred_module_loads_on_first_use() -> None:
    # Its own interpreter: the modules in question may already be loaded here.
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "ok"


def test_the_state_table_names_what_the_us_package_names() -> None:
    import us

    from kiosk.ui.screens.directory.us_names import US_NAMES

    places = [*us.states.STATES_AND_TERRITORIES, us.states.DC]
    assert {place.abbr: place.name for place in places} == US_NAMES


def test_markup_escapes_as_the_html_module_does() -> None:
    import html

    from kiosk.present.markup import escape

    for text in ("", "plain", "A & B <b>\"quoted\" 'it's'</b>", "&amp; already", "Café 05401"):
        assert escape(text) == html.escape(text)
        assert escape(text, quote=False) == html.escape(text, quote=False)
