"""benchmarks/duc2007_models.py: DUC 2007 pyramid files -> a folder load_duc reads."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from newsbrief.evaluate.duc import load_duc

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "duc2007_models.py"
HUMANS = ("A", "C", "F", "H")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("duc2007_models", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lines(lines: list[str]) -> str:
    return "".join(f"  <line>{line}</line>\n" for line in lines)


def _pyramid(set_id: str, humans: tuple[str, ...]) -> str:
    lines = ["#4", ""]
    for h in humans:
        lines += ["-----------------", f" {set_id}.M.250.A.{h}", "-----------------", ""]
        lines += [f"Summary {h} says the council closed the road.", "It reopened on Monday.", ""]
    return f'<?xml version="1.0"?>\n<pyramid>\n <text>\n{_lines(lines)} </text>\n</pyramid>\n'


def _pan(text: list[str]) -> str:
    return (
        '<?xml version="1.0"?>\n<peerAnnotation>\n<pyramid><text><line>x</line></text></pyramid>\n'
        f"<annotation>\n <text>\n{_lines(text)} </text>\n</annotation>\n</peerAnnotation>\n"
    )


@pytest.fixture
def source(tmp_path: Path) -> Path:
    root = tmp_path / "DUC2007"
    (root / "mainPyramidEval" / "allpyramids").mkdir(parents=True)
    (root / "mainPyramidEval" / "allpans").mkdir()
    (root / "mainPyramidEval" / "allpyramids" / "D0701-ACFH.pyr").write_text(
        _pyramid("D0701", HUMANS), "utf-8"
    )
    pans = root / "mainPyramidEval" / "allpans"
    pans.joinpath("D0701.M.250.A.24.pan").write_text(_pan(["The road closed.", "&quot;Yes.&quot;"]))
    pans.joinpath("D0701.M.250.A.6.pan").write_text(_pan([]))  # submitted nothing
    docs = root / "duc2007_testdocs" / "main"
    for set_folder in ("D0701A", "D0702B"):  # D0702 has no pyramid: left out
        (docs / set_folder).mkdir(parents=True)
        (docs / set_folder / "APW20000101.0001").write_text(
            "<DOC><DOCNO> APW20000101.0001 </DOCNO><TEXT><P>The council closed the road.</P>"
            "</TEXT></DOC>",
            "utf-8",
        )
    (root / "duc2007_topics.sgml").write_text(
        "<topic><num> D0701A </num><title> Road </title><narr> Why was it closed? </narr></topic>"
    )
    return root


def test_rebuilt_folder_loads_with_four_human_references(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "rouge"
    sets, models, peers = _script().build(source, target)
    assert (sets, models, peers) == (1, 4, 1)
    dataset = load_duc(target)
    (cluster,) = dataset.clusters
    assert cluster.id == "D0701" and cluster.query and "closed" in cluster.query
    assert [r.split()[1] for r in cluster.references] == list(HUMANS)
    assert dataset.peers == {"24": {"D0701": 'The road closed.\n"Yes."'}}


def test_a_pyramid_without_four_summaries_is_refused(source: Path, tmp_path: Path) -> None:
    pyr = source / "mainPyramidEval" / "allpyramids" / "D0701-ACFH.pyr"
    pyr.write_text(_pyramid("D0701", HUMANS[:3]), "utf-8")
    module = _script()
    with pytest.raises(module.SourceError, match="expected 4 human summaries"):
        module.build(source, tmp_path / "rouge")
