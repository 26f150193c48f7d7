"""Analysis commands: clusters, dyads, tension, alerts, network, hotspots (thin wrappers over analysis/)."""

from __future__ import annotations

from typing import Any

import click

from flashpoint.cli import db_option, emit, format_option, handle_errors, main


def _store(db: str) -> Any:
    from flashpoint.analysis import clusters as clustering
    from flashpoint.store import open_store

    store = open_store(db)
    note = clustering.refresh(store)  # later refreshes in the same command skip at once on a read-only store
    if note:
        click.echo(f"note: {note}", err=True)
    return store


def plot_option(func: Any) -> Any:
    return click.option("--plot", "plot_path", type=click.Path(dir_okay=False),
                        help="Also draw a chart to this .png or .svg file.")(func)


def period_options(func: Any) -> Any:
    func = click.option("--until", help="Up to this day (YYYY-MM-DD).")(func)
    return click.option("--since", help="From this day (YYYY-MM-DD).")(func)


@main.command()
@db_option
@format_option
@period_options
@click.option("--rebuild", is_flag=True, help="Re-cluster every stored event first.")
@click.option("--min-articles", default=1, show_default=True, help="Only clusters reported by this many articles.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--limit", default=100, show_default=True)
@handle_errors
def clusters(db: str, fmt: str, since: str | None, until: str | None, rebuild: bool, min_articles: int,
             event_type: str | None, limit: int) -> None:
    """Real events: reports of one event from many articles, with corroboration and reconciled deaths."""
    from flashpoint.analysis import clusters as clustering

    store = _store(db)
    if rebuild:
        stats = clustering.build(store)
        click.echo(f"clustered {stats['reports']} reports into {stats['clusters']} events "
                   f"({stats['merged']} reported more than once)", err=True)
    else:
        clustering.refresh(store)
    rows = clustering.list_clusters(store, since=since, until=until, min_articles=min_articles,
                                    event_type=event_type, limit=limit, with_members=fmt == "json")
    emit(rows, fmt, ["id", "day", "event", "actor_code", "recipient_code", "loc_name", "loc_admin1", "articles",
                     "sources", "mentions", "dead", "dead_low", "dead_high"])


@main.command()
@click.argument("actor", required=False)
@click.argument("recipient", required=False)
@db_option
@format_option
@period_options
@click.option("--by", type=click.Choice(["country", "sector", "code"]), default="country", show_default=True,
              help="Dyad ends: ISO3 country, sector (MIL, REB ...) or actor code (PAKMIL).")
@click.option("--freq", type=click.Choice(["day", "week", "month"]), default="week", show_default=True)
@click.option("--both-ways", is_flag=True, help="Count the pair in both directions.")
@click.option("--normalised", is_flag=True, help="Add per-1,000-events variants (news volume removed).")
@click.option("--limit", default=50, show_default=True, help="Dyads listed when no actor is given.")
@plot_option
@handle_errors
def dyads(actor: str | None, recipient: str | None, db: str, fmt: str, since: str | None, until: str | None,
          by: str, freq: str, both_ways: bool, normalised: bool, limit: int, plot_path: str | None) -> None:
    """Directed dyad series (ACTOR RECIPIENT, e.g. PAK AFG); with no actor, the busiest dyads."""
    from flashpoint.analysis import series

    store = _store(db)
    if not actor and not recipient:
        emit(series.dyads(store, by=by, since=since, until=until, limit=limit), fmt,
             ["actor", "recipient", "events", "goldstein_sum", "goldstein_mean", "dead", "first", "last"])
        return
    rows = series.dyad_series(store, actor, recipient, by=by, freq=freq, since=since, until=until,
                              undirected=both_ways, normalised=normalised)
    columns = ["period", "actor", "recipient", "events", "goldstein_sum", "goldstein_mean", "q1", "q2", "q3", "q4",
               "tension", "dead"]
    if normalised:
        columns += ["all_events", "events_per_1k", "goldstein_sum_per_1k"]
    emit(rows, fmt, columns)
    if plot_path:
        from flashpoint.analysis import plot

        metric = "events_per_1k" if normalised else "events"
        plot.series_chart(rows, plot_path, f"{actor or '*'} → {recipient or '*'} ({by}, per {freq})", metric)


@main.command()
@click.argument("actor")
@click.argument("recipient")
@db_option
@format_option
@period_options
@click.option("--both-ways", is_flag=True, help="The country pair in both directions.")
@plot_option
@handle_errors
def tension(actor: str, recipient: str, db: str, fmt: str, since: str | None, until: str | None, both_ways: bool,
            plot_path: str | None) -> None:
    """Weekly tension of ACTOR → RECIPIENT with change bands and the alerts of each week."""
    from flashpoint.analysis import tension as tension_module

    result = tension_module.tension(_store(db), actor, recipient, since=since, until=until, undirected=both_ways)
    kinds: dict[str, list[str]] = {}
    for alert in result["alerts"]:
        kinds.setdefault(alert["week"], []).append(alert["kind"])
    for row in result["series"]:
        row["alerts"] = kinds.get(row["period"], [])
    if fmt == "json":
        emit([result], fmt, [])
    else:
        emit(result["series"], fmt, ["period", "events", "q3", "q4", "tension", "band", "z52", "change_4w",
                                     "highest_in_weeks", "dead", "alerts"])
    if plot_path:
        from flashpoint.analysis import plot

        arrow = "↔" if both_ways else "→"
        plot.tension_chart(result["series"], result["alerts"], plot_path,
                           f"Tension {actor.upper()} {arrow} {recipient.upper()}")


@main.command()
@db_option
@format_option
@click.option("--as-of", help="The day whose week is judged (default: the last day with events).")
@handle_errors
def alerts(db: str, fmt: str, as_of: str | None) -> None:
    """Escalation, highest-in-N-weeks, fatality-surge and new-actor alerts, each with its events."""
    from flashpoint.analysis import alerts as alerts_module

    rows = alerts_module.alerts(_store(db), as_of)
    for row in rows:
        row["events"] = len(row["event_ids"])
    emit(rows, fmt, ["kind", "week", "actor", "recipient", "value", "events", "message"])


@main.command()
@db_option
@format_option
@period_options
@click.option("--by", type=click.Choice(["code", "country", "sector"]), default="code", show_default=True)
@click.option("--country", help="Only interactions with an actor of this ISO3 country.")
@click.option("--min-events", default=1, show_default=True)
@click.option("--limit", default=200, show_default=True, help="Edges kept, heaviest first.")
@plot_option
@handle_errors
def network(db: str, fmt: str, since: str | None, until: str | None, by: str, country: str | None,
            min_events: int, limit: int, plot_path: str | None) -> None:
    """Who acts on whom: directed edges weighted by real events, conflict and Goldstein."""
    from flashpoint.analysis import network as network_module

    graph = network_module.network(_store(db), by=by, since=since, until=until, country=country,
                                   min_events=min_events, limit=limit)
    if fmt == "json":
        emit([graph], fmt, [])
    else:
        emit(graph["edges"], fmt, ["source", "target", "events", "conflict", "cooperation", "goldstein_mean", "dead"])
    if plot_path:
        from flashpoint.analysis import plot

        plot.network_chart(graph, plot_path, f"Actor network ({by})")


@main.command()
@db_option
@format_option
@period_options
@click.option("--country", help="Only this ISO3 country.")
@click.option("--limit", default=50, show_default=True)
@plot_option
@handle_errors
def hotspots(db: str, fmt: str, since: str | None, until: str | None, country: str | None, limit: int,
             plot_path: str | None) -> None:
    """Admin-1 areas ranked by conflict events and deaths (with the period before, when --since/--until)."""
    from flashpoint.analysis import hotspots as hotspots_module

    rows = hotspots_module.hotspots(_store(db), since=since, until=until, country=country, limit=limit)
    columns = ["country", "admin1", "events", "conflict", "dead"]
    if since and until:
        columns += ["conflict_before", "conflict_change", "dead_before"]
    emit(rows, fmt, columns)
    if plot_path:
        from flashpoint.analysis import plot

        plot.bar_chart(rows[:25], ["country", "admin1"], "conflict", plot_path, "Conflict events by admin-1 area")
