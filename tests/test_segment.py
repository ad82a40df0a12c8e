"""Sentence segmentation: offsets, abbreviations, paragraphs, datelines, chatter."""

from __future__ import annotations

import pytest

from newsbrief.models import Document
from newsbrief.segment import is_chatter, segment_document, segment_documents

TRAP = (
    "Troops left the U.S. Then they landed in Kabul. Mr. Price spoke at 9 a.m. on Jan. 6 "
    'about Resolution No. 2 in detail. "We are staying," he said. "Nothing changes."\n\n'
    "A new paragraph starts here."
)


def test_trap_text_splits_where_a_reader_would() -> None:
    texts = [s.text for s in segment_document(Document("d", TRAP))]
    assert texts == [
        "Troops left the U.S.",
        "Then they landed in Kabul.",
        "Mr. Price spoke at 9 a.m. on Jan. 6 about Resolution No. 2 in detail.",
        '"We are staying," he said.',
        '"Nothing changes."',
        "A new paragraph starts here.",
    ]


def test_offsets_point_into_the_document_text(seed_documents) -> None:
    for s in segment_documents(seed_documents):
        assert seed_documents[s.doc_index].text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text


def test_sentence_ids_are_sequential_per_document(seed_documents) -> None:
    sentences = segment_documents(seed_documents)
    for i, doc in enumerate(seed_documents):
        own = [s.index for s in sentences if s.doc_index == i]
        assert own == list(range(len(own)))
        assert {s.doc_id for s in sentences if s.doc_index == i} == {doc.id}


def test_paragraph_numbers_follow_blank_lines() -> None:
    sentences = list(segment_document(Document("d", "One here. Two here.\n\nThree here.")))
    assert [s.paragraph for s in sentences] == [0, 0, 1]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "PINE RIDGE, S.D. (AP) -- President Clinton turned to the poorest citizens today.",
            "President Clinton",
        ),
        ("WASHINGTON (AP) _ The Senate voted on the bill after a long debate today.", "The Senate"),
        ("WASHINGTON -- The Senate voted on the bill after a long debate today.", "The Senate"),
        # the state or country after the place may be in normal case
        ("AUSTIN, Texas _ The Senate voted on the bill after a long debate today.", "The Senate"),
        ("(UNDATED) _ The Senate voted on the bill after a long debate today.", "The Senate"),
        # An ordinary opening is left alone.
        ("Officials -- some of them senior -- voted on the bill after a long debate.", "Officials"),
        ("Mr. Smith -- a senator -- voted on the bill after a long debate today.", "Mr. Smith"),
        ("The mayor, Ms. Ortiz - who won in May - voted on the bill after a debate.", "The mayor"),
    ],
)
def test_wire_dateline_is_left_out_of_the_first_sentence(text: str, first: str) -> None:
    sentence = next(segment_document(Document("d", text)))
    assert sentence.text.startswith(first)
    assert text[sentence.start : sentence.end] == sentence.text


def test_transcript_turns_are_split_on_double_spaces() -> None:
    doc = Document(
        "t", "Is this a turnaround?  Yeah Audie it really is.  The troops left.", kind="transcript"
    )
    assert [s.text for s in segment_document(doc)] == [
        "Is this a turnaround?",
        "Yeah Audie it really is.",
        "The troops left.",
    ]


def test_transcript_speaker_labels_are_left_out_of_sentences() -> None:
    text = "HOST: Good evening. The vote passed today.\nJOHN KIRBY (PENTAGON): We are leaving now."
    doc = Document("t", text, kind="transcript")
    sentences = list(segment_document(doc))
    assert [s.text for s in sentences] == [
        "Good evening.",
        "The vote passed today.",
        "We are leaving now.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("text", "transcript", "chatter"),
    [
        ("Thank you.", True, True),  # sign-off
        ("My pleasure.", True, True),  # guest's reply
        ("Yeah Audie it really is.", True, True),  # vocative opening a turn
        ("Greg I want to start with the U.S. withdrawal.", True, True),  # host addressing guest
        ("Joining us now is NPR national security correspondent Greg Myre.", True, True),
        ("That is NPR's Greg Myre.", True, True),  # sign-off naming the reporter
        ("Let us hear what he said here.", True, True),  # cue before a clip
        ("So is this a major turnaround?", True, True),  # host question
        ("And what more can you tell us about the Taliban?", True, True),
        ("The military plans to keep about 650 troops at the embassy.", True, False),
        (
            "The president has ordered the reduction of civilian personnel at our embassy.",
            True,
            False,
        ),  # a newsmaker's "our" is not host talk
        ("This is a condensed version of the information.", False, True),  # boilerplate
        ("Thank you, the minister told reporters after the vote on Tuesday.", False, False),
        ('"You will see," Price said of the plan.', False, False),  # quoted "you" in an article
    ],
)
def test_chatter(text: str, transcript: bool, chatter: bool) -> None:
    assert is_chatter(text, transcript) is chatter


def test_seed_transcript_small_talk_is_flagged(seed_documents) -> None:
    flagged = {s.text for s in segment_documents(seed_documents) if s.is_chatter}
    for line in (
        "Thank you.",
        "My pleasure.",
        "Yeah Audie it really is.",
        "That is NPR's Greg Myre.",
    ):
        assert line in flagged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation of three sentences stays one statement with its attribution
        (
            "“This is not abandonment. This is not an evacuation. This is not a withdrawal,” "
            "Price said. Officials agreed.",
            [
                "“This is not abandonment. This is not an evacuation. This is not a "
                "withdrawal,” Price said.",
                "Officials agreed.",
            ],
        ),
        # straight quotes, balanced in each sentence: split as usual
        ('"We stay," he said. "Nothing changes."', ['"We stay," he said.', '"Nothing changes."']),
        # an unclosed quote (multi-paragraph quotation) joins at most four sentences
        (
            "“One here. Two here. Three here. Four here. Five here.",
            ["“One here. Two here. Three here. Four here.", "Five here."],
        ),
    ],
)
def test_quotations_are_not_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment_document(Document("d", text))] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a quotation split by the sentence splitter stays one statement, whatever its marks
        '"This is not a closure. This is a repair," the mayor said.',
        "“This is not a closure. This is a repair,” the mayor said.",
        "``This is not a closure. This is a repair,'' the mayor said.",
        "''This is not a closure. This is a repair,'' the mayor said.",
        "«This is not a closure. This is a repair», the mayor said.",
    ],
)
def test_a_split_quotation_stays_one_sentence(text: str) -> None:
    (s,) = segment_document(Document("d", text))
    assert s.text == text and s.is_quote


def test_a_quote_left_open_at_a_paragraph_end_does_not_swallow_the_next() -> None:
    # AP convention: the paragraph ends open, the next re-opens; each paragraph is its own block
    text = "``The bridge is old. It needs rest.\n\n``We will fix it,'' Ortiz said.\n\nLorries wait."
    texts = [s.text for s in segment_document(Document("d", text))]
    assert texts[-1] == "Lorries wait."
    assert "``We will fix it,'' Ortiz said." in texts


def test_apostrophes_do_not_open_quotes() -> None:
    text = "The council's plan is the mayor's. It's due in the '90s style. Work starts soon."
    assert len(list(segment_document(Document("d", text)))) == 3
