"""Text made safe inside Qt rich text: what html.escape does, without the html package.

`import html` also loads html.entities (every named character reference, about 0.5 MiB
resident for good) for html.unescape, which the kiosk never calls.
"""

from __future__ import annotations


def escape(text: str, quote: bool = True) -> str:
    """&, < and > (and with `quote` both quote marks) as character references."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text
