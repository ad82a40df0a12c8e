"""The web app: story list, story and report pages, and the JSON API over the same views.

Every request opens its own read-only connection to the store (SQLite in WAL
mode lets any number of readers run beside the one writer, ``newsbrief
ingest``), so the server holds under concurrent load and can never write.
Errors have one JSON shape under ``/api`` (``{"error": {"status", "message"}}``)
and an HTML page elsewhere.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsbrief import __version__
from newsbrief.config import Settings
from newsbrief.errors import NewsbriefError, StoreError
from newsbrief.render.html import environment
from newsbrief.render.sections import briefing_view
from newsbrief.store import Store
from newsbrief.web import downloads, feeds, fragments, live, search, views, writes
from newsbrief.web.schemas import ErrorResponse, Health, StoryList
from newsbrief.web.security import GuardMiddleware, error_body

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
PAGE_SIZE = 25
MAX_ID = 2**63 - 1  # SQLite's largest integer: ids and offsets beyond it match nothing
STORE_UNAVAILABLE = "the story store is not available (see the server log)"
RowId = Annotated[int, PathParam(ge=-MAX_ID, le=MAX_ID)]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Bad request"},
    404: {"model": ErrorResponse, "description": "Not found"},
}


def create_app(
    db_path: str,
    *,
    settings: Settings | None = None,
    max_body: int = 64 * 1024,
    allowed_hosts: Collection[str] | None = None,
    write_token: str | None = None,
) -> Any:
    """The ASGI app serving the store at ``db_path`` (wrapped in the request guard).

    ``allowed_hosts`` lists the ``Host`` names it answers (None: any); ``write_token``, when
    set, is required by the routes that change data (feeds).
    """
    app = FastAPI(
        title="newsbrief",
        version=__version__,
        description="Stories grouped from news reports, each with a cited briefing.",
        docs_url=None,  # the Swagger page loads scripts from a CDN: not under our CSP
        redoc_url=None,
    )
    app.state.db_path = db_path
    app.state.settings = settings or Settings()
    app.state.write_token = write_token
    app.state.csrf_token = writes.new_secret()
    # the web pages' own templates, then the briefing templates --format html renders too
    app.state.templates = environment([HERE / "templates"])
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _handlers(app)
    _api_routes(app)
    _page_routes(app)
    feeds.register(app)
    search.register(app)
    live.register(app)
    downloads.register(app)
    fragments.register(app)
    return GuardMiddleware(app, max_body=max_body, allowed_hosts=allowed_hosts)


def get_store(request: Request) -> Iterator[Store]:
    """A read-only store connection for this request only."""
    store = Store.open(request.app.state.db_path, readonly=True, any_thread=True)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str) -> Response:
    if _is_api(request):
        return Response(error_body(status, message), status, media_type="application/json")
    html = request.app.state.templates.get_template("error.html").render(
        status=status, message=message
    )
    return HTMLResponse(html, status)


def _without_path(message: str, db_path: str) -> str:
    """An error message with the store's location taken out (clients need not know it)."""
    for form in sorted({db_path, str(Path(db_path).resolve())}, key=len, reverse=True):
        message = message.replace(f"{form}: ", "").replace(form, "the store")
    return message


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        return _error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return _error(request, 400, "; ".join(parts) or "bad request")

    @app.exception_handler(NewsbriefError)
    async def known_error(request: Request, exc: NewsbriefError) -> Response:
        if isinstance(exc, StoreError):
            # The full message names the store's path: for the log, not for clients.
            log.warning("%s", exc)
            return _error(request, 503, _without_path(exc.message, request.app.state.db_path))
        return _error(request, exc.status, exc.message)

    @app.exception_handler(sqlite3.Error)
    async def store_fault(request: Request, exc: sqlite3.Error) -> Response:
        log.warning("store read failed on %s: %s", request.url.path, exc)
        return _error(request, 503, STORE_UNAVAILABLE)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return _error(request, 500, "internal error")


def _api_routes(app: FastAPI) -> None:
    settings: Settings = app.state.settings

    @app.get("/api/health", response_model=Health, tags=["api"])
    def health(store: StoreDep) -> dict[str, Any]:
        """Store counts; 503 when the store cannot be opened."""
        return {
            "status": "ok",
            "reports": store.count("documents"),
            "stories": store.count_stories(),
        }

    @app.get("/api/stories", response_model=StoryList, responses=ERRORS, tags=["api"])
    def api_stories(
        store: StoreDep,
        search: Annotated[str | None, Query(max_length=200)] = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: Annotated[int, Query(ge=1, le=200)] = PAGE_SIZE,
        offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    ) -> dict[str, Any]:
        """Stories, latest first, filtered by full-text search and dates."""
        return views.story_list(
            store, search=search, since=since, until=until, limit=limit, offset=offset
        )

    @app.get("/api/stories/{story_id}", responses=ERRORS, tags=["api"])
    def api_story(story_id: RowId, store: StoreDep) -> dict[str, Any]:
        """A story: its briefing (schema newsbrief.briefing/1), what changed, its reports."""
        return views.story_detail(store, story_id, settings)

    @app.get("/api/reports/{report_id}", responses=ERRORS, tags=["api"])
    def api_report(report_id: RowId, store: StoreDep) -> dict[str, Any]:
        """One report: metadata, text, sentences with offsets, near-duplicates."""
        return views.report_detail(store, report_id)


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    html = request.app.state.templates.get_template(name).render(request=request, **context)
    return HTMLResponse(html)


def _page_routes(app: FastAPI) -> None:
    settings: Settings = app.state.settings

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        request: Request,
        store: StoreDep,
        q: Annotated[str | None, Query(max_length=200)] = None,
        since: Annotated[str | None, Query(max_length=10)] = None,
        until: Annotated[str | None, Query(max_length=10)] = None,
        page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    ) -> HTMLResponse:
        since_d, until_d = _form_date(since, "since"), _form_date(until, "until")
        listing = views.story_list(
            store,
            search=q,
            since=since_d,
            until=until_d,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
        pages = max(1, -(-listing["total"] // PAGE_SIZE))
        return _render(
            request,
            "stories.html",
            listing=listing,
            q=q or "",
            since=since or "",
            until=until or "",
            page=page,
            pages=pages,
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: RowId, store: StoreDep) -> Response:
        detail = views.story_detail(store, story_id, settings, with_text=True)
        if detail["story"]["id"] != story_id:  # merged into another story
            return RedirectResponse(f"/stories/{detail['story']['id']}", status_code=308)
        rowids = [r["report_id"] for r in detail["reports"] if r["number"]]
        record = views.typed_briefing(detail["briefing"])
        view = None if record is None else briefing_view(record, settings, rowids=rowids)
        return _render(request, "story.html", detail=detail, view=view)

    @app.get("/reports/{report_id}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(
        request: Request,
        report_id: RowId,
        store: StoreDep,
        s: Annotated[int | None, Query(ge=0, le=MAX_ID)] = None,
    ) -> HTMLResponse:
        return _render(
            request, "report.html", report=views.report_detail(store, report_id), highlight=s
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page(request: Request) -> HTMLResponse:
        schema = app.openapi()
        routes = [
            {
                "method": method.upper(),
                "path": path,
                "summary": op.get("summary", ""),
                "doc": op.get("description", ""),
            }
            for path, methods in schema.get("paths", {}).items()
            for method, op in methods.items()
        ]
        return _render(request, "api.html", routes=routes)


def _form_date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise BadRequest(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from exc


class BadRequest(NewsbriefError):
    """A request the server cannot serve as asked."""

    status = 400
