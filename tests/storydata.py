"""A small stream of made-up articles about three events, for story-mode tests.

Each event has its own people, places and facts; each article tells some of
them in its own order, so articles of one event are similar but not equal.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from newsbrief.models import Document

EVENTS: dict[str, dict[str, object]] = {
    "flood": {
        "date": dt.date(2021, 8, 10),
        "title": "Floods force {n} from homes in Riverton",
        "facts": [
            "Heavy rain flooded the river town of Riverton on Tuesday, forcing {n} residents "
            "from their homes.",
            "Emergency crews used boats to reach families stranded on rooftops in Riverton.",
            "Mayor Alma Ortiz said the Cobb River rose four metres in six hours.",
            "The regional weather office warned that more rain would fall on the Cobb valley.",
            "Shelters at the Riverton high school took in several hundred flood victims.",
            "Governor Peter Lund declared a state of emergency for the Cobb valley.",
        ],
    },
    "election": {
        "date": dt.date(2021, 8, 11),
        "title": "Vale party wins Nordmark election",
        "facts": [
            "The Vale party won the parliamentary election in Nordmark on Sunday with {n} "
            "percent of the vote.",
            "Party leader Ingrid Saarinen promised to form a coalition government within weeks.",
            "Turnout in the Nordmark election reached a record high, the electoral commission "
            "said.",
            "The governing Harbour alliance conceded defeat late on Sunday night.",
            "Saarinen told supporters in the capital Ostby that voters wanted change.",
            "Analysts said the Vale victory would shift Nordmark's energy policy.",
        ],
    },
    "fire": {
        "date": dt.date(2021, 8, 12),
        "title": "Fire destroys Castor chemical plant",
        "facts": [
            "A fire destroyed the Castor chemical plant outside Lindale early on Thursday, "
            "injuring {n} workers.",
            "Firefighters battled the blaze at the Castor factory for nine hours.",
            "Plant manager Tomas Berg said a storage tank of solvent exploded at dawn.",
            "Residents near Lindale were told to keep their windows shut because of the smoke.",
            "Inspectors from the safety board opened an investigation into the Castor explosion.",
            "The Castor company said production would stop for several months.",
        ],
    },
}
OUTLETS = ("Daily Ledger", "Morning Post", "Wire Service", "City Herald")


def article(event: str, k: int) -> dict[str, object]:
    """Article ``k`` of an event, as an article-JSONL object."""
    spec = EVENTS[event]
    facts: list[str] = spec["facts"]  # type: ignore[assignment]
    n = 100 + 25 * k
    chosen = [facts[(k + i) % len(facts)] for i in range(4)]
    text = "\n\n".join(f.format(n=n) for f in chosen)
    date: dt.date = spec["date"]  # type: ignore[assignment]
    return {
        "id": f"{event}-{k}",
        "date": (date + dt.timedelta(days=k % 2)).isoformat(),
        "title": str(spec["title"]).format(n=n),
        "text": text,
        "url": f"https://example.org/{event}/{k}",
        "outlet": OUTLETS[k % len(OUTLETS)],
    }


def stream(per_event: int = 4) -> list[dict[str, object]]:
    """Articles of all events interleaved in date order."""
    items = [article(e, k) for k in range(per_event) for e in EVENTS]
    return sorted(items, key=lambda a: (str(a["date"]), str(a["id"])))


def documents(per_event: int = 4) -> list[Document]:
    """The stream as documents."""
    out = []
    for a in stream(per_event):
        out.append(
            Document(
                id=str(a["id"]),
                text=str(a["text"]),
                title=str(a["title"]),
                date=dt.date.fromisoformat(str(a["date"])),
                outlet=str(a["outlet"]),
                url=str(a["url"]),
                origin="storydata",
            )
        )
    return out


def write_jsonl(path: Path, items: list[dict[str, object]]) -> Path:
    """Write article JSONL."""
    path.write_text("".join(json.dumps(a) + "\n" for a in items), encoding="utf-8")
    return path


def documents_numbered(k: int) -> Document:
    """Report ``k`` of an endless stream cycling through the events (every text distinct)."""
    event = list(EVENTS)[k % len(EVENTS)]
    a = article(event, k // len(EVENTS))
    return Document(
        id=f"n{k}",
        text=f"{a['text']}\n\nReport number {k}.",
        title=str(a["title"]),
        date=dt.date.fromisoformat(str(a["date"])),
        outlet=str(a["outlet"]),
        origin="stream",
    )


def story_id_of(db: str, ext_id: str) -> int:
    """The story a report landed in."""
    from newsbrief.store import Store

    with Store.open(db, readonly=True) as store:
        row = store.conn.execute(
            "SELECT story_id, id FROM documents WHERE ext_id = ?", (ext_id,)
        ).fetchone()
        return int(row[0])


def report_id_of(db: str, ext_id: str) -> int:
    """The row id of a report."""
    from newsbrief.store import Store

    with Store.open(db, readonly=True) as store:
        return int(
            store.conn.execute("SELECT id FROM documents WHERE ext_id = ?", (ext_id,)).fetchone()[0]
        )
