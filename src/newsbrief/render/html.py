"""One self-contained HTML page for a briefing: inline CSS, no scripts, no network fetches.

The page is rendered from the Jinja2 templates in ``render/templates/`` that the web
story page shares (``briefing.html``: the briefing's sections, built by
:func:`~newsbrief.render.sections.briefing_view`). Hovering (or focusing) a citation
shows the evidence it points to, in a CSS-only box. Autoescaping is on: article text is
untrusted. Jinja2 is imported when a page is rendered, not when the CLI starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsbrief.config import Settings
from newsbrief.models import Briefing

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).parent / "templates"


def environment(folders: Sequence[Path] = ()) -> jinja2.Environment:
    """A Jinja2 environment (autoescape on) loading from ``folders``, then from the shared
    briefing templates."""
    import jinja2

    loader = jinja2.FileSystemLoader([*map(str, folders), str(TEMPLATES)])
    return jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)


@cache
def _page_environment() -> jinja2.Environment:
    return environment()


def render_html(briefing: Briefing, settings: Settings | None = None) -> str:
    """The briefing as one HTML document (UTF-8, no external resources)."""
    from newsbrief.render.sections import briefing_view

    view = briefing_view(briefing, settings)
    return _page_environment().get_template("page.html").render(view=view) + "\n"
