from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.errors import InputError
from flashpoint.ingest.article import article_id, canonical_url, make_article
from flashpoint.ingest.readers import FieldMap, Failure, read_paths
from flashpoint.types import Article


def read(*paths: Path | str, fields: FieldMap | None = None) -> list[Article | Failure]:
    return list(read_paths([str(p) for p in paths], fields))


def test_txt_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\ntitle: Talks\nurl: https://x.test/a\npublished: 2023-01-03\nsource: X\n---\n"
                    "The envoys met in Doha.\n", encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert (article.title, article.url, str(article.published), article.source) == (
        "Talks", "https://x.test/a", "2023-01-03", "X")
    assert article.text == "The envoys met in Doha."


def test_txt_first_line_title(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text("Border talks resume\n\nThe envoys met in Doha on Monday.", encoding="utf-8")
    (article,) = read(path)
    assert article.title == "Border talks resume"
    assert article.text == "The envoys met in Doha on Monday."


def test_jsonl_records_failures_by_line_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"body": "First text.", "link": "https://x.test/1", "date": "2023-01-02"}\n'
                    "{not json\n"
                    '{"title": "no text"}\n'
                    '{"body": "Second text."}\n', encoding="utf-8")
    items = read(path, fields=FieldMap.parse(["text=body"]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    assert items[1].line == 2 and "not JSON" in items[1].message
    assert items[2].line == 3 and "text" in items[2].message
    assert str(items[0].published) == "2023-01-02" and items[0].url == "https://x.test/1"


def test_csv_and_json(tmp_path: Path) -> None:
    (tmp_path / "d.csv").write_text("title,text,published\nA,Alpha text here.,2022-05-01\n", encoding="utf-8")
    (tmp_path / "e.json").write_text(json.dumps([{"text": "Beta text."}, {"text": ""}]), encoding="utf-8")
    items = read(tmp_path / "d.csv", tmp_path / "e.json")
    assert items[0].title == "A" and str(items[0].published) == "2022-05-01"
    assert items[1].text == "Beta text."
    assert isinstance(items[2], Failure) and "no text" in items[2].message


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    body = "The minister said the talks would resume on Monday in Doha. " * 8
    html = (f"<html><head><title>Talks</title></head><body><nav>Home | Sport | Weather</nav>"
            f"<article><h1>Talks resume</h1><p>{body}</p></article><footer>Copyright</footer></body></html>")
    (tmp_path / "f.html").write_text(html, encoding="utf-8")
    (article,) = read(tmp_path / "f.html")
    assert "talks would resume" in article.text
    assert "Weather" not in article.text and "Copyright" not in article.text


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("bin.txt", b"\x00\x01\x02abc", "binary"),
        ("latin.txt", b"caf\xe9 au lait", "UTF-8"),
        ("empty.txt", b"   \n", "no text"),
        ("x.docx", b"PK", "unknown file type"),
    ],
)
def test_bad_files_are_failures_naming_the_file(tmp_path: Path, name: str, data: bytes, needle: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    (failure,) = read(path)
    assert isinstance(failure, Failure)
    assert needle in failure.message and str(path) in str(failure)


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    items = read(tmp_path / "nope.txt", empty)
    assert all(isinstance(i, Failure) for i in items)
    assert "no such file" in items[0].message and "no readable articles" in items[1].message


def test_ids_are_stable_and_content_derived() -> None:
    assert article_id("Some  text\n", None) == article_id("some text", None)
    assert article_id("x", "https://www.a.test/p/?utm_source=z") == article_id("y", "http://a.test/p")
    assert canonical_url("HTTPS://WWW.A.test/b/?q=1&utm_medium=x") == "https://a.test/b?q=1"


def test_make_article_rejects_bad_dates_with_a_fix() -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        make_article("text", published="not a date at all")


def test_folder_walk_skips_readme_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About this corpus\n\nNotes for people.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Envoys met in Doha.", encoding="utf-8")
    items = read(tmp_path)
    assert [i.text for i in items] == ["Envoys met in Doha."]
    (readme,) = read(tmp_path / "README.md")  # named directly, it is read
    assert isinstance(readme, Article)
