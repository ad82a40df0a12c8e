"""The CLI: formats, stdin, batches, and clean one-line errors for bad input."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsbrief.cli import main

SEEDS = Path(__file__).parent / "data" / "seeds"


def run(args: list[str], capsys, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_markdown_briefing_of_the_seeds(capsys) -> None:
    code, out, err = run(["brief", str(SEEDS), "--no-analysis"], capsys)
    assert code == 0, err
    assert out.startswith("# ")
    assert "## Summary" in out and "## Sources" in out and "[1," in out


def test_json_has_the_documented_schema(capsys) -> None:
    code, out, _ = run(["brief", str(SEEDS), "-f", "json", "-w", "60", "--no-analysis"], capsys)
    data = json.loads(out)
    assert code == 0 and data["schema"] == "newsbrief.briefing/1"
    assert data["word_count"] <= 60 and data["max_words"] == 60
    assert all({"text", "sources", "evidence"} <= set(item) for item in data["summary"])
    assert [s["number"] for s in data["sources"]] == [1, 2, 3]


def test_jsonl_gives_one_line_per_cluster_with_its_id(tmp_path: Path, capsys) -> None:
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    clusters = [
        {
            "id": "first",
            "documents": [{"id": "a", "text": texts[0]}, {"id": "b", "text": texts[1]}],
        },
        {"id": "second", "documents": [{"id": "c", "text": texts[2]}]},
    ]
    path = tmp_path / "clusters.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in clusters) + "\n")
    code, out, _ = run(["brief", str(path), "-f", "jsonl", "--no-analysis"], capsys)
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and [x["id"] for x in lines] == ["first", "second"]


def test_html_page_loads_nothing_from_the_network(capsys) -> None:
    code, out, err = run(["brief", str(SEEDS), "--format", "html"], capsys)
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>") and '<div class="briefing">' in out
    tags = re.findall(r"<(?:link|script|img|iframe|object|embed|source|video|audio)\b[^>]*>", out)
    assert tags == []  # no stylesheet, script, image or frame at all, local or remote
    assert not re.search(r"""(?:src|href|action|data)\s*=\s*["']?\s*(?:https?:)?//""", out)
    assert "url(" not in out and "@import" not in out
    assert "default-src 'none'" in out  # and the page forbids any load it might still name


def test_stdin(capsys, monkeypatch) -> None:
    text = (SEEDS / "000_9000c29525aeec31.txt").read_bytes()
    code, out, _ = run(["brief", "-", "--no-analysis"], capsys, stdin=text, monkeypatch=monkeypatch)
    assert code == 0 and "`stdin`" in out and "2021-08-12" in out


def test_output_file(tmp_path: Path, capsys) -> None:
    target = tmp_path / "b.md"
    code, out, _ = run(["brief", str(SEEDS), "--no-analysis", "-o", str(target)], capsys)
    assert code == 0 and out == "" and target.read_text("utf-8").startswith("# ")


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "file is empty"),
        ("bin.txt", b"\x00\xff" * 50, "binary"),
        ("bad.jsonl", b"{not json}\n", "bad.jsonl:1: malformed JSON"),
        ("table.csv", b"a,b\n", "unknown file type"),
    ],
)
def test_bad_input_is_one_clean_line_and_exit_2(tmp_path, capsys, name, data, problem) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(["brief", str(path)], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and problem in err and str(path) in err
    assert "Traceback" not in err


def test_keep_going_briefs_the_rest_and_exits_1(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    code, out, err = run(["brief", str(bad), str(SEEDS), "--keep-going", "--no-analysis"], capsys)
    assert code == 1 and "## Summary" in out
    assert "bad.txt: file is empty" in err


def test_bad_setting_is_a_clean_error(capsys) -> None:
    code, _, err = run(["brief", str(SEEDS), "--set", "max_words=lots"], capsys)
    assert code == 2 and "max_words" in err and "Traceback" not in err


def test_help_does_not_import_heavy_libraries() -> None:
    probe = (
        "import sys\n"
        "from newsbrief.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('numpy', 'scipy', 'torch', 'spacy', 'trafilatura', 'sklearn',"
        " 'jinja2')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout


def test_default_brief_does_not_import_torch(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom newsbrief.cli import main\n"
        f"main(['brief', {str(SEEDS)!r}, '-o', {str(tmp_path / 'o.md')!r}])\n"
        "print('TORCH', 'torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "TORCH False False" in out.stdout


def test_progress_bar_only_on_a_terminal(monkeypatch, capsys) -> None:
    from newsbrief.commands import _common

    assert list(_common.progress(iter([1, 2, 3]), 3, "briefing")) == [1, 2, 3]
    assert capsys.readouterr().err == ""  # not a terminal: no bar
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert list(_common.progress(iter([1, 2, 3]), 3, "briefing")) == [1, 2, 3]
    assert "briefing" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "code", "expect"),
    [
        (["brief", str(SEEDS), "--no-analysis"], 0, "## Sources"),  # all output flushed
        (["brief", "/no/such/path"], 2, ""),  # error status survives the quick exit
        (["--version"], 0, "newsbrief"),  # other commands exit normally
    ],
)
def test_console_entry_point_flushes_and_keeps_the_status(args, code, expect) -> None:
    probe = (
        "import sys\nfrom newsbrief.cli import entry\n"
        f"sys.argv = ['newsbrief', *{args!r}]\nentry()\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode == code, out.stderr
    assert expect in out.stdout
