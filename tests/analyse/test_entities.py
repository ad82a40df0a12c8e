"""Entities: alias merging, type corrections, roles, counts (spaCy where installed)."""

from __future__ import annotations

import pytest

from newsbrief.analyse.entities import _Raw, alias_key, entities, merge_aliases, role_near
from newsbrief.analyse.nlp import EntitySpan


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("U.S.", "US", True),  # dots do not matter
        ("US", "the United States", True),  # an acronym joins the one name with its initials
        ("Biden", "President Joe Biden", True),  # a surname joins the one full name; titles go
        ("Greg", "Greg Myre", True),  # a first name too (transcript vocatives)
        ("Carmaker Harlow Motors", "Harlow Motors", True),  # a capitalised word in front
        ("Price", "Ned Price", True),
        ("Kabul", "Kandahar", False),
    ],
)
def test_aliases(a: str, b: str, same: bool) -> None:
    kind = "person" if a in {"Biden", "Greg", "Price"} else "place"
    raws = [_Raw(0, 0, 1, a, kind, False), _Raw(0, 2, 3, b, "person" if kind == "person" else
                                                "place", False)]  # fmt: skip
    assert (len(merge_aliases(raws)) == 1) == same


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("said State Department spokesman Ned Price on", "Ned Price", "State Department spokesman"),
        (
            "The State Department’s spokesperson, Ned Price, indicated",
            "Ned Price",
            "State Department spokesperson",
        ),
        ("Secretary of State Antony Blinken spoke", "Antony Blinken", "Secretary of State"),
        (
            "said Elena Marsh, director of the National Disaster Agency.",
            "Elena Marsh",
            "director of the National Disaster Agency",
        ),
        # a sentence end before the name is no role: "September. Chief executive X"
        (
            "in September. Chief executive Priya Nandakumar said",
            "Priya Nandakumar",
            "Chief executive",
        ),
        ("Then Priya Nandakumar left.", "Priya Nandakumar", None),
    ],
)
def test_role_near(text: str, name: str, role: str | None) -> None:
    start = text.index(name)
    assert role_near(text, start, start + len(name)) == role


def test_context_corrects_the_model_and_counts_per_report(make_locator) -> None:
    from newsbrief.models import Document

    docs, loc = make_locator(
        [
            Document(id="a", text="The Taliban captured the western city of Herat on Thursday."),
            Document(id="b", text="Herat fell. Ghazni, a strategic provincial capital, fell too."),
        ]
    )
    # The small model's errors, as seen on the seeds: Herat and Ghazni tagged ORG.
    spans = [
        (EntitySpan(0, 11, "ORG", "The Taliban"), EntitySpan(41, 46, "ORG", "Herat")),
        (EntitySpan(0, 5, "ORG", "Herat"), EntitySpan(12, 18, "ORG", "Ghazni")),
    ]
    found = {e.name: e for e in entities(docs, spans, loc)}
    assert found["Herat"].type == "place" and found["Herat"].counts == (1, 1)
    assert found["Ghazni"].type == "place"
    assert found["Taliban"].type == "organization"  # "The" dropped from the name


def test_alias_key() -> None:
    assert alias_key("The U.S.") == alias_key("US") == "us"


def test_spacy_model_on_seeds(seed_documents, make_locator) -> None:
    pytest.importorskip("spacy")
    from newsbrief.analyse.nlp import entity_spans

    docs, loc = make_locator(list(seed_documents))
    found = {e.name: e for e in entities(docs, entity_spans([d.text for d in docs]), loc)}
    assert found["Joe Biden"].type == "person" and "Biden" in found["Joe Biden"].aliases
    assert found["United States"].counts[0] > 0 and {"U.S.", "US"} <= set(
        found["United States"].aliases
    )
    assert found["Ned Price"].role and "spokes" in found["Ned Price"].role


def test_sentence_initial_word_taken_for_a_person_is_dropped(make_locator) -> None:
    from newsbrief.models import Document

    docs, loc = make_locator(
        [
            Document(
                id="a", text="Turnout was 61 percent. Voters in the capital, Eastbridge, cheered."
            )
        ]
    )
    spans = [(EntitySpan(0, 7, "PERSON", "Turnout"), EntitySpan(47, 57, "ORG", "Eastbridge"))]
    found = {e.name: e.type for e in entities(docs, spans, loc)}
    # "Turnout" is capitalised only because it opens a sentence; "the capital, X" is a place
    assert found == {"Eastbridge": "place"}


def test_only_the_ner_component_is_loaded_for_the_small_model() -> None:
    from newsbrief.analyse.nlp import _listens, load_model

    nlp = load_model("")
    # en_core_web_sm's NER embeds its own tok2vec: the shared one is not needed.
    assert nlp.pipe_names == ["ner"]
    assert not _listens(nlp.get_pipe("ner"))
    doc = nlp("State Department spokesman Ned Price spoke in Kabul on Thursday.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Ned Price", "PERSON"), ("Kabul", "GPE")}


def test_spelling_variants_and_short_forms_are_one_entity(make_locator) -> None:
    raws = [
        _Raw(0, 0, 8, "Jim Hall", "person", False),
        _Raw(0, 10, 23, "James E. Hall", "person", False),
        _Raw(0, 30, 34, "Hall", "person", False),
        _Raw(0, 40, 52, "Igor Dygalo", "person", False),
        _Raw(0, 60, 73, "Igor Dyagalo", "person", False),
        _Raw(0, 80, 88, "Atlantic", "place", False),
        _Raw(0, 90, 104, "Atlantic Ocean", "place", False),
        _Raw(0, 110, 114, "Wyo.", "place", False),
        _Raw(0, 120, 127, "Wyoming", "place", False),
        _Raw(0, 130, 143, "Judy Shepard", "person", False),
        _Raw(0, 150, 166, "Matthew Shepard", "person", False),
    ]
    groups = sorted(sorted(r.text for r in g) for g in merge_aliases(raws))
    assert ["Hall", "James E. Hall", "Jim Hall"] in groups
    assert ["Igor Dyagalo", "Igor Dygalo"] in groups
    assert ["Atlantic", "Atlantic Ocean"] in groups and ["Wyo.", "Wyoming"] in groups
    assert ["Judy Shepard"] in groups and ["Matthew Shepard"] in groups


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The vote was delayed, said Sen. Ann Lorimer of the committee.", "Ann Lorimer", "person"),
        ("The suspect, Dale Hoskins, 52, was held.", "Dale Hoskins", "person"),
        ("The shots were fired at Piedmont Center on Thursday.", "Piedmont Center", "place"),
        (
            "A spokesman for the Campaign for Nuclear Disarmament spoke.",
            "Campaign for Nuclear Disarmament",
            "organization",
        ),
        ("The firm is based in Montvale, N.J. and trades stocks.", "Montvale", "place"),
        # a lead on the dateline's line is news, not the dateline
        (
            "RIVERTON (AP) -- Mayor Dana Vick said on Monday the bridge would close.",
            "Dana Vick",
            "person",
        ),
        (
            "The vote split the board, but Ivo Marchetti, an ex-commander of the fleet, objected.",
            "Ivo Marchetti",
            "person",
        ),
        (
            "The first witness was Lena Brook, the college student who found him.",
            "Lena Brook",
            "person",
        ),
        (
            "He spoke with national security adviser Omar Petit by telephone.",
            "Omar Petit",
            "person",
        ),
        ("Sen. Rhea Dunmore of Nebraska likened the plan to a tax.", "Nebraska", "place"),
        ("Voters in Alberta and Manitoba will decide next month.", "Manitoba", "place"),
        # an honorific after a comma is no state ("Montvale, N.J." is)
        ("Pia Lorne, Ms. Ode's lawyer, said the firm knew.", "Pia Lorne", "person"),
        ("Tomas Reyes, who grew up with him, spoke at the service.", "Tomas Reyes", "person"),
        ("Last spring, Senate Majority Leader Orrin Vale, R-Utah, spoke.", "Orrin Vale", "person"),
        ("San Marco Supervisors Ana Ruiz and Lee Chen spoke.", "Ana Ruiz", "person"),
        ("The tapes name Omar bin Saleh as the planner.", "Omar bin Saleh", "person"),
        ("Fleet chief Admiral Pavel Dorin said the crew was alive.", "Pavel Dorin", "person"),
        ("Ivan Lenko, a submarine specialist at the paper, disagreed.", "Ivan Lenko", "person"),
    ],
)
def test_names_the_model_did_not_read_are_typed_by_context(text: str, name: str, kind: str) -> None:
    from newsbrief.analyse.spans import Locator
    from newsbrief.models import Document
    from newsbrief.segment import segment_documents

    docs = (Document("d", text),)
    found = entities(docs, [()], Locator.build(docs, segment_documents(docs)))
    assert (name, kind) in {(e.name, e.type) for e in found}


def _spans_of(text: str, labelled: list[tuple[str, str]]) -> tuple[EntitySpan, ...]:
    """Model spans for the first occurrence of each (surface, label), after the previous."""
    out, at = [], 0
    for surface, label in labelled:
        start = text.index(surface, at)
        out.append(EntitySpan(start, start + len(surface), label, surface))
        at = start + len(surface)
    return tuple(out)


def test_vehicles_events_and_group_words_are_not_entities(make_locator) -> None:
    from newsbrief.models import Document

    text = (
        "The salvage ship Harwell reached the wreck on Monday. Divers worked from the "
        "Harwell, a Navy vessel, near Port Allery. Norwegian divers and Senate Republican "
        "leaders praised them. Veterans of the Second Harlan War attended. Mayor Ann Tobin "
        "spoke in Port Allery. His Brennan Trophy was sold under the Velmar Convention."
    )
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(
        text,
        [
            ("Harwell", "ORG"), ("Harwell", "PERSON"), ("Port Allery", "GPE"),
            ("Norwegian", "NORP"), ("Republican", "GPE"), ("Second Harlan War", "GPE"),
            ("Ann Tobin", "PERSON"), ("Port Allery", "GPE"), ("Brennan Trophy", "PERSON"),
            ("Velmar Convention", "PERSON"),
        ],
    )  # fmt: skip
    spans_norp = (*spans, EntitySpan(0, 0, "NORP", "Republicans"))
    found = {e.name: e.type for e in entities(docs, [spans_norp], loc)}
    assert found == {"Port Allery": "place", "Ann Tobin": "person"}


def test_a_title_and_name_typed_a_place_is_not_linked_to_a_nationality(make_locator) -> None:
    from newsbrief.models import Document

    text = (
        "Deputy Premier Vasil Orkov arrived in Velmar. Velmaran Deputy Premier Vasil Orkov "
        "said divers were ready. Orkov spoke for an hour. Velmaran officials agreed."
    )
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(
        text,
        [
            ("Vasil Orkov", "PERSON"), ("Velmar", "GPE"),
            ("Velmaran Deputy Premier Vasil Orkov", "GPE"), ("Orkov", "PERSON"),
            ("Velmaran", "NORP"),
        ],
    )  # fmt: skip
    found = {e.name: e for e in entities(docs, [spans], loc)}
    person = next(e for e in found.values() if e.type == "person")
    assert "Vasil Orkov" in person.name and person.total >= 3
    assert not any("Orkov" in a for e in found.values() if e.type == "place" for a in e.aliases)


def test_a_full_name_read_as_a_person_outvotes_its_surname_read_as_a_place(make_locator) -> None:
    from newsbrief.models import Document

    text = (
        "Police charged Russell Calder on Friday. Calder was held in Calder County jail. "
        "Calder denied it. Russell Calder's lawyer said Calder would plead not guilty."
    )
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(
        text,
        [
            ("Russell Calder", "PERSON"), ("Calder", "GPE"), ("Calder", "GPE"),
            ("Russell Calder", "PERSON"), ("Calder", "GPE"),
        ],
    )  # fmt: skip
    found = {e.name: e.type for e in entities(docs, [spans], loc)}
    assert found["Russell Calder"] == "person"


def test_the_possessive_head_of_a_longer_name_is_not_a_person(make_locator) -> None:
    from newsbrief.models import Document

    text = "The plane fell off Marion's Landing at night. Searchers combed Marion's Landing."
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(text, [("Marion", "PERSON"), ("Marion's Landing", "GPE")])
    found = {e.name: e.type for e in entities(docs, [spans], loc)}
    assert "Marion" not in found and found.get("Marion's Landing") == "place"


def test_wire_services_in_packaging_positions_are_no_entities(make_locator) -> None:
    from newsbrief.models import Document

    text = (
        "The council met on Monday.\n\n"
        "RIVERTON, June 3 (Xinhua) -- The council closed the old bridge.\n\n"
        "The Associated Press reported the vote first, the mayor said."
    )
    docs, loc = make_locator([Document(id="a", text=text)])
    tag = text.index("Xinhua")
    named = text.index("Associated Press")
    spans = [
        (
            EntitySpan(tag, tag + 6, "ORG", "Xinhua"),
            EntitySpan(named - 4, named + 16, "ORG", "The Associated Press"),
        )
    ]
    found = {e.name for e in entities(docs, spans, loc)}
    # the wire tag after a dateline is packaging; the agency named in a sentence is news
    assert found == {"Associated Press"}


def test_group_words_found_by_context_and_possessives_are_not_names(make_locator) -> None:
    from newsbrief.models import Document

    text = (
        "Velmaran Deputy Premier Vasil Orkov said the crew was lost. The Velmaran said little. "
        "Velmaran ships left port. Orkov met Sen. Anton Brask's aides. Later Anton Brask's office "
        "said Orkov would stay."
    )
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(
        text,
        [
            ("Velmaran Deputy Premier Vasil Orkov", "PERSON"), ("Velmaran", "NORP"),
            ("Velmaran", "NORP"), ("Orkov", "PERSON"),
        ],
    )  # fmt: skip
    found = {e.name: e for e in entities(docs, [spans], loc)}
    # "The Velmaran said" reads like a person by context, but the model calls it a group
    assert not any(e.name == "Velmaran" for e in found.values())
    person = found["Vasil Orkov"]  # shown without its titles and the group word before them
    assert person.total == 3  # the title line and two "Orkov", never the group word
    assert "Anton Brask" in found and "Anton Brask's" not in found


def test_weak_and_split_cues_do_not_outvote_a_person(make_locator) -> None:
    from newsbrief.models import Document

    text = (
        "Orrin Vale spoke on Monday. The attacks came from Orrin Vale to the ads. "
        "Bin Saleh fled. Omar bin Saleh was named. Police sought Saleh in the hills."
    )
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(
        text,
        [("Orrin Vale", "PERSON"), ("Bin Saleh", "PERSON"), ("Omar bin Saleh", "PERSON"),
         ("Saleh", "GPE")],
    )  # fmt: skip
    found = {e.name: e for e in entities(docs, [spans], loc)}
    # "from Orrin Vale" is a weak place cue: the model's person stands
    assert found["Orrin Vale"].type == "person" and found["Orrin Vale"].total == 2
    # "Bin Saleh" and a lone "Saleh" join the one full name they end
    assert found["Omar bin Saleh"].type == "person" and found["Omar bin Saleh"].total == 3


def test_a_common_word_capitalised_only_where_items_start_is_no_name(make_locator) -> None:
    from newsbrief.models import Document

    text = (
        "8:02 a.m. -- Plane lands at Riverton.\n\n1:46 p.m. -- Plane departs.\n\n"
        "The plane carried 90 people. Marlow said the crew was ready. Its pilot was Marlow."
    )
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(
        text,
        [
            ("Plane", "ORG"),
            ("Riverton", "GPE"),
            ("Plane", "ORG"),
            ("Marlow", "PERSON"),
            ("Marlow", "PERSON"),
        ],
    )
    found = {e.name for e in entities(docs, [spans], loc)}
    # "Plane" opens list items only and is "plane" elsewhere; "Marlow" is never lower case
    assert found == {"Riverton", "Marlow"}


def test_guns_named_by_make_are_not_entities(make_locator) -> None:
    from newsbrief.models import Document

    text = (
        "He carried a 9 mm Kestrel and a Varga .45 as he walked around Eastbridge. "
        "Police said Dana Vick sold him the guns."
    )
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(
        text,
        [("Kestrel", "PERSON"), ("Varga", "ORG"), ("Eastbridge", "GPE"), ("Dana Vick", "PERSON")],
    )
    found = {e.name for e in entities(docs, [spans], loc)}
    assert found == {"Eastbridge", "Dana Vick"}


def test_a_place_is_not_taken_for_a_short_first_name(make_locator) -> None:
    from newsbrief.models import Document

    text = (
        "Police in Riverton arrested two men. The victim, a Rivertonian of Velmar descent, died. "
        "Riverton police said the men were held. Matt told reporters he saw it, and "
        "Matthew Brandt said he called the police."
    )
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(
        text,
        [("Riverton", "GPE"), ("Rivertonian of Velmar", "PERSON"), ("Riverton", "GPE"),
         ("Matt", "PERSON"), ("Matthew Brandt", "PERSON")],
    )  # fmt: skip
    found = {e.name: e for e in entities(docs, [spans], loc)}
    # the place keeps its own entity; the short first name still joins its full name
    assert found["Riverton"].type == "place" and found["Riverton"].total == 2
    assert found["Matthew Brandt"].total == 2


def test_an_entity_is_named_in_normal_case_when_the_reports_write_it_so(make_locator) -> None:
    from newsbrief.models import Document

    text = "Crowds gathered in RIVERTON on Monday. Police in Riverton made arrests."
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(text, [("RIVERTON", "GPE"), ("Riverton", "GPE")])
    (found,) = entities(docs, [spans], loc)
    assert found.name == "Riverton" and found.total == 2


def test_a_town_the_model_reads_as_a_company_is_a_place_after_a_locative(make_locator) -> None:
    from newsbrief.models import Document

    text = (
        "The family moved to nearby Dunmore last year. He bought the rifle in Cedar Falls. "
        "The Dunmore apartment was searched. A clerk in Harlan Savings Bank said little. "
        "He was tried in Baxter County Court on Monday."
    )
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(
        text,
        [("Dunmore", "ORG"), ("Cedar Falls", "ORG"), ("Dunmore", "ORG"),
         ("Harlan Savings Bank", "ORG"), ("Baxter County Court", "ORG")],
    )  # fmt: skip
    found = {e.name: e.type for e in entities(docs, [spans], loc)}
    assert found["Dunmore"] == "place" and found["Cedar Falls"] == "place"
    # a name with an organisation's head word stays one, locative or not
    assert found["Harlan Savings Bank"] == "organization"
    assert found["Baxter County Court"] == "organization"


def test_a_shared_surname_alone_is_the_person_named_far_most_often(make_locator) -> None:
    from newsbrief.models import Document

    main = (
        "Police said Karl Denholm shot four people. Karl Denholm had debts. Relatives of "
        "Karl Denholm spoke. Karl Denholm left a note. His wife, Ruth Denholm, was found. "
        "Denholm had moved in May."
    )
    even = (
        "Ann Pryce and Tom Pryce ran the shop. Ann Pryce spoke first, then Tom Pryce. "
        "Pryce said it was closed."
    )
    docs, loc = make_locator([Document(id="a", text=main), Document(id="b", text=even)])
    spans = [
        _spans_of(main, [("Karl Denholm", "PERSON")] * 4
                  + [("Ruth Denholm", "PERSON"), ("Denholm", "PERSON")]),
        _spans_of(even, [("Ann Pryce", "PERSON"), ("Tom Pryce", "PERSON"), ("Ann Pryce", "PERSON"),
                         ("Tom Pryce", "PERSON"), ("Pryce", "PERSON")]),
    ]  # fmt: skip
    found = {e.name: e for e in entities(docs, spans, loc)}
    assert found["Karl Denholm"].total == 5 and found["Ruth Denholm"].total == 1
    # two people named as often: the bare surname stays apart
    assert found["Ann Pryce"].total == 2 and found["Tom Pryce"].total == 2


def test_an_organisation_named_by_the_noun_next_to_it(make_locator) -> None:
    from newsbrief.models import Document

    text = (
        "Radiation was low, according to the Norwegian environmental group Velsund, which "
        "monitors the fleet. Harlow Tarrant, the Chicago firm that manages the tower, said "
        "little. Kelso Brand, a company spokesman, declined to comment."
    )
    docs, loc = make_locator([Document(id="a", text=text)])
    spans = _spans_of(
        text, [("Velsund", "GPE"), ("Harlow Tarrant", "PERSON"), ("Kelso Brand", "PERSON")]
    )
    found = {e.name: e.type for e in entities(docs, [spans], loc)}
    assert found["Velsund"] == "organization" and found["Harlow Tarrant"] == "organization"
    assert found["Kelso Brand"] == "person"  # "a company spokesman": the noun ends no phrase
