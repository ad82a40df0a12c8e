"""Speakers of unfamiliar attribution shapes, figures' measures, and corroboration checks."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbrief.analyse.outcomes import outcome, scope_of
from newsbrief.cite import fact_signature, same_fact
from newsbrief.models import Document

from .real_gold import convert_event, sha
from .test_quotes import quotes_of


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # verb first, then a relative clause about the speaker
        ('"The road was closed for hours," said Tomas Ortiz, who was hurt.', "Tomas Ortiz"),
        # name and appositive role before the verb
        (
            '"We will vote against the bill," Anna Weiss, a deputy from the party, told reporters.',
            "Anna Weiss",
        ),
        # role with an organisation after the name: the person, not the organisation
        (
            '"The tape has data on it," Carl Brandt, chairman of the Safety Board, said.',
            "Carl Brandt",
        ),
        # unnamed speakers stay unnamed
        ('"Prices went up again this week," one shopper said.', None),
        ('"He was a quiet man who kept to himself," said a relative.', None),
    ],
)
def test_speaker_shapes(text: str, speaker: str | None) -> None:
    (q,) = quotes_of(text)
    assert q.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # name, then an appositive that is an organisation and a role: the person
        (
            '"We will file the papers this week," Robert Kane, Norland Motors co-chairman, '
            "said at a news conference.",
            "Robert Kane",
        ),
        # verb first, roles with names as modifiers before the speaker's name
        ('"The plan was ready for a vote," said Harmon spokesman Mike Dunn.', "Mike Dunn"),
        (
            '"Nobody asked us about the doors," said task force member and Elm High student '
            "Sergio Vela.",
            "Sergio Vela",
        ),
        # an organisation's possessive in front of the name
        ('"The software is not a cure," said Norland Systems\' Ana Stone.', "Ana Stone"),
        ('"The software is not a cure," Norland Systems\' Ana Stone said.', "Ana Stone"),
        # clerical and military titles are not part of the name
        (
            '"We are not going anywhere," said the Rev. Amos Turner, pastor of the church.',
            "Amos Turner",
        ),
        ('"The crew is still inside," Brig. Gen. Igor Belov said.', "Igor Belov"),
        # a place appositive inside an unnamed description is not the speaker
        ('"I can hold a pencil again," the Eastlake, Ohio, resident said.', None),
        ('"It happened so fast," a Laramie, Wyo., police officer said.', None),
        # a place after the head noun of an unnamed description
        ('The source in Cyprus said the two men "were not working for any government."', None),
        # the subject of the first of two coordinated verbs
        (
            'Tom Vela praised Norland Motors, but said "states should not wait for anyone."',
            "Tom Vela",
        ),
        (
            'President Lin Hart called the flood "a test for all of us" and noted "we have '
            'lost too many homes this year."',
            "Lin Hart",
        ),
        # a news agency relays words a named person told reporters
        (
            'Deputy Prime Minister Ilya Vantov told reporters that the crew "could not have '
            'survived the blast," the Itar-Tass news agency reported.',
            "Ilya Vantov",
        ),
        # "quoted X as saying": X speaks, not the agency
        (
            'Interfax quoted navy spokesman Igor Dygalo as saying "the crew is still alive '
            'and tapping."',
            "Igor Dygalo",
        ),
        (
            '"The rescue will take several days," the Xinhua News Agency quoted Gao Feng, a '
            "spokesman for the ministry, as saying.",
            "Gao Feng",
        ),
        # a partial quote inside a sentence whose attribution ends it
        (
            'The loans were "a risk no bank would take alone" because they went to groups '
            "in poor areas, said Mary Rovira, who helped start the fund.",
            "Mary Rovira",
        ),
        (
            'Bush made promises he "has no way to pay for" because of his tax plan, said '
            'spokesman Doug Hattaway. "This is more of the same old thing."',
            "Doug Hattaway",
        ),
        # the agency itself is the speaker when it names nobody else
        (
            '"The situation in the area remains tense," the Xinhua News Agency reported.',
            "Xinhua News Agency",
        ),
    ],
)
def test_wire_attribution_shapes(text: str, speaker: str | None) -> None:
    said = [q.speaker for q in quotes_of(text)]
    assert said[-1:] == [speaker]


def test_an_object_pronoun_before_saying_names_the_person_meant() -> None:
    text = (
        "Police said Mark Olden killed nine people before he shot himself. Chief Ann Ruiz "
        'said witnesses recalled him saying "it is a bad day, and it is going to get worse."'
    )
    (q,) = quotes_of(text)
    assert q.speaker == "Mark Olden"


def test_a_nationality_is_nobody_a_pronoun_could_mean() -> None:
    pytest.importorskip("spacy")
    text = (
        "The official North Korean news agency issued a statement. U.S. officials were "
        'worried. "We have long thought that such a weapon gives prestige," he said.'
    )
    (q,) = quotes_of(text)
    assert q.speaker is None


def test_a_short_quote_still_names_the_speaker_of_the_next_part() -> None:
    text = (
        "Ralph Cushman, 63, hurt his knees in 1990. Doctors told him to rest. "
        '"It was awful," he recalled. "Suddenly I could not walk to the barn anymore."'
    )
    (q,) = quotes_of(text)
    assert q.speaker == "Ralph Cushman"


def test_pronoun_names_the_subject_not_the_object() -> None:
    text = (
        "Another neighbour, Lena Voss, said Brandt went to church every week. "
        '"He looked odd to me," she said.'
    )
    (q,) = quotes_of(text)
    assert q.speaker == "Lena Voss"


def test_a_new_attribution_is_not_overridden_by_the_previous_speaker() -> None:
    text = (
        '"We did everything we could," Mayor Ines Roth said.\n\n'
        '"The water came too fast," the group said in a statement.'
    )
    first, second = quotes_of(text)
    assert first.speaker == "Ines Roth" and second.speaker is None
    assert second.speaker_text == "the group"


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.mark.parametrize(
    ("text", "words", "event"),
    [
        ("The blast killed 12 people and wounded 40 others.", "12 people", "killed"),
        ("The blast killed 12 people and wounded 40 others.", "40 others", "injured"),
        ("At least 62 were hurt in the collapse.", "62", "injured"),
        ("The ship sank with 118 sailors aboard.", "118 sailors", "aboard"),
        ("The submarine carries 107 personnel.", "107 personnel", "aboard"),
        ("The firm will cut 1,200 jobs.", "1,200 jobs", "cut"),
        ("The town has 3,000 residents.", "3,000 residents", ""),
        # a name right before the figure is not what happened to it
        ("He told Smith 40 times to stop.", "40 times", ""),
        # words reports vary for one outcome
        ("The strike forced the firm to close 26 plants.", "26 plants", "closed"),
        ("The walkout is idling 200,000 workers.", "200,000 workers", "cut"),
        ("Land mines kill and maim some 25,000 people each year.", "some 25,000 people", "killed"),
        ("It killed three and sickened 15 other people.", "15 other people", "sickened"),
        # a passive with "by", a perfect after the noun; an adverb or a compound is no verb
        ("The pact has been signed by 127 nations.", "127 nations", "signed"),
        ("So far 25 countries have ratified it.", "25 countries", "ratified"),
        ("He won a stronger-than-expected 29 percent.", "29 percent", "won"),
        ("Zyuganov had a stronger-than-expected 29 percent.", "29 percent", ""),
        # a condition is not what happened
        ("The pact must be ratified by 40 countries.", "40 countries", ""),
    ],
)
def test_what_happened_to_what_is_counted(text: str, words: str, event: str) -> None:
    assert outcome(text, *_at(text, words)) == event


def test_a_place_limits_a_figure() -> None:
    text = "The Tanzanian embassy bombing killed 10 people."
    assert scope_of(text, *_at(text, "10 people")) == "tanza"
    text = "The bomb went off, killing 247 people."
    assert scope_of(text, *_at(text, "247 people")) == ""
    # a nationality of who tells is no place: "a Norwegian report said"
    text = "A Norwegian report said the submarine was some 450 feet down."
    assert scope_of(text, *_at(text, "some 450 feet")) == ""


def test_a_crew_without_a_verb_is_counted_as_aboard() -> None:
    from newsbrief.pipeline import brief

    a = Document("a", "The submarine and its 118-man crew sank in the sea.", dt.date(2000, 8, 14))
    b = Document("b", "The submarine sank with 118 sailors aboard.", dt.date(2000, 8, 15))
    analysis = brief([a, b]).analysis
    assert analysis is not None
    labels = {m.label for m in analysis.figures if any(f.normalised == "118" for f in m.figures)}
    assert labels and all(label.endswith("aboard") for label in labels)


def test_no_divergence_between_a_part_and_a_total() -> None:
    from newsbrief.pipeline import brief

    a = Document("a", "The bombing in Dar killed 10 people on Friday.", dt.date(1998, 8, 8))
    b = Document("b", "The bombings killed 247 people on Friday.", dt.date(1998, 8, 9))
    analysis = brief([a, b]).analysis
    assert analysis is not None and analysis.divergences == ()


def test_a_later_toll_revises_an_earlier_one() -> None:
    from newsbrief.pipeline import brief

    a = Document("a", "The quake killed 107 people in the valley.", dt.date(2000, 8, 14))
    b = Document("b", "The quake killed 118 people in the valley.", dt.date(2000, 8, 17))
    analysis = brief([a, b]).analysis
    assert analysis is not None
    (d,) = analysis.divergences
    assert d.kind == "update" and [v.value for v in d.values] == ["107", "118"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("The crash killed all 223 people.", "All 217 people aboard were killed.", False),
        ("The ship carried nuclear weapons.", "The ship was not carrying nuclear weapons.", False),
        (
            "Officials told Hall the tape was damaged.",
            "Officials told Clark the tape was damaged.",
            False,
        ),
        ("All 217 people aboard were killed.", "The crash killed all 217 people.", True),
        (
            "The plane left the gate with 217 people aboard.",
            "All 217 people aboard were killed.",
            False,
        ),
        (
            "The recorder was recovered from EgyptAir Flight 990.",
            "EgyptAir Flight 990 left New York.",
            False,
        ),
    ],
)
def test_corroboration_needs_the_same_numbers_negation_and_names(
    a: str, b: str, same: bool
) -> None:
    assert same_fact(fact_signature(a), fact_signature(b)) is same


def test_gold_conversion_keeps_offsets_and_hashes_not_text() -> None:
    text = 'Officials said 217 people died. "We do not know yet what caused it," Hall said.'
    source = {
        "set": "D0617",
        "reports": {"d1": {"date": "1999-10-31", "outlet": "APW"}},
        "quotes": [{"doc": "d1", "text": "We do not know yet", "speaker": "Jim Hall"}],
        "figures": [{"doc": "d1", "text": "217 people", "value": "217", "counts": "person"}],
        "dates": [],
        "facts": [{"fact": "all died", "statements": [{"doc": "d1", "text": "217 people died"}]}],
    }
    gold = convert_event(source, {"d1": text}, "test")
    (q,) = gold["quotes"]
    assert text[q["start"] : q["end"]] == "We do not know yet" and q["speaker"] == "Jim Hall"
    assert q["sha256"] == sha("We do not know yet") and "text" not in q
    assert gold["reports"]["d1"]["sha256"] == sha(text) and gold["split"] == "dev"
    with pytest.raises(ValueError, match="not found"):
        convert_event(
            {**source, "figures": [{"doc": "d1", "text": "218 people"}]}, {"d1": text}, "t"
        )


def test_a_clause_leaning_on_the_one_before_is_not_a_claim(make_locator) -> None:
    from newsbrief.analyse.claims import find_claims

    _docs, loc = make_locator(
        "Some of the passengers were burned beyond recognition; others were ripped to bits "
        "by the force of the blast."
    )
    (claim,) = find_claims(loc.sentences, loc)
    assert claim.text.startswith("Some of the passengers") and claim.text.endswith("blast.")


def test_sections_are_capped_with_a_count_and_json_keeps_all() -> None:
    import json

    from newsbrief.config import Settings
    from newsbrief.pipeline import brief
    from newsbrief.render import render_json, render_markdown
    from newsbrief.render.html import render_html

    towns = ["Arlen", "Berwick", "Corvan", "Dunmore", "Elster", "Farrow"]
    docs = [
        Document(
            f"d{i}",
            " ".join(
                f"The storm killed {3 + k} people in {t} on Monday." for k, t in enumerate(towns)
            ),
            dt.date(2024, 5, 6 + i),
        )
        for i in range(2)
    ]
    b = brief(docs)
    assert b.analysis is not None and len(b.analysis.figures) > 2
    capped = Settings(max_figures=2)
    md = render_markdown(b, capped)
    left = len(b.analysis.figures) - 2
    assert f"*… and {left} more measures (all in the JSON output)*" in md
    page = render_html(b, capped)
    assert f'<details class="more"><summary>{left} more measures</summary>' in page
    assert len(json.loads(render_json(b))["analysis"]["figures"]) == len(b.analysis.figures)
    assert "more measures" not in render_markdown(b, Settings(max_figures=0))


def _divergences(*reports: tuple[str, dt.date]) -> tuple[object, ...]:
    from newsbrief.pipeline import brief

    docs = [Document(f"d{k}", text, day) for k, (text, day) in enumerate(reports)]
    analysis = brief(docs).analysis
    assert analysis is not None
    return analysis.divergences


def test_a_rough_bound_then_a_close_figure_is_no_divergence() -> None:
    day1, day2 = dt.date(2000, 8, 14), dt.date(2000, 8, 15)
    assert (
        _divergences(
            ("Rescuers tried to reach more than 100 sailors trapped in the submarine.", day1),
            ("Rescuers tried to reach 116 sailors trapped in the submarine.", day2),
        )
        == ()
    )


def test_a_total_is_not_compared_with_a_part() -> None:
    day1, day2 = dt.date(1998, 8, 12), dt.date(1998, 8, 13)
    assert (
        _divergences(
            ("The bombing in Nairobi killed 213 people on Friday.", day1),
            ("The twin bombings in Nairobi and Dar es Salaam killed 224 people on Friday.", day2),
        )
        == ()
    )


def test_ages_of_different_people_do_not_diverge() -> None:
    day1, day2 = dt.date(1999, 7, 18), dt.date(1999, 7, 19)
    assert (
        _divergences(
            ("The plane carried John Kennedy, 38, and others.", day1),
            ("The plane carried Carolyn Bessette Kennedy, 33, and others.", day2),
        )
        == ()
    )


def test_a_rounded_share_is_no_divergence() -> None:
    from newsbrief.pipeline import brief

    a = Document(
        "a",
        "Only 2.3 percent of the city's police officers come from minorities.",
        dt.date(1999, 2, 21),
    )
    b = Document(
        "b",
        "Only 2 percent of the city's police officers come from minorities.",
        dt.date(1999, 2, 24),
    )
    c = Document(
        "c",
        "Only 3 percent of the city's police officers come from minorities.",
        dt.date(1999, 2, 26),
    )
    rounded = brief([a, b]).analysis
    assert rounded is not None and rounded.divergences == ()
    other = brief([b, c]).analysis  # two whole numbers never agree
    assert other is not None and len(other.divergences) == 1


def test_sums_in_the_same_currency_share_no_context_by_their_units() -> None:
    from newsbrief.pipeline import brief

    a = Document(
        "a",
        "The police offered the parents 50,000 pounds (78,000 U.S. dollars) each.",
        dt.date(1999, 4, 22),
    )
    b = Document(
        "b",
        "The prize will pay about 10,000 pounds (14,500 U.S. dollars) a year to a student.",
        dt.date(2000, 9, 7),
    )
    analysis = brief([a, b]).analysis
    assert analysis is not None and analysis.divergences == ()
