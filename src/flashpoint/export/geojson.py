"""GeoJSON (RFC 7946) FeatureCollection of the events that have coordinates, for maps.

Each Feature is a Point ``[longitude, latitude]`` with flat properties for styling and popups
(type, CAMEO code, QuadClass, Goldstein, date, actors, place, dead, sentence, article URL) and
the event id as the Feature ``id``. Events without coordinates are left out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import IO, Any

from flashpoint.export.common import Batch, actor_name


def feature(record: Mapping[str, Any], article: Mapping[str, Any]) -> dict[str, Any] | None:
    loc = record.get("event_loc") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    if lat is None or lon is None:
        return None
    dead = record.get("dead") or {}
    return {
        "type": "Feature",
        "id": record["id"],
        "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]},
        "properties": {
            "event": record.get("event"),
            "mode": record.get("mode"),
            "cameo_code": record.get("cameo_code"),
            "quad_class": record.get("quad_class"),
            "goldstein": record.get("goldstein"),
            "modality": record.get("modality"),
            "date": record.get("date"),
            "date_source": record.get("date_source"),
            "actor": "; ".join(actor_name(a) for a in record.get("actor") or []),
            "actor_code": "; ".join(a.get("code") or "" for a in record.get("actor") or []),
            "recipient": "; ".join(actor_name(a) for a in record.get("recipient") or []),
            "recipient_code": "; ".join(a.get("code") or "" for a in record.get("recipient") or []),
            "place": loc.get("resolved_place") or loc.get("extracted_place"),
            "admin1": loc.get("admin1"),
            "country": loc.get("country_code"),
            "geo_precision": loc.get("precision"),
            "dead": dead.get("best"),
            "confidence": record.get("confidence"),
            "sentence": (record.get("evidence") or {}).get("sentence"),
            "article_id": record.get("article_id"),
            "url": article.get("url"),
        },
    }


def collection(batch: Batch) -> dict[str, Any]:
    features = [f for f in (feature(r, batch.article(r)) for r in batch.records) if f is not None]
    return {"type": "FeatureCollection", "features": features}


def write(batch: Batch, out: IO[str]) -> int:
    data = collection(batch)
    json.dump(data, out, ensure_ascii=False, indent=1, default=str)
    out.write("\n")
    return len(data["features"])
