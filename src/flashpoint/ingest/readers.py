"""Readers: files and folders in, Articles (or recorded failures) out.

Every reader yields ``Article`` or ``Failure``; a bad file or line never stops the batch.
Formats: .txt/.md (optional YAML front matter, or a first-line title), .html/.htm (main text
extracted with trafilatura; nothing external is fetched), .jsonl/.ndjson, .json (an object or a
list of objects), .csv/.tsv. Field names of structured inputs are mapped with ``FieldMap``.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from flashpoint.errors import InputError, ReadError
from flashpoint.ingest.article import make_article
from flashpoint.types import Article

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES
MAX_FILE_BYTES = 200 * 1024 * 1024
# Files in a folder that describe the folder rather than report news (read only when named directly).
NOT_ARTICLES = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "NOTICE", "CONTRIBUTING"})

FIELDS = ("text", "title", "url", "published", "source")


@dataclass(frozen=True)
class Failure:
    """An input that could not become an article, and why."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.source + (f", line {self.line}" if self.line is not None else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class FieldMap:
    """Which input field holds each article field, e.g. FieldMap({"text": "body", "published": "date"})."""

    names: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, pairs: Iterable[str]) -> FieldMap:
        names = {}
        for pair in pairs:
            ours, _, theirs = pair.partition("=")
            if ours not in FIELDS or not theirs:
                raise InputError(
                    f"bad field mapping {pair!r}; write OURS=THEIRS with OURS one of {', '.join(FIELDS)}"
                )
            names[ours] = theirs
        return cls(names)

    def get(self, record: Mapping[str, Any], ours: str) -> Any:
        if ours in self.names:
            return record.get(self.names[ours])
        for candidate in _ALIASES[ours]:
            if candidate in record:
                return record[candidate]
        return None


_ALIASES = {
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date", "publish_date", "date_publish", "pubdate", "published_at"),
    "source": ("source", "outlet", "publisher", "site"),
}


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192]:
        raise ReadError(
            "this looks like a binary file (it contains NUL bytes); give text, HTML, JSON Lines or CSV",
            source=source,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "re-save the file as UTF-8 (e.g. iconv -f cp1252 -t utf-8)",
            source=source,
        ) from exc


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReadError(
            f"file is {size / 1e6:.0f} MB, above the {MAX_FILE_BYTES // 2**20} MB limit; split it",
            source=str(path),
        )
    return path.read_bytes()


def _front_matter(text: str, source: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end == -1:
        raise ReadError("front matter opened with '---' is never closed; add a '---' line", source=source)
    try:
        meta = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError as exc:
        raise ReadError(f"front matter is not valid YAML ({exc.__class__.__name__}); fix it", source=source)
    if not isinstance(meta, dict):
        raise ReadError("front matter must be key: value lines", source=source)
    body = text[end + 4 :]
    return meta, body.lstrip("-").lstrip("\n")


def _first_line_title(text: str) -> tuple[str | None, str]:
    first, sep, rest = text.lstrip().partition("\n")
    if (
        sep
        and rest.startswith("\n")
        and 0 < len(first) <= 150
        and not first.rstrip().endswith((".", "!", "?", '"', "\u201d", ":", ";", ","))
        and len(first.split()) >= 2
    ):
        return first.strip(), rest
    return None, text


def read_text(data: str, source: str) -> Article:
    meta, body = _front_matter(data, source)
    title = meta.pop("title", None)
    if title is None:
        title, body = _first_line_title(body)
    return make_article(
        body,
        title=title,
        url=meta.pop("url", None),
        published=meta.pop("published", meta.pop("date", None)),
        source=meta.pop("source", None),
        meta={"origin": source, **meta},
        origin=source,
    )


def read_html(data: str, source: str, url: str | None = None) -> Article:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise ReadError(f"cannot extract the main text from this HTML ({exc}); check the file", source=source)
    if doc is not None and not isinstance(doc, dict):
        doc = doc.as_dict()
    if not doc or not doc.get("text"):
        raise ReadError(
            "no main text found in this HTML page; give the article text as .txt instead", source=source
        )
    return make_article(
        doc["text"],
        title=doc.get("title"),
        url=url or doc.get("url"),
        published=doc.get("date"),
        source=doc.get("sitename") or doc.get("hostname"),
        meta={"origin": source},
        origin=source,
    )


def _text_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value).strip() or None


def record_article(record: Any, source: str, fields: FieldMap) -> Article:
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}", source=source)
    record = {str(k): v for k, v in record.items()}  # CSV rows with extra cells have a None key
    text = fields.get(record, "text")
    if text is None:
        raise InputError(
            f"no text field (have: {', '.join(sorted(record))[:200]}); map it with --field text=NAME",
            source=source,
        )
    extra = {k: v for k, v in record.items() if isinstance(v, (str, int, float, bool)) and k != "text"}
    return make_article(
        str(text),
        title=_text_or_none(fields.get(record, "title")),
        url=_text_or_none(fields.get(record, "url")),
        published=fields.get(record, "published"),
        source=_text_or_none(fields.get(record, "source")),
        meta={"origin": source, **{k: v for k, v in extra.items() if len(str(v)) < 500}},
        origin=source,
    )


def _records(path: Path, data: str, fields: FieldMap) -> Iterator[Article | Failure]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        for number, line in enumerate(data.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield record_article(json.loads(line), f"{source}, line {number}", fields)
            except json.JSONDecodeError as exc:
                yield Failure(source, f"not JSON ({exc.msg} at column {exc.colno}); fix or remove the line", number)
            except InputError as exc:
                yield Failure(source, _strip_source(str(exc)), number)
    elif suffix in JSON_SUFFIXES:
        try:
            loaded = json.loads(data)
        except json.JSONDecodeError as exc:
            yield Failure(source, f"not JSON ({exc.msg}, line {exc.lineno}); fix the file")
            return
        items = loaded if isinstance(loaded, list) else [loaded]
        for number, record in enumerate(items, start=1):
            try:
                yield record_article(record, f"{source}, item {number}", fields)
            except InputError as exc:
                yield Failure(source, f"item {number}: " + _strip_source(str(exc)))
    else:
        dialect = "excel-tab" if suffix == ".tsv" else "excel"
        try:
            rows = list(csv.DictReader(io.StringIO(data), dialect=dialect))
        except csv.Error as exc:
            yield Failure(source, f"not valid CSV ({exc}); check quoting")
            return
        for number, row in enumerate(rows, start=2):
            try:
                yield record_article(row, f"{source}, line {number}", fields)
            except InputError as exc:
                yield Failure(source, _strip_source(str(exc)), number)


def _strip_source(message: str) -> str:
    # InputError prefixes "source, line N: "; Failure carries those separately.
    head, sep, tail = message.partition(": ")
    return tail if sep and ("/" in head or "line" in head or "item" in head or "." in head) else message


def read_file(path: Path, fields: FieldMap | None = None) -> Iterator[Article | Failure]:
    fields = fields or FieldMap()
    source = str(path)
    suffix = path.suffix.lower()
    try:
        data = _decode(_read_bytes(path), source)
        if suffix in JSONL_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES:
            yield from _records(path, data, fields)
        elif suffix in HTML_SUFFIXES:
            yield read_html(data, source)
        elif suffix in TEXT_SUFFIXES or suffix == "":
            yield read_text(data, source)
        else:
            yield Failure(
                source, f"unknown file type {suffix!r}; give one of {', '.join(sorted(SUFFIXES))}"
            )
    except InputError as exc:
        yield Failure(source, _strip_source(str(exc)) if exc.source else str(exc))
    except OSError as exc:
        yield Failure(source, f"cannot read the file ({exc.strerror}); check the path and permissions")


def read_paths(paths: Iterable[str | os.PathLike[str]], fields: FieldMap | None = None) -> Iterator[Article | Failure]:
    """Every article in the given files and folders (recursively), in a stable order."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Failure(str(path), "no such file or folder; check the path")
            continue
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES
                and p.stem.upper() not in NOT_ARTICLES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                yield Failure(
                    str(path), f"no readable articles in this folder (looked for {', '.join(sorted(SUFFIXES))})"
                )
            for file in files:
                yield from read_file(file, fields)
        else:
            yield from read_file(path, fields)
