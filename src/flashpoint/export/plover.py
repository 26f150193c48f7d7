"""PLOVER JSON Lines: the canonical record, one event a line, with provenance and citation.

Each line is the canonical event record (schema/event.schema.json) plus the PLOVER interchange
fields (PLOVER manual, "JSON Data Fields"): ``source`` (the actor list under its PLOVER name),
``quad_code``, ``event_scale`` (Goldstein), ``event_text``, ``text`` (the evidence sentence),
``text_info`` (its character offsets), ``cite_info`` (url, title, publication, language, coder,
codebook, version) and ``coder`` / ``coded_date``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from flashpoint.export.common import Batch
from flashpoint.types import CODER_VERSION

CODEBOOK = "plover-0.8; cameo-1.1b3"


def plover_record(record: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    evidence = record.get("evidence") or {}
    version = str(record.get("coder_version") or article.get("coder_version") or CODER_VERSION)
    out = dict(record)
    out["source"] = record.get("actor") or []
    out["quad_code"] = record.get("quad_class")
    out["event_scale"] = record.get("goldstein")
    out["event_text"] = [record["trigger"]] if record.get("trigger") else []
    out["text"] = evidence.get("sentence")
    out["text_info"] = {"start": evidence.get("start"), "end": evidence.get("end"),
                        "spans": evidence.get("spans") or {}}
    out["cite_info"] = {
        "corpus": article.get("source"),
        "citation": record.get("article_id"),
        "url": article.get("url"),
        "title": article.get("title"),
        "published": article.get("published"),
        "language": article.get("lang") or "en",
        "publication": article.get("source"),
        "coder": f"flashpoint {version}",
        "codebook": CODEBOOK,
        "version": version,
    }
    out["coder"] = f"flashpoint {version}"
    ingested = article.get("ingested_at")
    out["coded_date"] = str(ingested)[:10] if ingested else None
    return out


def write(batch: Batch, out: IO[str]) -> int:
    for record in batch.records:
        out.write(json.dumps(plover_record(record, batch.article(record)), ensure_ascii=False, default=str) + "\n")
    return len(batch.records)


def read(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records from a PLOVER JSONL file written by ``write`` (or any JSON Lines of event records)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
