"""Reading numbers as reports write them: "3,000", "3000", "three thousand", "two-thirds"."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip
# "thousands of", "tens of thousands of": vague amounts with a lower bound.
VAGUE_AMOUNTS = {
    "dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2_000.0,
    "tens of thousands": 20_000.0, "hundreds of thousands": 200_000.0, "millions": 2_000_000.0,
    "tens of millions": 20_000_000.0, "billions": 2_000_000_000.0,
}  # fmt: skip

DIGITS = re.compile(r"^\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?%?$")


def parse_digits(token: str) -> float | None:
    """``"3,000"`` -> 3000.0; ``"$1.5"`` -> 1.5; not a number -> ``None``."""
    m = DIGITS.match(token)
    if not m:
        return None
    return float(m.group(1).replace(",", "") + (m.group(2) or ""))


def parse_words(words: list[str]) -> tuple[float, int] | None:
    """The number spelled by the leading ``words`` and how many words it uses.

    ``["three", "thousand", "troops"]`` -> ``(3000.0, 2)``; hyphens split first
    ("twenty-five"). ``None`` when the first word is not a number word.
    """
    total, current, i = 0.0, 0.0, 0
    while i < len(words):
        low = words[i].lower()
        if _is_unit_word(low):
            current += sum(UNITS[p] for p in low.split("-"))
        elif low in SCALES and i:
            current = max(current, 1.0) * SCALES[low]
            if SCALES[low] >= 1000:
                total, current = total + current, 0.0
        elif not (low == "and" and i and i + 1 < len(words) and _is_unit_word(words[i + 1])):
            break  # "two hundred and fifty" goes on; anything else ends the number
        i += 1
    return (total + current, i) if i else None


def _is_unit_word(word: str) -> bool:
    return all(p in UNITS for p in word.lower().split("-"))


def parse_fraction(word: str) -> float | None:
    """``"two-thirds"`` -> 0.667, ``"half"`` -> 0.5, ``"one-quarter"`` -> 0.25."""
    low = word.lower()
    if low == "half":
        return 0.5
    parts = low.split("-")
    if len(parts) == 2 and parts[0] in UNITS and parts[1] in DENOMINATORS:
        return round(UNITS[parts[0]] / DENOMINATORS[parts[1]], 3)
    return None


def display(value: float) -> str:
    """``3000.0`` -> ``"3000"``, ``0.6667`` -> ``"0.667"``."""
    if value == int(value):
        return str(int(value))
    return f"{value:.3f}".rstrip("0").rstrip(".")


# Units a figure may carry, as reports write them.
PERCENT_WORDS = {"percent", "per cent", "%"}
MONEY_WORDS = {"dollars": "dollar", "euros": "euro", "pounds": "pound", "yuan": "yuan"}
# Lengths and their size in metres: "245 feet of water" and "80 meter deep" compare.
LENGTH_METRES = {"foot": 0.3048, "meter": 1.0, "mile": 1609.344, "km": 1000.0, "yard": 0.9144}
LENGTH_WORDS = {
    "feet": "foot", "foot": "foot", "ft": "foot", "meters": "meter", "meter": "meter",
    "metres": "meter", "metre": "meter", "miles": "mile", "mile": "mile", "kilometers": "km",
    "kilometres": "km", "kilometer": "km", "kilometre": "km", "km": "km", "yards": "yard",
    "yard": "yard",
}  # fmt: skip
# Words that name a unit, not what a figure is about ("pounds", "dollars", "percent").
UNIT_WORDS = (
    frozenset(MONEY_WORDS) | frozenset(MONEY_WORDS.values()) | frozenset(LENGTH_WORDS) | {"percent"}
)
