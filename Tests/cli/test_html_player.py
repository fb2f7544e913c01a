"""The replay player in `gesprek export --format html`, driven in Debian's chromium through Playwright.

Every page is exported by the real binary and opened from disk; every request but the page itself is
blocked, and the test asserts that none was attempted. The page runs on Playwright's fake clock, so
playing a conversation of half an hour takes no real time and no assertion depends on timing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from support import EX_OK, SAMPLES, events_of, write_script

playwright_sync = pytest.importorskip("playwright.sync_api", reason="the Python package playwright is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

SAMPLE = next(p for p in SAMPLES if p.stem == "netwerk-na-scheiding")  # two speakers, markers, answers in a row
ENOUGH = 3_600_000  # an hour of fake time: more than any wait of the player


# --- What the transcript says, worked out here independently of gesprek ------------------------------------

def advisor_of(events: list[dict]) -> str:
    return next(e["advisor"] for e in events if e["kind"] == "session" and e.get("advisor"))


def answers_of(events: list[dict]) -> list[int]:
    """The sequence numbers of what the family said: every `say` whose speaker is not the advisor."""
    advisor = advisor_of(events).lower()
    return [e["seq"] for e in events if e["kind"] == "say" and e["speaker"].lower() != advisor]


# --- Browser and page ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


class Page:
    """A page opened from a file with every other request blocked and recorded, and every script error recorded."""

    def __init__(self, browser, path: Path, javascript: bool = True):
        self.uri = path.as_uri()
        self.context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
        self.attempted: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: request.url != self.uri and self.attempted.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.clock.install()
        self.page.goto(self.uri)

    def _route(self, route):
        if route.request.url == self.uri:
            route.continue_()
        else:
            self.attempted.append(route.request.url)
            route.abort()

    def button(self, name: str):
        return self.page.get_by_role("button", name=name, exact=True)

    def current(self) -> int | None:
        """The sequence number of the line that carries aria-current, None before the first."""
        rows = self.page.locator("table.events tr[aria-current]")
        assert rows.count() <= 1, "one current line at most"
        return int(rows.get_attribute("data-seq")) if rows.count() else None

    def close(self):
        assert self.attempted == [], f"requests to outside the file: {self.attempted}"
        assert self.errors == [], f"script errors or policy violations: {self.errors}"
        self.context.close()


@pytest.fixture
def open_page(browser, gesprek, tmp_path):
    pages: list[Page] = []

    def opener(sample: Path = SAMPLE, *extra: str, javascript: bool = True) -> Page:
        out = tmp_path / f"{sample.stem}-{len(pages)}.html"
        result = gesprek.run("export", sample, "--format", "html", "-o", out, *extra)
        assert result.returncode == EX_OK, result.stderr
        page = Page(browser, out, javascript)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


# --- The controls ----------------------------------------------------------------------------------------

def test_play_and_pause_toggle_and_play_at_the_recorded_pace(open_page):
    events = events_of(SAMPLE)
    p = open_page()
    assert p.current() is None
    p.button("Afspelen").click()
    assert p.button("Pauzeren").is_visible() and p.button("Afspelen").count() == 0
    # The first line comes after its elapsed time, at most the longest pause (5 s by default).
    p.page.clock.run_for(5_500)
    assert p.current() == events[0]["seq"]
    p.page.clock.run_for(5_500)
    assert p.current() == events[1]["seq"]
    p.button("Pauzeren").click()
    assert p.button("Afspelen").is_visible()
    p.page.clock.run_for(ENOUGH)
    assert p.current() == events[1]["seq"], "paused: nothing moves"
    p.button("Afspelen").click()
    p.page.clock.run_for(ENOUGH)
    assert p.current() == events[-1]["seq"], "played to the end"
    assert p.button("Afspelen").is_visible(), "at the end it stops by itself"


def test_speed_divides_the_waits(open_page):
    events = events_of(SAMPLE)
    gap = events[1]["elapsed"] - events[0]["elapsed"]
    p = open_page()
    p.page.select_option("#player-idle", "")  # no longest pause: the waits are the transcript's own
    p.page.select_option("#player-speed", "4")
    p.button("Volgende").click()
    p.button("Afspelen").click()
    p.page.clock.run_for(int(gap * 1000 / 4) - 500)
    assert p.current() == events[0]["seq"]
    p.page.clock.run_for(1_000)
    assert p.current() == events[1]["seq"]


def test_previous_and_next_move_aria_current_and_the_stage(open_page):
    events = events_of(SAMPLE)
    p = open_page()
    p.button("Volgende").click()
    p.button("Volgende").click()
    p.button("Volgende").click()
    assert p.current() == events[2]["seq"]
    p.button("Vorige").click()
    assert p.current() == events[1]["seq"]
    row = p.page.locator(f"#line-{events[1]['seq']}")
    assert p.page.locator("#stage-line").text_content() == row.locator("td").nth(5).text_content().strip()
    assert p.page.locator("table.events tr[aria-current]").count() == 1


def test_keys_space_arrows_and_m(open_page):
    events = events_of(SAMPLE)
    marks = [e["seq"] for e in events if e["kind"] == "mark"]
    p = open_page()
    p.page.keyboard.press("ArrowRight")
    p.page.keyboard.press("ArrowRight")
    assert p.current() == events[1]["seq"]
    p.page.keyboard.press("ArrowLeft")
    assert p.current() == events[0]["seq"]
    p.page.keyboard.press("m")
    assert p.current() == marks[0]
    p.page.keyboard.press("m")
    assert p.current() == marks[1]
    p.page.keyboard.press(" ")
    assert p.button("Pauzeren").is_visible()
    p.page.keyboard.press(" ")
    assert p.button("Afspelen").is_visible()


def test_a_click_on_the_timeline_jumps_to_the_nearest_line(open_page):
    events = events_of(SAMPLE)
    p = open_page()
    svg = p.page.locator("svg#timeline")
    left, right, duration = (float(svg.get_attribute(f"data-{k}")) for k in ("left", "right", "duration"))
    box = svg.bounding_box()
    scale = box["width"] / 960
    for target in (events[len(events) // 2], events[len(events) // 3], events[-1]):
        seconds = target["elapsed"] + 9  # lines are 40 s apart: this one is still the nearest
        nearest = min(events, key=lambda e: abs(e["elapsed"] - seconds))
        assert nearest["seq"] == target["seq"]
        x = (left + (right - left) * min(seconds / duration, 1)) * scale
        svg.click(position={"x": x, "y": 100 * scale})
        assert p.current() == target["seq"]


def test_a_marker_link_jumps_to_its_line(open_page):
    events = events_of(SAMPLE)
    marks = [e for e in events if e["kind"] == "mark"]
    p = open_page()
    links = p.page.locator("nav.markers").get_by_role("link")
    assert links.count() == len(marks)
    for mark in reversed(marks):
        p.page.get_by_role("link", name=f"⚑ {mark['label']}").click()
        assert p.current() == mark["seq"]
        assert mark["label"] in p.page.locator("#stage-line").text_content()


def test_pause_before_each_answer_stops_before_every_say_of_the_family(open_page):
    events = events_of(SAMPLE)
    answers = answers_of(events)
    assert len(answers) > 5 and any(b == a + 1 for a, b in zip(answers, answers[1:])), "answers in a row too"
    order = [e["seq"] for e in events]
    p = open_page()
    p.page.get_by_label("Pauzeer voor elk antwoord").check()
    p.button("Afspelen").click()
    for answer in answers:
        p.page.clock.run_for(ENOUGH)
        before = order[order.index(answer) - 1]
        assert p.current() == before, f"stopped before the answer {answer}"
        assert p.button("Afspelen").is_visible()
        assert p.page.locator(f"#line-{answer}").is_hidden(), "the answer is not shown yet"
        assert p.page.locator("#stage-hint").is_visible()
        if answer == answers[-1]:
            p.button("Volgende").click()  # Volgende shows the answer as well, and stays paused
            assert p.current() == answer and p.button("Afspelen").is_visible()
            p.button("Afspelen").click()
        else:
            p.button("Afspelen").click()
            assert p.current() == answer
        assert p.page.locator(f"#line-{answer}").is_visible()
    p.page.clock.run_for(ENOUGH)
    assert p.current() == order[-1]


def test_without_pause_before_answers_it_plays_through(open_page):
    p = open_page()
    p.button("Afspelen").click()
    p.page.clock.run_for(ENOUGH)
    assert p.current() == events_of(SAMPLE)[-1]["seq"]


# --- Presentation, print, no script ---------------------------------------------------------------------

def font_size(p: Page, selector: str) -> float:
    return float(p.page.eval_on_selector(selector, "e => getComputedStyle(e).fontSize").removesuffix("px"))


def test_presentation_mode_has_large_type_and_only_the_replay(open_page):
    p = open_page()
    p.button("Volgende").click()
    normal = font_size(p, "#stage-line")
    p.button("Presentatie").click()
    assert "presentation" in p.page.eval_on_selector("body", "e => e.className")
    assert p.button("Presentatie").get_attribute("aria-pressed") == "true"
    assert font_size(p, "#stage-line") >= 2 * normal >= 40
    assert p.page.locator("section.quotes").is_hidden() and p.page.locator("section.summary").is_hidden()
    assert p.page.locator("#player").is_visible() and p.page.locator("svg#timeline").is_visible()
    p.page.keyboard.press("Escape")
    assert p.button("Presentatie").get_attribute("aria-pressed") == "false"
    assert p.page.locator("section.quotes").is_visible()


def test_printing_gives_the_report_not_the_player(open_page):
    events = events_of(SAMPLE)
    p = open_page()
    p.page.get_by_label("Pauzeer voor elk antwoord").check()
    p.button("Volgende").click()
    p.button("Presentatie").click()
    assert p.page.locator(f"#line-{events[-1]['seq']}").is_hidden()
    p.page.emulate_media(media="print")
    assert p.page.locator("#player").is_hidden() and p.page.locator("nav.markers").is_hidden()
    for selector in ("section.quotes", "section.summary", "figure.ecogram", "header dl.facts"):
        assert p.page.locator(selector).is_visible(), selector
    assert all(p.page.locator(f"#line-{e['seq']}").is_visible() for e in events), "every line printed"
    assert font_size(p, "body") < 16


def test_without_javascript_the_page_is_the_whole_report(open_page):
    events = events_of(SAMPLE)
    p = open_page(javascript=False)
    assert p.page.locator("#player").is_hidden()
    assert p.page.locator("table.events tr[aria-current]").count() == 0
    assert all(p.page.locator(f"#line-{e['seq']}").is_visible() for e in events)
    assert p.page.locator("section.quotes").is_visible() and p.page.locator("section.summary").is_visible()
    mark = next(e for e in events if e["kind"] == "mark")
    assert p.page.get_by_role("link", name=f"⚑ {mark['label']}").get_attribute("href") == f"#line-{mark['seq']}"


def test_english_names(open_page):
    p = open_page(SAMPLE, "--lang", "en")
    for name in ("Play", "Previous", "Next", "Presentation"):
        assert p.button(name).is_visible(), name
    p.button("Play").click()
    assert p.button("Pause").is_visible()
    assert p.page.get_by_label("Pause before each answer").is_visible()
    assert p.page.get_by_role("button", name="Afspelen").count() == 0


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_every_sample_plays_without_errors(open_page, sample):
    p = open_page(sample)
    p.page.get_by_label("Pauzeer voor elk antwoord").check()
    for _ in answers_of(events_of(sample)):
        p.button("Afspelen").click()
        p.page.clock.run_for(ENOUGH)
    p.button("Afspelen").click()
    p.page.clock.run_for(ENOUGH)
    assert p.current() == events_of(sample)[-1]["seq"]


# --- Untrusted text --------------------------------------------------------------------------------------

HOSTILE = [
    '<img src=x onerror="document.title=\'pwned\'">',
    "</script><script>document.title='pwned2'</script>",
    "\u2028<svg onload=alert(1)> & &amp; \"quotes\"",
]


def test_a_hostile_line_stays_text_and_runs_nothing(open_page, gesprek, tmp_path):
    script = write_script(tmp_path / "vijandig.gesprek", "\n".join([
        'session case=OKT-2026-0999 advisor="Sanne Bakker"',
        "participant Milan role=jongere",
        "ask #v Hoe gaat het?",
        *(f"say Milan #v {text}" for text in HOSTILE),
        "mark <b>vet</b>",
        "",
    ]))
    transcript = tmp_path / "vijandig.jsonl"
    result = gesprek.run("run", script, "-o", transcript)
    assert result.returncode == EX_OK, result.stderr
    p = open_page(transcript)
    title = p.page.title()
    assert "pwned" not in title
    p.page.get_by_label("Pauzeer voor elk antwoord").check()
    shown = []
    for _ in HOSTILE:
        p.button("Afspelen").click()
        p.page.clock.run_for(ENOUGH)
        p.button("Volgende").click()
        shown.append(p.page.locator("#stage-line").text_content())
    for text, line in zip(HOSTILE, shown):
        assert line.endswith(re.sub(r"\s+", " ", text).strip()), (text, line)
    p.page.get_by_role("link", name="⚑ <b>vet</b>").click()
    assert p.page.locator("#stage-line").text_content().endswith("<b>vet</b>")
    assert p.page.title() == title
    assert p.page.locator("img, b").count() == 0 and p.page.locator("svg").count() == 2
    assert p.page.locator("script").count() == 1
