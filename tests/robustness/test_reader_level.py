"""Faults the readers themselves handle (``newsbrief.ingest``): the command layer keeps them
from stopping a batch, but it can only skip the whole file that holds them, so a bad line
must cost only itself, and text that is not a report must be refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from robustness.badinput import cli, stored_origins

TEXT = "The council met on Monday. It voted to close the old bridge for repairs this summer."
# A different report from the bad lines' text, so near-duplicate linking cannot hide it.
GOOD_LINE = json.dumps(
    {
        "id": "good",
        "date": "2024-05-01",
        "text": "The ferry service resumed on Wednesday after the harbour storm. "
        "Officials said all routes were open again.",
    }
)


def _ingest_lines(tmp: Path, capsys: pytest.CaptureFixture[str], bad: str) -> set[str]:
    path = tmp / "mixed.jsonl"
    path.write_text(bad + "\n" + GOOD_LINE + "\n", "utf-8")
    db = tmp / "s.sqlite"
    cli(capsys, "ingest", "--no-brief", "--db", str(db), str(path))
    return stored_origins(db)


# Bad lines whose reader error is not an InputError today, so the lines after them in the
# same file are lost with it.
LINE_CASES = {
    "date is a number": json.dumps({"id": "x", "date": 12345, "text": TEXT}),
    "date is a list": json.dumps({"id": "x", "date": [2024, 1], "text": TEXT}),
    "date is a bool": json.dumps({"id": "x", "date": True, "text": TEXT}),
    "deep nesting": '{"id":"x","text":"t","x":' + "[" * 50_000 + "]" * 50_000 + "}",
    "integer of 5,000 digits": '{"id":"x","text":"t","n":' + "9" * 5_000 + "}",
}


@pytest.mark.parametrize("case", sorted(LINE_CASES))
def test_a_bad_line_costs_only_itself(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    origins = _ingest_lines(tmp_path, capsys, LINE_CASES[case])
    assert any(o.startswith(f"{tmp_path / 'mixed.jsonl'}:2") for o in origins), origins


def test_a_feed_entry_dated_year_zero_costs_only_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "f.rss"
    feed.write_text(
        "<rss><channel>"
        f"<item><title>Zero</title><pubDate>Sat, 01 Jan 0000 00:00:00 GMT</pubDate>"
        f"<description>{TEXT}</description></item>"
        "<item><title>Good</title><pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate>"
        "<description>The ferry service resumed on Wednesday after the harbour storm. "
        "Officials said all routes were open again.</description></item>"
        "</channel></rss>",
        "utf-8",
    )
    db = tmp_path / "s.sqlite"
    cli(capsys, "ingest", "--no-brief", "--db", str(db), str(feed))
    assert len(stored_origins(db)) == 2


def _brief(tmp: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes):  # type: ignore[no-untyped-def]
    path = tmp / name
    path.write_bytes(data)
    return cli(capsys, "brief", "--no-analysis", "-f", "json", str(path))


def test_lone_surrogates_never_reach_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = '{"id":"x","title":"T\\udc00","text":"The council \\ud800 met on Monday. ' + TEXT + '"}'
    run = _brief(tmp_path, capsys, "s.json", line.encode())
    assert run.code == 2 or ("\\ud800" not in run.out and "\\udc00" not in run.out)


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_read(
    codec: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = _brief(tmp_path, capsys, "u.txt", TEXT.encode(codec))
    assert run.code == 0 and "bridge" in run.out


def test_a_raw_line_separator_inside_a_jsonl_string(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = '{"id":"x","text":"The council met\u2028on Monday. ' + TEXT + '"}'
    line = '{"id":"c","documents":[' + doc + "]}"
    run = _brief(tmp_path, capsys, "l.jsonl", line.encode("utf-8"))
    assert run.code == 0 and "bridge" in run.out


def test_random_high_bytes_are_not_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytes((i * 37 + 128) % 128 + 128 for i in range(3000))
    assert _brief(tmp_path, capsys, "r.txt", data).code == 2


def test_zero_width_only_text_is_not_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ("\u200b\u200c\u200d\u2060" * 100).encode("utf-8")
    assert _brief(tmp_path, capsys, "z.txt", data).code == 2


@pytest.mark.parametrize(
    "text",
    [
        "市议会周一开会讨论预算。议会投票决定今年夏天关闭旧桥进行维修。市长表示工程将在九月完成。",
        "市議会は月曜日に開かれた。古い橋を夏の間修理のために閉鎖することを決めた。工事は九月に終わる予定だ。",
        "Городской совет собрался в понедельник. Совет решил закрыть старый мост на ремонт.",
    ],
)
def test_reports_in_a_language_out_of_scope_are_refused_by_name(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = _brief(tmp_path, capsys, "foreign.txt", text.encode("utf-8"))
    assert run.code == 2 and "foreign.txt" in run.err and "cannot brief this language" in run.err


def test_an_english_report_with_foreign_names_and_quotes_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "The mayor of Zürich, José Núñez, met Li Wei (李伟) and Ivan Petrov (Иван Петров) on "
        "Monday. " + TEXT
    )
    run = _brief(tmp_path, capsys, "mixed.txt", text.encode("utf-8"))
    assert run.code == 0 and json.loads(run.out)["summary"]


def test_a_line_over_the_byte_limit_costs_only_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = json.dumps({"id": "huge", "text": "The council met on Monday. " * 2_000})
    path = tmp_path / "mixed.jsonl"
    path.write_text(huge + "\n" + GOOD_LINE + "\n", "utf-8")
    db = tmp_path / "s.sqlite"
    run = cli(
        capsys, "ingest", "--no-brief", "--set", "max_input_bytes=20000", "--db", str(db),
        str(path),
    )  # fmt: skip
    assert "mixed.jsonl:1" in run.err and "byte limit" in run.err
    origins = stored_origins(db)
    assert len(origins) == 1 and next(iter(origins)).startswith(f"{path}:2")
