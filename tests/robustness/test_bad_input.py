"""Bad input of every kind the probe found, through ``brief``, ``brief --keep-going`` and
``ingest``: never a traceback, and the good report beside it is always processed."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robustness.badinput import GOOD, check_bad_input, cli, good_copy, stored_origins

TEXT = "The council met on Monday. It voted to close the old bridge for repairs this summer."


def _line(**fields: object) -> str:
    return json.dumps({"id": "bad", "text": TEXT, **fields})


# name -> (file name, content). Each is one class of bad input from the probe.
FIXED: dict[str, tuple[str, bytes | str]] = {
    # JSON whose fields have the wrong type
    "date is a number": ("a.jsonl", _line(date=12345)),
    "date is a list": ("a.jsonl", _line(date=["2024", "01"])),
    "date is a bool": ("a.jsonl", _line(date=True)),
    "text is a number": ("a.jsonl", _line(text=42)),
    "title is an object": ("a.jsonl", _line(title={"a": 1})),
    "top level is a list": ("a.jsonl", "[1, 2, 3]"),
    "not JSON": ("a.jsonl", "{this is not json"),
    # JSON that breaks the parser's own limits
    "deep nesting in an unused field": (
        "a.jsonl",
        '{"id":"x","text":"t","x":' + "[" * 50_000 + "]" * 50_000 + "}",
    ),
    "integer of 5,000 digits": ("a.jsonl", '{"id":"x","text":"t","n":' + "9" * 5_000 + "}"),
    "lone surrogate in text": ("a.jsonl", '{"id":"x","text":"bad \\ud800 here, a report."}'),
    "lone surrogate in title": ("a.jsonl", '{"id":"x","title":"\\udc00","text":"' + TEXT + '"}'),
    "raw U+2028 in a line": ("a.jsonl", '{"id":"x","text":"a\u2028b. ' + TEXT + '"}'),
    # dates at the ends of the calendar
    "zero time": ("a.jsonl", _line(date="0001-01-01T00:00:00Z")),
    "year 9999": ("a.jsonl", _line(date="9999-12-31T23:59:59Z")),
    "year 0": ("a.jsonl", _line(date="0000-00-00")),
    "json document with a list date": ("a.json", _line(date=[1])),
    # feeds
    "feed entry dated year 0": (
        "f.rss",
        "<rss><channel><item><title>T</title><pubDate>Sat, 01 Jan 0000 00:00:00 GMT</pubDate>"
        f"<description>{TEXT}</description></item></channel></rss>",
    ),
    "feed entry dated year 1": (
        "f.atom",
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>T</title>'
        f"<updated>0001-01-01T00:00:00Z</updated><content>{TEXT}</content></entry></feed>",
    ),
    "broken XML": ("f.xml", "<rss><channel><item>"),
    # text
    "random high bytes": ("r.txt", bytes(range(128, 256)) * 20),
    "zero-width only": ("z.txt", "\u200b\u200c\u200d\ufeff" * 50),
    "empty": ("e.txt", ""),
    "NUL bytes": ("n.txt", b"\x00" * 100),
    "ANSI escapes": ("esc.txt", "\x1b]0;owned\x07\x1b[2J" + TEXT + "\x1b[31m red. \x07"),
    "script tag": ("s.txt", "<script>alert(1)</script> " + TEXT),
    "UTF-16 with BOM": ("u16.txt", TEXT.encode("utf-16")),
    "UTF-32 with BOM": ("u32.txt", TEXT.encode("utf-32")),
    "Chinese": ("zh.txt", "市议会周一开会。议会投票决定今年夏天关闭旧桥进行维修。" * 3),
    "Japanese": (
        "ja.txt",
        "市議会は月曜日に開かれた。古い橋を修理のために閉鎖することを決めた。" * 3,
    ),
    "html with only a script": ("h.html", "<html><script>x()</script></html>"),
    "unknown suffix": ("x.bin", b"\x00\x01"),
}


@pytest.mark.parametrize("case", sorted(FIXED))
def test_fixed_bad_input(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name, content = FIXED[case]
    bad = tmp_path / "bad" / name
    bad.parent.mkdir()
    bad.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    check_bad_input(capsys, tmp_path, bad)


def test_a_folder_of_bad_inputs_with_a_good_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for i, (name, content) in enumerate(FIXED.values()):
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / f"{i:02d}-{name}").write_bytes(data)
    good = good_copy(folder)
    run = cli(capsys, "brief", "--no-analysis", "--keep-going", "-f", "jsonl", str(folder))
    assert run.code == 1 and GOOD.stem in run.out
    db = tmp_path / "s.sqlite"
    run = cli(capsys, "ingest", "--no-brief", "--db", str(db), str(folder))
    assert run.code == 1 and str(good) in stored_origins(db)


def test_names_the_file_system_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a name over 255 bytes, and one with bytes that are not UTF-8
    long_name = str(tmp_path / ("n" * 300 + ".txt"))
    odd = os.fsencode(tmp_path) + b"/bad\xff\xfe.txt"
    with open(odd, "wb") as handle:
        handle.write(b"The council met on Monday. It voted to close the bridge.")
    good = good_copy(tmp_path / "good")
    for bad in (long_name, os.fsdecode(odd)):
        check_bad_input(capsys, tmp_path, Path(bad))
    run = cli(capsys, "brief", "--keep-going", "--no-analysis", long_name, str(good))
    assert run.code == 1 and "n" * 20 in run.err


def test_empty_and_unsupported_only_folders_are_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.pdf").write_bytes(b"%PDF")
    for folder in (empty, other):
        run = cli(capsys, "ingest", "--db", str(tmp_path / "s.sqlite"), str(folder))
        assert run.code != 0 and "no supported reports" in run.err
        run = cli(capsys, "brief", str(folder))
        assert run.code == 2 and str(folder) in run.err


def test_stdin_over_the_limit_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    data = GOOD.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data * 10)))
    run = cli(capsys, "brief", "--no-analysis", "--set", f"max_input_bytes={len(data)}", "-")
    assert run.code == 2 and "<stdin>" in run.err and "max_input_bytes" in run.err


def test_terminal_and_markdown_output_is_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "esc.txt"
    bad.write_text(
        "\x1b]0;owned\x07The council met on Monday \x1b[2J<script>alert(1)</script> to vote. "
        "It voted to close the old bridge for repairs over the summer months.",
        "utf-8",
    )
    run = cli(capsys, "brief", "--no-analysis", str(bad))
    assert run.code == 0
    assert "\x1b" not in run.out and "\x07" not in run.out
    assert "<script>" not in run.out and "&lt;script>" in run.out


# -- generated inputs -------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
ARTICLES = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES,
        "date": JSON_VALUES | st.dates().map(str) | st.datetimes().map(lambda d: d.isoformat()),
        "title": JSON_VALUES,
        "text": JSON_VALUES | st.text(min_size=1, max_size=200),
        "documents": JSON_VALUES,
    },
)
FEW = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _generated(capsys: pytest.CaptureFixture[str], name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bad = Path(tmp) / "bad" / name
        bad.parent.mkdir()
        bad.write_bytes(data)
        check_bad_input(capsys, Path(tmp), bad)


@FEW
@given(article=ARTICLES)
def test_generated_json_lines(capsys: pytest.CaptureFixture[str], article: dict) -> None:
    _generated(capsys, "gen.jsonl", json.dumps(article).encode("utf-8"))


@FEW
@given(text=st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_generated_text(capsys: pytest.CaptureFixture[str], text: str) -> None:
    _generated(capsys, "gen.txt", text.encode("utf-8", "surrogatepass"))


@FEW
@given(date=st.dates() | st.sampled_from([dt.date.min, dt.date.max]))
def test_generated_dates_never_poison_the_store(
    capsys: pytest.CaptureFixture[str], date: object
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "s.sqlite"
        first = Path(tmp) / "first.jsonl"
        first.write_text(_line(date=str(date)), "utf-8")
        cli(capsys, "ingest", "--no-brief", "--db", str(db), str(first))
        good = good_copy(Path(tmp) / "good")
        run = cli(capsys, "ingest", "--set", "analysis=false", "--db", str(db), str(good))
        assert run.code == 0 and str(good) in stored_origins(db)


@FEW
@given(
    pub=st.text(max_size=40)
    | st.dates().map(lambda d: f"{d.isoformat()}T00:00:00Z")
    | st.sampled_from(["Sat, 01 Jan 0000 00:00:00 GMT", "0001-01-01T00:00:00Z", "31 Dec 9999"]),
    title=st.text(max_size=40),
)
def test_generated_feeds(capsys: pytest.CaptureFixture[str], pub: str, title: str) -> None:
    from xml.sax.saxutils import escape

    clean = "".join(c for c in pub + "\x00" + title if c.isprintable())
    when = escape(pub if pub.isprintable() else "")
    entry = f"<item><title>{escape(clean)}</title><pubDate>{when}</pubDate>"
    xml = f"<rss><channel>{entry}<description>{TEXT}</description></item></channel></rss>"
    _generated(capsys, "gen.rss", xml.encode("utf-8"))
