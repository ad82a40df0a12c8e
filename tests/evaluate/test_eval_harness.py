"""The harness, the peers, the report and the ``newsbrief eval`` command on tiny data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.cli import main
from newsbrief.commands.eval import split_kind
from newsbrief.errors import ConfigError
from newsbrief.evaluate.datasets import Dataset
from newsbrief.evaluate.harness import EvalConfig, run_evaluation
from newsbrief.evaluate.peers import SYSTEMS, fill_budget, lead_system
from newsbrief.evaluate.report import render_table, report_to_dict
from newsbrief.models import Cluster, Document

GATE_DATA = Path(__file__).parent / "data" / "gate_clusters.jsonl"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    from newsbrief.evaluate.datasets import load_cluster_jsonl

    data = load_cluster_jsonl(GATE_DATA)
    first = data.clusters[0]
    # One official peer, summarising only the first cluster.
    return Dataset("gate", data.clusters, {"7": {first.id: first.references[0]}})


def test_every_system_is_scored_with_intervals_and_times(dataset: Dataset) -> None:
    config = EvalConfig(max_words=40, systems=tuple(SYSTEMS), bootstrap_samples=50)
    report = run_evaluation(dataset, config)
    systems = {r.system for r in report.results}
    assert systems == set(SYSTEMS) | {"duc-7"}
    for r in report.results:
        assert r.n_clusters == 3
        for interval in r.recall.values():
            assert 0.0 <= interval.low <= interval.mean <= interval.high <= 1.0
        assert (r.seconds_per_cluster is None) == (r.system == "duc-7")


def test_peers_fill_the_budget_and_newsbrief_never_exceeds_it(dataset: Dataset) -> None:
    cluster = dataset.clusters[0]
    for name, system in SYSTEMS.items():
        words = sum(len(s.split()) for s in system(cluster, 30, None))
        assert words == 30 if name != "newsbrief" else words <= 30


def test_lead_takes_first_sentences_round_robin_in_date_order() -> None:
    docs = (
        Document("late", "Late one is here now. Late two is here now.", date=_date(2)),
        Document("early", "Early one is here now. Early two is here now.", date=_date(1)),
    )
    out = lead_system(Cluster("c", docs), 13, None)
    assert out == ("Early one is here now.", "Late one is here now.", "Early two is")


def _date(day: int):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date(2020, 1, day)


def test_fill_budget_cuts_the_last_sentence() -> None:
    assert fill_budget(["a b c", "d e f"], 4) == ("a b c", "d")


def test_table_and_json_report(dataset: Dataset) -> None:
    config = EvalConfig(max_words=40, systems=("newsbrief", "lead"), bootstrap_samples=20)
    report = run_evaluation(dataset, config)
    table = render_table(report)
    assert "R-2 recall (95% CI)" in table and "newsbrief" in table and "duc-7" in table
    data = report_to_dict(report)
    assert data["settings"]["max_words"] == 40
    assert {r["system"] for r in data["results"]} == {"newsbrief", "lead", "duc-7"}
    assert len(data["per_cluster_rouge2_recall"]["rouge-score/newsbrief"]) == 3
    json.dumps(data)  # serialisable


def test_query_focused_run_uses_the_query(tmp_path: Path) -> None:
    docs = (
        Document(
            "a",
            "The council approved a new budget for roads on Monday evening. "
            "The harbor festival drew ten thousand visitors to the old port.",
        ),
        Document(
            "b",
            "A new road budget was approved by the council on Monday. "
            "Visitors crowded the harbor festival at the old port all weekend.",
        ),
    )
    cluster = Cluster(
        "c",
        docs,
        ("The harbor festival drew visitors to the old port.",),
        query="What happened at the harbor festival?",
    )
    config = EvalConfig(max_words=12, systems=("newsbrief",), use_query=True, bootstrap_samples=10)
    report = run_evaluation(Dataset("q", (cluster,)), config)
    assert report.results[0].recall["rouge-1"].mean > 0.5


def test_generic_run_ignores_the_clusters_topic() -> None:
    # Three reports tell of the road budget, one of the festival: without use_query the
    # budget wins; the cluster's topic must not leak into a run reported as generic.
    docs = (
        Document("a", "The council approved a new budget for roads on Monday evening."),
        Document("b", "A new road budget was approved by the council on Monday."),
        Document(
            "c",
            "The council approved the road budget on Monday after a long debate. "
            "The harbor festival drew ten thousand visitors to the old port.",
        ),
    )
    cluster = Cluster("c", docs, ("x",), query="What happened at the harbor festival?")
    generic = SYSTEMS["newsbrief"](cluster, 12, None)
    focused = SYSTEMS["newsbrief"](cluster, 12, cluster.query)
    assert "festival" not in " ".join(generic)
    assert "festival" in " ".join(focused)


def test_peer_cache_is_reused(tmp_path: Path, dataset: Dataset) -> None:
    config = EvalConfig(
        max_words=20, systems=("lead",), official=False, cache=tmp_path, bootstrap_samples=10
    )
    first = run_evaluation(dataset, config)
    assert list(tmp_path.glob("lead-*.json"))
    second = run_evaluation(dataset, config)
    assert first.results[0].recall == second.results[0].recall
    assert first.results[0].seconds_per_cluster == second.results[0].seconds_per_cluster


def test_unknown_system(dataset: Dataset) -> None:
    with pytest.raises(ConfigError, match="unknown system"):
        run_evaluation(dataset, EvalConfig(systems=("gpt",)))


def test_cli_eval_writes_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.json"
    status = main(
        [
            "eval",
            str(GATE_DATA),
            "--max-words",
            "50",
            "--systems",
            "newsbrief,lead",
            "--bootstrap",
            "20",
            "--json",
            str(out),
        ]
    )
    assert status == 0
    table = capsys.readouterr().out
    assert "gate_clusters: 3 clusters, 50 words, generic" in table
    assert json.loads(out.read_text())["settings"]["systems"] == ["newsbrief", "lead"]


def test_cli_eval_bad_dataset_is_one_clean_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"documents": [{"text": "x"}]}\n')
    assert main(["eval", "jsonl", str(bad)]) == 2
    assert "no 'references' to score against" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("inputs", "kind"),
    [
        (["duc", "x"], "duc"),
        (["test.src", "test.tgt"], "multinews"),
        ([str(GATE_DATA)], "jsonl"),
    ],
)
def test_split_kind(inputs: list[str], kind: str) -> None:
    assert split_kind(inputs)[0] == kind


def test_split_kind_unknown() -> None:
    with pytest.raises(ConfigError, match="cannot tell the dataset kind"):
        split_kind(["a.csv"])
