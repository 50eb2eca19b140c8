"""Hostile links: an address from the data never renders an image or a link to another host, and a value echoed
from the reader's link is cut short and cannot display reversed."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, rewrite_csv
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from supplychain.app import cache
from supplychain.app.markdown import echo, md_link, safe_url

APP = str(ROOT / "dashboard.py")
BREAKOUT = "https://acme.example/a)…![w](http://evil.example/w.png)[x](http://evil.example/"
HOSTILE_URLS = [
    BREAKOUT,
    "https://acme.example/<img src=x onerror=alert(1)>",
    'https://acme.example/" onmouseover="alert(1)',
    "https://acme.example/a\n\n![w](http://evil.example/w.png)",
    "https://acme.example/a] (http://evil.example)",
    "https://acme.example/\u202eexe.txt",
]
REFUSED = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<b>x</b>",
    "file:///etc/passwd",
    "//evil.example/x",
]


def _tokens(markdown: str) -> list:
    """Every inline token markdown-it (CommonMark, as Streamlit's renderer) makes of the text."""
    return [t for block in MarkdownIt().parse(markdown) for t in (block.children or [])]


def _links_and_images(markdown: str) -> tuple[list[str], int]:
    tokens = _tokens(markdown)
    hrefs = [str(t.attrs.get("href")) for t in tokens if t.type == "link_open"]
    return hrefs, sum(t.type == "image" for t in tokens)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_hostile_address_gives_one_link_to_its_own_host_and_no_image(url: str) -> None:
    hrefs, images = _links_and_images(f"Source: {md_link('A report', url)} · more text")
    assert images == 0
    assert len(hrefs) <= 1
    assert all(h.startswith("https://acme.example/") for h in hrefs), hrefs


@pytest.mark.parametrize("url", REFUSED)
def test_an_address_with_another_scheme_is_shown_as_text_not_a_link(url: str) -> None:
    assert safe_url(url) is None
    hrefs, images = _links_and_images(md_link("A report", url))
    assert hrefs == [] and images == 0


@pytest.mark.parametrize("url", ["", None, "   "])
def test_no_address_is_no_link(url) -> None:
    assert safe_url(url) is None
    assert md_link("A report", url) == "A report"


def test_plain_web_and_mail_addresses_stay_links() -> None:
    assert safe_url("https://api-docs.deepseek.com/updates") == "https://api-docs.deepseek.com/updates"
    assert safe_url("https://example.org/report?id=1#p2") == "https://example.org/report?id=1#p2"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    assert safe_url("mailto:desk@example.org") == "mailto:desk@example.org"
    assert safe_url("entity?id=acme", relative=True) == "entity?id=acme"
    assert safe_url("entity?id=acme") is None, "a relative path only where the app builds it"


def test_an_echoed_value_is_cut_and_loses_bidi_and_zero_width_characters() -> None:
    assert echo("abc\u202edef\u200bghi\u2066x\u2069") == "abcdefghix"
    long = echo("x" * 100_000)
    assert len(long) == 80 and long.endswith("…")


def _run(folder: Path, monkeypatch: pytest.MonkeyPatch, page: str, params: dict[str, str]) -> AppTest:
    monkeypatch.setenv(cache.DATA_DIR_ENV, str(folder))
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["_test_start_page"] = page
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _rendered_markdown(at: AppTest) -> list[str]:
    kinds = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")
    return [e.value for kind in kinds for e in getattr(at, kind)]


def test_a_profile_with_a_breakout_website_and_source_shows_no_image_and_no_foreign_link(
    mini_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rewrite_csv(mini_dir / "companies.csv", lambda h, rows: rows[0].update(website=BREAKOUT))
    rewrite_csv(mini_dir / "sources.csv", lambda h, rows: rows[0].update(url=BREAKOUT))
    at = _run(mini_dir, monkeypatch, "entity", {"id": "acme"})
    assert not at.exception, at.exception
    shown = _rendered_markdown(at)
    assert any("acme.example" in text.replace("\\", "") for text in shown), "the website is on the profile"
    assert sum(BREAKOUT.split(")")[0].replace("https://", "") in text.replace("\\", "") for text in shown) >= 2
    for text in shown:
        hrefs, images = _links_and_images(text)
        assert images == 0, text
        assert {urlsplit(h).hostname for h in hrefs} <= {None, "acme.example", "example.org"}, text


def test_the_timelines_link_to_export_status_carries_only_a_checked_day(
    mini_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _run(mini_dir, monkeypatch, "timeline", {"asof": "2025-05-01" + "x" * 100_000})
    assert not at.exception, at.exception
    links = [e.proto for e in at.get("page_link") if e.proto.page.endswith("status")]
    assert links and all("asof" not in link.query_string and len(link.query_string) < 100 for link in links)
    notice = " ".join(e.value for e in at.info)
    assert "asof" in notice and len(notice) < 600, "the ignored value is named, cut short"

    at = _run(mini_dir, monkeypatch, "timeline", {"asof": "2025-05-01"})
    links = [e.proto for e in at.get("page_link") if e.proto.page.endswith("status")]
    assert links and all(link.query_string == "asof=2025-05-01" for link in links)


def test_the_notice_of_an_ignored_setting_drops_bidi_characters(
    mini_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _run(mini_dir, monkeypatch, "timeline", {"lanes": "\u202eus\u200b" + "z" * 500})
    assert not at.exception, at.exception
    notice = " ".join(e.value for e in at.info)
    assert "lanes" in notice
    assert "\u202e" not in notice and "\u200b" not in notice
    assert "z" * 100 not in notice
