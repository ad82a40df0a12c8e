"""The fetcher's parts that need no server: host turns, Retry-After, URL checks, charsets."""

from __future__ import annotations

import pytest

from newsbrief.errors import InputError
from newsbrief.watch import HostGate, Response, check_url
from newsbrief.watch.http import MAX_RETRY_AFTER, _retry_after


class FakeClock:
    """A clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_host_gate_waits_the_interval_between_requests_to_one_host() -> None:
    clock = FakeClock()
    gate = HostGate(2.0, clock=clock, sleep=clock.sleep)
    with gate.turn("a.example"):
        clock.now += 0.5  # the request took half a second
    with gate.turn("b.example"):  # another host: no wait
        pass
    with gate.turn("a.example"):
        pass
    assert clock.slept == [2.0]


def test_host_gate_no_wait_once_the_interval_has_passed() -> None:
    clock = FakeClock()
    gate = HostGate(1.0, clock=clock, sleep=clock.sleep)
    with gate.turn("a.example"):
        pass
    clock.now += 5
    with gate.turn("a.example"):
        pass
    assert clock.slept == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),  # absent
        ("7", 7.0),  # seconds
        ("100000", MAX_RETRY_AFTER),  # capped
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date in the past: retry now
        ("soon", None),  # unreadable: the usual backoff
    ],
)
def test_retry_after(value: str | None, expected: float | None) -> None:
    assert _retry_after(value) == expected


@pytest.mark.parametrize(
    "url",
    ["ftp://example.org/feed", "file:///etc/passwd", "example.org/feed", "http://", "  "],
)
def test_check_url_refuses_what_is_not_http(url: str) -> None:
    with pytest.raises(InputError, match="not an http"):
        check_url(url)


def test_check_url_strips() -> None:
    assert check_url("  https://example.org/rss \n") == "https://example.org/rss"


@pytest.mark.parametrize(
    ("content_type", "body", "text"),
    [
        ("text/html; charset=iso-8859-1", "café".encode("latin-1"), "café"),  # named charset
        ("text/html", "café".encode(), "café"),  # none named: UTF-8
        ("text/html; charset=no-such-codec", "café".encode(), "café"),  # unknown: UTF-8
    ],
)
def test_response_text_charset(content_type: str, body: bytes, text: str) -> None:
    answer = Response(url="http://x/", status=200, body=body, content_type=content_type)
    assert answer.text() == text
