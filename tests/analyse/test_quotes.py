"""Quotations and their speakers (table-driven); spaCy is used where installed."""

from __future__ import annotations

import pytest

from newsbrief.analyse import analyse_reports
from newsbrief.analyse.quotes import merge_quotes, normalise, quote_spans
from newsbrief.models import Document
from newsbrief.represent import TfidfRepresenter, cosine_matrix, tokenize
from newsbrief.segment import segment_documents


def quotes_of(*texts: str, kind: str = "article"):
    docs = [Document(id=f"d{i}", text=t, kind=kind) for i, t in enumerate(texts)]  # type: ignore[arg-type]
    sentences = segment_documents(docs)
    toks = [tokenize(s.text) for s in sentences]
    sim = cosine_matrix(TfidfRepresenter().vectors([s.text for s in sentences], toks))
    return analyse_reports(docs, sentences, (), sim).quotes


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # role and name after the quote
        (
            '"This is not an evacuation," State Department spokesman Ned Price said.',
            "Ned Price",
            "said",
        ),
        # verb first: said + name + appositive role
        (
            "“We are still pulling people out of the rubble,” said Elena Marsh, "
            "director of the agency.",
            "Elena Marsh",
            "said",
        ),
        # a verb of the manner of speaking is an attribution too
        (
            '"Nobody leaves this room until the bidding is done," auctioneer Carl Voss bellowed.',
            "Carl Voss",
            "bellowed",
        ),
        # speaker before the quote, with a colon
        (
            "Rosa Delgado told reporters: “We are asking people to leave now.”",
            "Rosa Delgado",
            "told",
        ),
        # an unnamed official is not given a name (the description is kept, see below)
        (
            '"We have no more details at this time," a senior official said.',
            None,
            "said",
        ),
    ],
)
def test_speaker_next_to_the_quote(text: str, speaker: str | None, cue: str) -> None:
    (q,) = quotes_of(text)
    assert (q.speaker, q.cue) == (speaker, cue)


def test_pronoun_and_unattributed_quotes_take_the_previous_speaker() -> None:
    text = (
        "“The wind is our biggest enemy right now,” Chief Rosa Delgado said. “We could lose the "
        "whole valley tonight.”\n\n“Every crew we have is out there,” she continued."
    )
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["Rosa Delgado"] * 3
    assert [q.speaker_text for q in quotes] == ["Chief Rosa Delgado", None, "she"]


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n  \n"])
def test_an_unattributed_quote_in_the_next_paragraph_keeps_the_speaker(gap: str) -> None:
    # wire style: a paragraph of quotation only continues the speaker of the paragraph before,
    # whether paragraphs are separated by a blank line or not; two paragraphs on, it does not
    text = (
        f'"The man was held because he carried no papers," Minister Ana Ruiz said.{gap}'
        f'"There is no sign at all that he had any part in the attack."{gap}'
        f"Police searched the port for a second day.{gap}"
        f'"Nobody has been charged with anything so far, not yet."'
    )
    assert [q.speaker for q in quotes_of(text)] == ["Ana Ruiz", "Ana Ruiz", None]


def test_multi_paragraph_quote_is_one_quote() -> None:
    # The first paragraph leaves the quote open; the next reopens it: one quotation.
    text = (
        "Union leader Marcus Bell spoke outside. “This plant built this town. Our parents "
        "worked here.\n\n“We will not let a spreadsheet decide who eats,” he said."
    )
    (q,) = quotes_of(text)
    assert q.text.startswith("This plant built this town") and "spreadsheet" in q.text
    assert q.speaker == "Marcus Bell"


def test_transcript_clip_after_a_cue_is_a_quote_of_the_person_named_before() -> None:
    text = (
        "The Pentagon is sending troops. Joining us is correspondent Greg Myre. Greg, what "
        "happened?  So Pentagon spokesman John Kirby gave a briefing. Let us hear what he "
        "said here.   The president has ordered the reduction of civilian personnel at our "
        "embassy.  So he is talking about diplomats. That is NPR's Greg Myre. Thank you."
    )
    quotes = quotes_of(text, kind="transcript")
    assert [(q.speaker, q.kind) for q in quotes] == [("John Kirby", "transcript")]
    assert quotes[0].text.startswith("The president has ordered")


def test_scare_quotes_are_not_quotations() -> None:
    # fewer than four words between the marks: a quoted term, not a quotation
    assert quotes_of('The minister called it "a mandate" on Tuesday.') == ()


def test_same_quote_in_two_reports_is_merged_and_compared() -> None:
    a = '"People have told us they want trains, not traffic jams," Clara Voss said.'
    b = '"People have told us they want trains," Clara Voss said on Tuesday.'
    c = '"People have told us they want trains, not traffic jams," said Clara Voss.'
    (q,) = quotes_of(a, b)
    assert q.sources == (1, 2) and not q.identical
    (q,) = quotes_of(a, c)
    assert q.identical


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ('He said "one two three four" and left.', ["one two three four"]),
        ("“Open quote\n\n“continues here,” she said.", ["Open quote\n\n“continues here,"]),
        ("It's 5' tall and he's fine.", []),  # apostrophes are not quotation marks
    ],
)
def test_quote_spans(text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in quote_spans(text)] == spans


def test_normalise_ignores_case_and_punctuation() -> None:
    assert normalise("We’re here, NOW!") == normalise("we're here now")
    assert merge_quotes([]) == ()


def test_an_organisation_described_as_speaker_resolves_to_its_entity() -> None:
    pytest.importorskip("spacy")
    text = (
        "The United Auto Workers union called the cuts “a betrayal of the workers who kept "
        "this plant running” on Wednesday. The United Auto Workers will meet managers."
    )
    (q,) = quotes_of(text)
    assert q.speaker == "United Auto Workers"


# ----------------------------------------------------------------------------- conventions

ASCII = '"We will reopen the bridge by spring," Mayor Alma Ortiz said on Tuesday.'


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # LDC and NYT wire: `` ... ''
        ("He said ``we will reopen it by spring'' on Tuesday.", ["we will reopen it by spring"]),
        # AP wire: '' ... '' on both sides
        ("''We will reopen it by spring,'' Ortiz said.", ["We will reopen it by spring,"]),
        # British single quotes, with apostrophes inside and after
        (
            "She said ‘it’s the council’s call’ and the Smiths’ shop shut.",
            ["it’s the council’s call"],
        ),
        # single wire quotes nested in plain text
        ("He called it `out of sight, out of mind.' Then he left.", ["out of sight, out of mind."]),
        # guillemets, German and Polish low-high quotes
        ("Il a dit «nous rouvrirons le pont» mardi.", ["nous rouvrirons le pont"]),
        ("Er sagte „wir öffnen die Brücke“ am Dienstag.", ["wir öffnen die Brücke"]),
        ("Powiedział „otworzymy most” we wtorek.", ["otworzymy most"]),
        # apostrophes alone are never quotation marks
        ("Don’t worry: it's the '90s and the Smiths' cat's fine.", []),
        ("The council's plan, the mayor's words.", []),
    ],
)
def test_quotation_conventions(text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in quote_spans(text)] == spans


@pytest.mark.parametrize(
    "text",
    [
        ASCII,
        "“We will reopen the bridge by spring,” Mayor Alma Ortiz said on Tuesday.",
        "``We will reopen the bridge by spring,'' Mayor Alma Ortiz said on Tuesday.",
        "''We will reopen the bridge by spring,'' Mayor Alma Ortiz said on Tuesday.",
        "‘We will reopen the bridge by spring,’ Mayor Alma Ortiz said on Tuesday.",
        "«We will reopen the bridge by spring», Mayor Alma Ortiz said on Tuesday.",
        "„We will reopen the bridge by spring“, Mayor Alma Ortiz said on Tuesday.",
    ],
)
def test_every_convention_gives_the_same_quote_and_speaker(text: str) -> None:
    (q,) = quotes_of(text)
    assert normalise(q.text) == normalise("We will reopen the bridge by spring")
    assert q.speaker == "Alma Ortiz" and q.cue == "said"


@pytest.mark.parametrize(
    "text",
    [
        # AP: each paragraph of a long quote opens again; only the last one closes
        "``The bridge is older than any of us.\n\n``It needs a rest, and it will get one,'' "
        "Ortiz said.",
        "''The bridge is older than any of us.\n\n''It needs a rest, and it will get one,'' "
        "Ortiz said.",
        "“The bridge is older than any of us.\n\n“It needs a rest, and it will get one,” "
        "Ortiz said.",
    ],
)
def test_a_quote_over_several_paragraphs_is_one_statement(text: str) -> None:
    (q,) = quotes_of(text)
    assert q.text.startswith("The bridge is older") and q.text.rstrip(",").endswith("get one")
    assert q.speaker == "Ortiz"


def test_wire_marks_find_what_plain_quotes_find() -> None:
    plain = (
        '"The water came up faster than anyone expected," said Alma Ortiz, the mayor. '
        '"We lost the bakery and the school."\n\n'
        'Engineers said the bridge was "not safe for lorries" until it is repaired.'
    )
    wire = plain.replace('"The', "``The").replace('"We', "``We").replace('," said', ",'' said")
    wire = (
        wire.replace('school."', "school.''")
        .replace('"not', "``not")
        .replace('lorries"', "lorries''")
    )
    assert [q.text for q in quotes_of(wire)] == [q.text for q in quotes_of(plain)]
    assert [q.speaker for q in quotes_of(wire)] == [q.speaker for q in quotes_of(plain)]


def test_wire_marks_bound_the_attribution_of_the_next_quote() -> None:
    # ``…'' marks end a speaker phrase as " does: no quote's words become a description
    split = (
        "Mayor Ann Ruiz backs the plan.\n\n``We can get this through,'' the mayor said from "
        "her home Friday, ``but I have a real concern about the cost of it all.''"
    )
    follow = (
        "Spending rose. Last year, 400 homes were built, more than double the number of 10 "
        "years ago.\n\n``It is a good time for the city,'' said Tom Vale, director of the "
        "Harbor Institute in New York. ``I think the time is right for this plan now.''"
    )
    _, second = quotes_of(split)
    assert second.speaker == "Ann Ruiz" and second.speaker_text == "the mayor"
    assert [q.speaker for q in quotes_of(follow)] == ["Tom Vale", "Tom Vale"]
