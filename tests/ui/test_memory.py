"""Memory savers keep working: a deferred module loads on first use, PySide6 still tells
modules that use it from those that do not without keeping their source, and the state
table still says what the `us` package says."""

from __future__ import annotations

import py_compile
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


SOURCES = """
import linecache, sys
sys.path.insert(0, sys.argv[1])
import kiosk.ui
feature = sys.modules["shibokensupport.feature"]
import names_qt, plain, sourceless
print(feature.pyside_feature_dict["names_qt"], feature.pyside_feature_dict["plain"],
      feature.pyside_feature_dict["sourceless"],
      sorted(name for name in linecache.cache if name.startswith(sys.argv[1])))
"""


def test_pyside_tells_which_modules_use_it_without_keeping_their_source(tmp_path) -> None:
    (tmp_path / "names_qt.py").write_text("from PySide6.QtCore import QObject\n" * 3000)
    (tmp_path / "plain.py").write_text("VALUE = 1\n" * 3000)
    # Bytecode alone, as the bundle holds its modules: no source to look in.
    source = tmp_path / "sourceless_src.py"
    source.write_text("from PySide6.QtCore import QObject\n")
    py_compile.compile(str(source), cfile=str(tmp_path / "sourceless.pyc"), doraise=True)
    source.unlink()
    out = subprocess.run([sys.executable, "-c", SOURCES, str(tmp_path)], capture_output=True,
                         text=True, check=True)
    # 0: a module PySide6's switchable features apply to; -1: one it leaves alone.
    assert out.stdout.split() == ["0", "-1", "-1", "[]"]


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
