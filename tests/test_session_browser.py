"""The click-to-play recording in real headless Chromium: no YouTube or Google request before the click.

The machine has no internet, so the player never loads: the tests assert on the DOM and on
the requests the page attempted. One test stands in for YouTube's side of the IFrame API
messages (page.route) to check that a chapter seeks a player that is already running.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

RECORDED = "sesi/sapa-contoh/2024-01-10/"
VIDEO = "AbCdEfGhIj0"
THIRD_PARTY = re.compile(r"youtube|youtu\.be|ytimg|google|gstatic|ggpht|doubleclick", re.I)


@pytest.fixture
def session_page(basic_site, serve, page):
    """The recorded session page, loaded; ``page.requests`` lists every URL it asked for.

    Requests to other hosts are recorded, then failed on purpose, as they would fail on
    this offline machine anyway: the outcome is the same with or without internet.
    """
    base = serve(basic_site.output)
    page.requests = []
    page.base = base
    page.on("request", lambda request: page.requests.append(request.url))
    page.route(lambda url: not url.startswith(base), lambda route: route.abort())
    page.goto(base + RECORDED, wait_until="networkidle")
    return page


def _player(page) -> dict:
    page.wait_for_selector(".video iframe", state="attached")
    frame = page.locator(".video iframe")
    src = urlsplit(frame.get_attribute("src"))
    return {
        "host": src.hostname,
        "path": src.path,
        "query": {k: v[0] for k, v in parse_qs(src.query).items()},
        "title": frame.get_attribute("title"),
    }


def _assert_nothing_third_party(page) -> None:
    assert page.requests, "the page made no request at all"
    for url in page.requests:
        assert url.startswith(page.base), f"request to another host before the click: {url}"
        assert not THIRD_PARTY.search(urlsplit(url).netloc)


@pytest.mark.browser
def test_no_third_party_request_until_play_is_clicked(session_page):
    page = session_page
    _assert_nothing_third_party(page)
    assert page.locator(".video iframe").count() == 0
    page.click(".video-facade")
    player = _player(page)
    assert player["host"] == "www.youtube-nocookie.com"
    assert player["path"] == f"/embed/{VIDEO}"
    assert player["query"]["autoplay"] == "1" and "start" not in player["query"]
    assert player["title"] == "Rekaman video: Sapa Warga Contoh: Kesehatan"
    attempted = [u for u in page.requests if "youtube-nocookie.com" in u]
    assert attempted and attempted[0].startswith(f"https://www.youtube-nocookie.com/embed/{VIDEO}?")
    assert page.url.endswith(RECORDED), "the click must not leave the page"


@pytest.mark.browser
def test_chapter_before_the_player_is_loaded_starts_it_there(session_page):
    page = session_page
    page.click("a[data-start='330']")
    player = _player(page)
    assert player["path"] == f"/embed/{VIDEO}" and player["query"]["start"] == "330"
    assert player["query"]["autoplay"] == "1"
    assert page.url.endswith(RECORDED)


@pytest.mark.browser
def test_chapter_after_the_player_is_loaded_moves_it(session_page):
    page = session_page
    page.click(".video-facade")
    assert "start" not in _player(page)["query"]
    # This player never answers (it cannot load), so the page loads it again at the chapter's start.
    page.click("a[data-start='2400']")
    page.wait_for_function("() => document.querySelector('.video iframe').src.includes('start=2400')")
    assert page.locator(".video iframe").count() == 1
    assert _player(page)["query"]["start"] == "2400"


STAND_IN_PLAYER = """<!doctype html><title>player</title><script>
window.received = [];
addEventListener("message", (e) => {
  const m = JSON.parse(e.data);
  received.push(m);
  if (m.event === "listening") parent.postMessage(JSON.stringify({event: "onReady", id: m.id}), "*");
});
</script>"""


@pytest.mark.browser
def test_chapter_seeks_a_running_player_without_reloading_it(basic_site, serve, page):
    base = serve(basic_site.output)
    loads = []

    def youtube(route):
        loads.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=STAND_IN_PLAYER)

    page.route("https://www.youtube-nocookie.com/**", youtube)
    page.goto(base + RECORDED)
    page.click(".video-facade")
    page.wait_for_selector(".video[data-state='ready']")
    page.click("a[data-start='330']")
    frame = next(f for f in page.frames if "youtube-nocookie.com" in f.url)
    frame.wait_for_function("() => received.some((m) => m.func === 'seekTo')")
    commands = [(m["func"], m["args"]) for m in frame.evaluate("received") if m["event"] == "command"]
    assert commands == [("seekTo", [330, True]), ("playVideo", [])]
    assert len(loads) == 1 and "enablejsapi=1" in loads[0] and "start=" not in loads[0]


@pytest.mark.browser
def test_without_javascript_the_recording_and_chapters_are_youtube_links(basic_site, serve, browser):
    base = serve(basic_site.output)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + RECORDED, wait_until="networkidle")
        assert all(url.startswith(base) for url in requests), requests
        assert page.get_attribute(".video-facade", "href") == f"https://www.youtube.com/watch?v={VIDEO}"
        assert page.locator(".video-facade").is_visible()
        hrefs = [page.locator("ol.chapters a").nth(i).get_attribute("href") for i in range(3)]
        assert hrefs == [f"https://www.youtube.com/watch?v={VIDEO}&t={t}s" for t in (0, 330, 2400)]
        assert page.locator(".video iframe").count() == 0
    finally:
        context.close()


@pytest.mark.browser
def test_bytes_a_session_page_loads_before_the_click(basic_site, serve, page):
    """JavaScript and CSS the recorded session page downloads before any click (printed for the report)."""
    base = serve(basic_site.output)
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base + RECORDED, wait_until="networkidle")
    sizes: dict[str, int] = {}
    for response in responses:
        kind = response.request.resource_type
        sizes[kind] = sizes.get(kind, 0) + len(response.body())
        print(f"\n  {kind:<10} {len(response.body()):>6} B  {response.url.removeprefix(base)}", end="")
    print(f"\nbytes before the click by resource type: {sizes}")
    assert all(r.url.startswith(base) for r in responses)
    assert sizes["script"] < 4_000 and sizes["stylesheet"] < 20_000  # video.js alone; the one stylesheet
