"""DUC/TAC layout: documents, topics, model and peer summaries (synthetic files)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsbrief.errors import DatasetError
from newsbrief.evaluate.duc import load_duc, parse_sgml_documents, parse_topics, set_id

DOC = """<DOC>
<DOCNO> {docno} </DOCNO>
<DATE_TIME> {date} </DATE_TIME>
<BODY>
<HEADLINE> {headline} </HEADLINE>
<TEXT>
<P>
   RIVERTON, Ore. (AP) -- The {topic} council met on Monday and voted
to build a new ``community'' library &amp; park.
</P>
<P>
   Work on the {topic} project starts in May.
</P>
</TEXT>
</BODY>
</DOC>
"""

TOPICS = """<topic>
<num> D0901A </num>
<title> Library plans </title>
<narr>
Describe the library plans. What will they cost?
</narr>
</topic>
<topic>
<num> D0902B </num>
<title> Park plans </title>
<narr> Discuss the park. </narr>
</topic>
"""


def write_duc(root: Path, *, models_for: tuple[str, ...] = ("D0901", "D0902")) -> Path:
    """A two-cluster DUC folder like NIST's, with two models and two peers each."""
    for n, (cid, letter) in enumerate((("D0901", "A"), ("D0902", "B")), 1):
        folder = root / "docs" / f"{cid}{letter}"
        folder.mkdir(parents=True)
        for k in range(2):
            docno = f"APW2001010{k + 1}.00{n}{k}"
            (folder / docno).write_text(
                DOC.format(
                    docno=docno,
                    date=f"2001-01-0{k + 1} 10:00",
                    headline=f"Head {cid} {k}",
                    topic="library" if n == 1 else "park",
                )
            )
    (root / "topics.sgml").write_text(TOPICS)
    models = root / "NISTeval" / "ROUGE" / "models"
    peers = root / "NISTeval" / "ROUGE" / "peers"
    models.mkdir(parents=True)
    peers.mkdir(parents=True)
    for cid in models_for:
        for assessor in "AB":
            (models / f"{cid}.M.250.A.{assessor}").write_text(
                f"Model {assessor} of {cid}.\nLine two.\n"
            )
    for cid in ("D0901", "D0902"):
        for system in ("3", "12"):
            (peers / f"{cid}.M.250.A.{system}").write_text(f"Peer {system} for {cid}.\n")
        (peers / f"{cid}.M.250.A.A").write_text("A human peer is a reference, not a system.\n")
    return root


def test_loads_clusters_topics_models_and_peers(tmp_path: Path) -> None:
    data = load_duc(write_duc(tmp_path))
    assert [c.id for c in data.clusters] == ["D0901", "D0902"]
    first = data.clusters[0]
    # Title then narrative, as one query.
    assert first.query == "Library plans. Describe the library plans. What will they cost?"
    assert first.references == ("Model A of D0901.\nLine two.", "Model B of D0901.\nLine two.")
    assert list(data.peers) == ["3", "12"]  # numbered systems only, in numeric order
    assert data.peers["12"]["D0902"] == "Peer 12 for D0902."


def test_documents_have_dates_titles_and_clean_text(tmp_path: Path) -> None:
    doc = load_duc(write_duc(tmp_path)).clusters[0].documents[0]
    assert doc.id == "APW20010101.0010"
    assert doc.date == dt.date(2001, 1, 1)
    assert doc.title == "Head D0901 0"
    # Paragraphs kept, lines joined, LDC quotes and entities decoded.
    assert doc.text.split("\n\n")[0].endswith('build a new "community" library & park.')
    assert doc.text.split("\n\n")[1] == "Work on the library project starts in May."


@pytest.mark.parametrize(
    ("docno", "date_time", "expected"),
    [
        ("NYT20030612.0403", "2003-06-12 22:16", dt.date(2003, 6, 12)),  # DATE_TIME
        ("XIE20040217.0078", "", dt.date(2004, 2, 17)),  # no DATE_TIME: from DOCNO
        ("WEIRD.1", "", None),  # neither: unknown, never invented
    ],
)
def test_dates_from_date_time_or_docno(
    docno: str, date_time: str, expected: dt.date | None
) -> None:
    dated = f"<DATE_TIME> {date_time} </DATE_TIME>" if date_time else ""
    text = f"<DOC><DOCNO> {docno} </DOCNO>{dated}<TEXT>Some text here.</TEXT></DOC>"
    assert parse_sgml_documents(text, "f")[0].date == expected


def test_text_without_paragraph_tags_is_kept() -> None:
    text = "<DOC><DOCNO> X1 </DOCNO><TEXT>\nOne line\nwrapped.\n</TEXT></DOC>"
    assert parse_sgml_documents(text, "f")[0].text == "One line wrapped."


@pytest.mark.parametrize(
    ("name", "expected"),
    [("D0601A", "D0601"), ("D0801A-A", "D0801-A"), ("D30001", "D30001"), ("notes", None)],
)
def test_set_ids(name: str, expected: str | None) -> None:
    assert set_id(name) == expected


def test_cluster_without_models_names_the_cluster(tmp_path: Path) -> None:
    write_duc(tmp_path, models_for=("D0901",))
    with pytest.raises(DatasetError, match="D0902 has no model summaries"):
        load_duc(tmp_path)


def test_document_without_docno_names_the_file(tmp_path: Path) -> None:
    write_duc(tmp_path)
    broken = tmp_path / "docs" / "D0901A" / "broken"
    broken.write_text("<DOC><TEXT>No id.</TEXT></DOC>")
    with pytest.raises(DatasetError, match=r"broken document 1: document without <DOCNO>"):
        load_duc(tmp_path)


def test_document_without_text(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="X2: document without <TEXT>"):
        parse_sgml_documents("<DOC><DOCNO> X2 </DOCNO></DOC>", "f")


def test_empty_cluster_folder(tmp_path: Path) -> None:
    write_duc(tmp_path)
    for path in (tmp_path / "docs" / "D0902B").iterdir():
        path.unlink()
    with pytest.raises(DatasetError, match="D0902B holds no <DOC> documents"):
        load_duc(tmp_path)


def test_empty_model_file(tmp_path: Path) -> None:
    write_duc(tmp_path)
    (tmp_path / "NISTeval" / "ROUGE" / "models" / "D0901.M.250.A.A").write_text("  \n")
    with pytest.raises(DatasetError, match="empty summary file"):
        load_duc(tmp_path)


def test_missing_folder_and_missing_parts(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="not a folder"):
        load_duc(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetError, match="no documents folder"):
        load_duc(tmp_path / "empty")


def test_topic_without_num(tmp_path: Path) -> None:
    path = tmp_path / "topics.sgml"
    path.write_text("<topic><title> T </title></topic>")
    with pytest.raises(DatasetError, match="topic without <num>"):
        parse_topics(path)


def test_tac_topics_with_id_attribute(tmp_path: Path) -> None:
    path = tmp_path / "topics.xml"
    path.write_text(
        '<topic id = "D0801A"><title>Air crash</title><narrative>Why?</narrative></topic>'
    )
    assert parse_topics(path) == {"D0801": "Air crash. Why?"}


def test_tac_layout_with_nested_update_parts(tmp_path: Path) -> None:
    for part in ("A", "B"):
        folder = tmp_path / "tac_docs" / "D0801A" / f"D0801A-{part}"
        folder.mkdir(parents=True)
        (folder / "AFP_ENG_20050101.0001").write_text(
            DOC.format(
                docno=f"AFP_ENG_2005010{'12'[part == 'B']}.0001",
                date="",
                headline="H",
                topic="t",
            )
        )
    models = tmp_path / "ROUGE" / "models"
    models.mkdir(parents=True)
    for part in ("A", "B"):
        (models / f"D0801-{part}.M.100.A.C").write_text(f"Part {part} model.\n")
    data = load_duc(tmp_path)
    assert [c.id for c in data.clusters] == ["D0801-A", "D0801-B"]
    assert data.clusters[1].documents[0].date == dt.date(2005, 1, 2)
    assert data.peers == {}


EMPTY_HEADLINE = """<DOC>
<DOCNO> NYT20010102.0001 </DOCNO>
<BODY>
<SLUG> BC-BRIDGE-VOTE-VNS </SLUG>
<HEADLINE>
&HT;
</HEADLINE>
 &HT;    {first}
 &HT;    Council closes the old bridge to lorries
 &HT;    By Jane Okoro
 &HT;    c.2001 Valley News Service
<TEXT>
<P>
   RIVERTON _ The council voted on Monday to close the old bridge.
</P>
</TEXT>
</BODY>
</DOC>
"""


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        # the title on the lines after an empty headline, before the byline
        ("", "Council closes the old bridge to lorries"),
        # a desk label or an editors' note before it is not the title
        ("CHRON", "Council closes the old bridge to lorries"),
        ("EDs: adds vote count in 3rd graf", "Council closes the old bridge to lorries"),
    ],
)
def test_a_title_after_an_empty_headline_is_found(first: str, expected: str) -> None:
    (doc,) = parse_sgml_documents(EMPTY_HEADLINE.format(first=first), "f")
    assert doc.title == expected


def test_an_empty_headline_with_only_a_byline_after_it_gives_no_title() -> None:
    text = EMPTY_HEADLINE.format(first="").replace(
        " &HT;    Council closes the old bridge to lorries\n", ""
    )
    (doc,) = parse_sgml_documents(text, "f")
    assert doc.title is None


def test_indented_paragraphs_without_tags_stay_paragraphs() -> None:
    text = (
        "<DOC><DOCNO> APW20010102.0001 </DOCNO><TEXT>\n"
        "\t   This column is based on a wire story.\n"
        "\t   RIVERTON (AP) _ The council voted on Monday\nto close the old bridge.\n"
        "</TEXT></DOC>"
    )
    (doc,) = parse_sgml_documents(text, "f")
    assert doc.text == (
        "This column is based on a wire story.\n\n"
        "RIVERTON (AP) _ The council voted on Monday to close the old bridge."
    )
