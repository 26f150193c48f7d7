"""Charts for --plot: PNG or SVG by the file's extension (matplotlib, no display needed)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flashpoint.errors import InputError

ALERT_STYLE = {"escalation": ("tab:red", "^"), "highest": ("tab:orange", "o"),
               "fatality_surge": ("black", "X"), "new_actor": ("tab:purple", "s")}


def _figure(width: float = 10, height: float = 4.5) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt, *plt.subplots(figsize=(width, height))


def _save(plt: Any, fig: Any, path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg"):
        raise InputError(f"--plot writes .png or .svg files, not {suffix or 'no extension'} ({path})")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def _dates(rows: Sequence[dict[str, Any]]) -> list[Any]:
    import datetime as dt

    return [dt.date.fromisoformat(r["period"]) for r in rows]


def tension_chart(rows: Sequence[dict[str, Any]], alerts: Sequence[dict[str, Any]], path: str, title: str) -> str:
    """The weekly tension line, the conflict events as bars behind it, and each alert marked on its week."""
    import datetime as dt

    plt, fig, ax = _figure()
    dates = _dates(rows)
    ax.bar(dates, [r["q3"] + r["q4"] for r in rows], width=5, color="lightgray", label="conflict events")
    line = ax.twinx()
    line.plot(dates, [r["tension"] for r in rows], color="tab:blue", label="tension")
    line.axhline(0, color="gray", linewidth=0.5)
    by_week = {r["period"]: r["tension"] for r in rows}
    for kind, (colour, marker) in ALERT_STYLE.items():
        marked = [a for a in alerts if a["kind"] == kind and a.get("week") in by_week]
        if marked:
            line.scatter([dt.date.fromisoformat(a["week"]) for a in marked], [by_week[a["week"]] for a in marked],
                         color=colour, marker=marker, s=60, zorder=5, label=kind.replace("_", " "))
    ax.set_ylabel("conflict events per week")
    line.set_ylabel("tension (conflict - cooperation |Goldstein|)")
    ax.set_title(title)
    handles = ax.get_legend_handles_labels()
    more = line.get_legend_handles_labels()
    line.legend(handles[0] + more[0], handles[1] + more[1], loc="upper left", fontsize=8)
    return _save(plt, fig, path)


def series_chart(rows: Sequence[dict[str, Any]], path: str, title: str, metric: str = "events") -> str:
    plt, fig, ax = _figure()
    lines: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        lines.setdefault(f"{row['actor']}→{row['recipient']}", []).append(row)
    for label, items in sorted(lines.items(), key=lambda kv: -sum(r[metric] or 0 for r in kv[1]))[:8]:
        ax.plot(_dates(items), [r[metric] or 0 for r in items], marker=".", label=label)
    ax.set_ylabel(metric.replace("_", " "))
    ax.set_title(title)
    ax.legend(fontsize=8)
    return _save(plt, fig, path)


def bar_chart(rows: Sequence[dict[str, Any]], label: Sequence[str], value: str, path: str, title: str) -> str:
    plt, fig, ax = _figure(8, max(3, 0.3 * len(rows) + 1))
    names = [" / ".join(str(r.get(k) or "?") for k in label) for r in rows][::-1]
    ax.barh(names, [r[value] or 0 for r in rows][::-1], color="tab:red")
    ax.set_xlabel(value.replace("_", " "))
    ax.set_title(title)
    return _save(plt, fig, path)


def network_chart(graph: dict[str, list[dict[str, Any]]], path: str, title: str) -> str:
    """Nodes on a circle, edges drawn from source to target, red for conflictual, green for cooperative."""
    plt, fig, ax = _figure(8, 8)
    nodes = [n["id"] for n in graph["nodes"][:40]]
    place = {n: (math.cos(2 * math.pi * i / max(len(nodes), 1)), math.sin(2 * math.pi * i / max(len(nodes), 1)))
             for i, n in enumerate(nodes)}
    top = max((e["events"] for e in graph["edges"]), default=1)
    for edge in graph["edges"]:
        if edge["source"] in place and edge["target"] in place:
            (x1, y1), (x2, y2) = place[edge["source"]], place[edge["target"]]
            colour = "tab:red" if edge["goldstein_sum"] < 0 else "tab:green"
            ax.annotate("", xy=(x2, y2), xytext=(x1, y1),
                        arrowprops={"arrowstyle": "->", "color": colour, "alpha": 0.6,
                                    "linewidth": 0.5 + 4 * edge["events"] / top})
    for name, (x, y) in place.items():
        ax.scatter([x], [y], s=80, color="tab:blue", zorder=3)
        ax.text(x * 1.1, y * 1.1, name, ha="center", va="center", fontsize=8)
    ax.set_axis_off()
    ax.set_title(title)
    return _save(plt, fig, path)
