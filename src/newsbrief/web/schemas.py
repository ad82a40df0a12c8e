"""Response models of the JSON API (they document it in the OpenAPI schema)."""

from __future__ import annotations

from pydantic import BaseModel


class ErrorDetail(BaseModel):
    """What failed: the HTTP status and a sentence saying why."""

    status: int
    message: str


class ErrorResponse(BaseModel):
    """The one error shape of every API error."""

    error: ErrorDetail


class StorySummary(BaseModel):
    """One story in a list."""

    id: int
    headline: str
    first_date: str | None
    last_date: str | None
    n_reports: int
    n_sources: int
    version: int
    created_at: str | None = None
    updated_at: str
    outlets: list[str] = []
    summary: str | None = None  # first sentence of the latest briefing


class StoryList(BaseModel):
    """A page of stories and how many match in all."""

    stories: list[StorySummary]
    total: int
    limit: int
    offset: int


class Health(BaseModel):
    """The server is up and reads the store."""

    status: str
    reports: int
    stories: int
