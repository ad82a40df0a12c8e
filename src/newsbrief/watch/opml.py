"""OPML subscription lists: the feed addresses (and titles) they name.

A file that declares entities is refused outright, and lxml reads the rest with network
access and DTD loading off, so a hostile file can neither expand into gigabytes nor make
the parser fetch anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsbrief.errors import InputError

MAX_OPML_BYTES = 10_000_000


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed named by an OPML outline."""

    url: str
    title: str | None = None


def read_opml(data: bytes, origin: str) -> list[Subscription]:
    """Every ``<outline xmlUrl=…>`` of an OPML document, nested folders included, once each."""
    from lxml import etree

    if len(data) > MAX_OPML_BYTES:
        raise InputError(origin, f"OPML file is over {MAX_OPML_BYTES:,} bytes")
    if b"<!entity" in data.lower():
        raise InputError(origin, "the OPML file declares XML entities; refused")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(origin, f"not well-formed XML ({exc})") from exc
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise InputError(origin, "not an OPML file (the root element is not <opml>)")
    found: dict[str, Subscription] = {}
    for outline in root.iter("{*}outline", "outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in found:
            title = (outline.get("title") or outline.get("text") or "").strip() or None
            found[url] = Subscription(url, title)
    if not found:
        raise InputError(origin, "the OPML file names no feeds (no outline with xmlUrl)")
    return list(found.values())
