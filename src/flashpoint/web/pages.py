"""Dashboard pages. Each page is built from one data dict; ``?format=json`` returns that dict instead.

Templates are Jinja2 with autoescaping on for every file, so article-derived text (titles, text,
actor names, quotes) is always shown as text. Pages run only /static scripts (the CSP forbids inline
ones); data for charts travels in ``<script type="application/json">`` blocks written with ``tojson``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from flashpoint.api import analysis, clusters, query
from flashpoint.api.actors import actor_table
from flashpoint.api.articles import full_article, list_articles
from flashpoint.api.deps import FilterDep, PageDep, SortParam, StoreDep
from flashpoint.api.errors import ApiError, not_found
from flashpoint.api.events import run_query
from flashpoint.api.highlight import segments
from flashpoint.api.review import ACTIONS, EVENT_TYPES, MODALITIES, history
from flashpoint.errors import InputError
from flashpoint.types import CODER_VERSION

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
router = APIRouter(include_in_schema=False)
FormatParam = Annotated[str, Query(pattern="^(html|json)$")]

env = Environment(
    loader=FileSystemLoader(str(HERE / "templates")),
    autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals.update(coder_version=CODER_VERSION, event_types=EVENT_TYPES, modalities=MODALITIES, actions=ACTIONS)

NAV = [("/", "Overview"), ("/timeline", "Timeline"), ("/map", "Map"), ("/dyads", "Dyads"), ("/network", "Network"),
       ("/events", "Events"), ("/articles", "Articles"), ("/clusters", "Clusters"), ("/reviews", "Review")]


def page(request: Request, template: str, data: dict[str, Any], fmt: str, *, title: str) -> Response:
    if fmt == "json":
        return JSONResponse(data)
    html = env.get_template(template).render(request=request, data=data, title=title, nav=NAV,
                                             path=request.url.path, writable=bool(request.app.state.token))
    return HTMLResponse(html)


def render_error(request: Request, error: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    html = env.get_template("error.html").render(request=request, error=error, title=f"Error {error['status']}",
                                                 nav=NAV, path=request.url.path, data={},
                                                 writable=bool(getattr(request.app.state, "token", None)))
    return HTMLResponse(html, status_code=error["status"], headers=headers)


def _filters(request: Request) -> dict[str, str]:
    keep = ("since", "until", "country", "actor", "recipient", "dyad", "type", "mode", "quad_class", "modality",
            "place", "min_confidence", "cluster", "review", "sort")
    return {k: v for k, v in request.query_params.items() if k in keep and v}


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep, format: FormatParam = "html") -> Response:
    try:
        alerts: list[dict[str, Any]] | None = analysis.alerts(store, 10)
    except ApiError:
        alerts = None
    latest, total = query.events(store, query.EventFilter(), sort="-date", limit=10)
    arts, n_articles = list_articles(store, q=None, sort="-ingested", limit=8, offset=0)
    data = {"counts": {"articles": n_articles, "events": total, "statements": store.count("statements"),
                       "reviews": store.count("reviews")},
            "alerts": alerts, "latest_events": latest, "latest_articles": arts,
            "hotspots": analysis.hotspots(store, query.EventFilter())[:10],
            "dyads": analysis.dyads(store, query.EventFilter(), limit=10)}
    return page(request, "overview.html", data, format, title="Overview")


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, store: StoreDep, f: FilterDep, format: FormatParam = "html",
             interval: analysis.Interval = "day") -> Response:
    data = analysis.timeline(store, f, interval) | {"filters": _filters(request)}
    return page(request, "timeline.html", data, format, title="Timeline")


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep, f: FilterDep, format: FormatParam = "html") -> Response:
    from flashpoint.api.places import map_points, place_table

    data = map_points(store, f) | {"places": place_table(store, f)[0][:50], "filters": _filters(request)}
    return page(request, "map.html", data, format, title="Map")


@router.get("/dyads", response_class=HTMLResponse)
def dyads(request: Request, store: StoreDep, f: FilterDep, format: FormatParam = "html",
          source: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,32}$")] = None,
          target: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,32}$")] = None,
          interval: analysis.Interval = "week") -> Response:
    top = analysis.dyads(store, f, limit=30)
    if not source and top:
        source, target = top[0]["source"], top[0]["target"]
    data: dict[str, Any] = {"dyads": top, "source": source, "target": target, "interval": interval,
                            "series": None, "tension": None, "tension_error": None}
    if source and target:
        data["series"] = analysis.dyad_series(store, source.upper(), target.upper(), interval, f)
        if interval != "week":
            data["tension_error"] = "the tension index is weekly; choose the interval 'week' to see it"
        else:
            try:
                data["tension"] = analysis.tension(store, source.upper(), target.upper())
            except (ApiError, InputError) as exc:
                data["tension_error"] = str(exc)
    return page(request, "dyads.html", data, format, title="Dyads")


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, store: StoreDep, f: FilterDep, format: FormatParam = "html",
            min_events: Annotated[int, Query(ge=1, le=1000)] = 1) -> Response:
    data = analysis.network(store, f, min_events) | {"actors": actor_table(store, f)[0][:40],
                                                     "filters": _filters(request)}
    return page(request, "network.html", data, format, title="Actor network")


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, store: StoreDep, f: FilterDep, paging: PageDep, sort: SortParam = "-date",
           format: FormatParam = "html") -> Response:
    rows, total = run_query(store, f, sort, paging.limit, paging.offset)
    filters = _filters(request)
    data = paging.body(rows, total, request) | {"filters": filters, "sort": sort}
    return page(request, "events.html", data, format, title="Events")


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str, store: StoreDep, format: FormatParam = "html") -> Response:
    record = query.event(store, event_id)
    if record is None:
        raise not_found("event", event_id)
    record["review_history"] = history(store, event_id)
    return page(request, "event.html", record, format, title=f"Event {record['event']}")


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, store: StoreDep, paging: PageDep, format: FormatParam = "html",
             q: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    rows, total = list_articles(store, q=q, sort="-published", limit=paging.limit, offset=paging.offset)
    data = paging.body(rows, total, request) | {"q": q}
    return page(request, "articles.html", data, format, title="Articles")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str, store: StoreDep, format: FormatParam = "html") -> Response:
    record = full_article(store, article_id)
    if format == "json":
        return JSONResponse(record)
    extraction = record.get("extraction") or {}
    view = {"record": record, "segments": segments(record["text"], record["annotations"]),
            "actors": list(enumerate(extraction.get("actors") or [])),
            "places": list(enumerate(extraction.get("places") or [])),
            "times": list(enumerate(extraction.get("times") or []))}
    return page(request, "article.html", view, "html", title=record.get("title") or record["id"])


@router.get("/clusters", response_class=HTMLResponse)
def cluster_list(request: Request, store: StoreDep, paging: PageDep, format: FormatParam = "html",
                 min_size: Annotated[int, Query(ge=1, le=1000)] = 1) -> Response:
    rows, total = clusters.list_clusters(store, min_size=min_size, limit=paging.limit, offset=paging.offset)
    return page(request, "clusters.html", paging.body(rows, total, request), format, title="Clusters")


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster(request: Request, cluster_id: str, store: StoreDep, format: FormatParam = "html") -> Response:
    data = clusters.cluster(store, cluster_id)
    return page(request, "cluster.html", data, format, title=f"Cluster {cluster_id}")


@router.get("/reviews", response_class=HTMLResponse)
def review_queue(request: Request, store: StoreDep, f: FilterDep, paging: PageDep, format: FormatParam = "html",
                 sort: SortParam = "confidence") -> Response:
    if f.review == "any":
        f = query.EventFilter(**{**f.__dict__, "review": "unreviewed"})
    rows, total = run_query(store, f, sort, paging.limit, paging.offset)
    data = paging.body(rows, total, request) | {"filters": _filters(request), "review": f.review}
    return page(request, "reviews.html", data, format, title="Review queue")
