import Crypto
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The HTML export's replay player: its script and style, as constants so
/// that the page's Content-Security-Policy can name the script by its
/// SHA-256 hash instead of allowing any inline script.
///
/// The script reads the lines from the course table's rows (`data-seq`,
/// `data-elapsed`, `data-kind`, `data-answer`) and writes text only with
/// `textContent`; its words come from the player's `data-*` attributes, so
/// one script (and one hash) serves every language. It plays at the
/// transcript's pace with the rules of ``ReplayPacer``: the wait before a line
/// is the gap in `elapsed` since the last line shown (or the point jumped
/// to), divided by the speed, and never longer than the longest pause.
enum ReplayPlayerScript {
    /// `'sha256-…'` for the Content-Security-Policy's `script-src`.
    static let hashSource: String = {
        let digest = SHA256.hash(data: Data(script.utf8))
        return "'sha256-" + Data(digest).base64EncodedString() + "'"
    }()

    /// The page's policy: nothing from anywhere, the inline style, and this one script.
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; script-src \(hashSource); base-uri 'none'; form-action 'none'"
    }

    static let script = """
        (function () {
          "use strict";
          var player = document.getElementById("player");
          var rows = Array.prototype.slice.call(document.querySelectorAll("table.events tbody tr[data-seq]"));
          if (!player || !rows.length) { return; }
          var words = player.dataset;
          var lines = rows.map(function (row) {
            return {
              row: row,
              seq: Number(row.getAttribute("data-seq")),
              elapsed: Number(row.getAttribute("data-elapsed")) || 0,
              answer: row.hasAttribute("data-answer"),
              speaker: row.getAttribute("data-speaker") || "",
              mark: row.getAttribute("data-kind") === "mark"
            };
          });
          // The team's reflections: rows of their own under the line they are about, never lines to play.
          var reflections = Array.prototype.slice.call(document.querySelectorAll("table.events tbody tr.reflection[data-about]"))
            .map(function (row) { return { row: row, about: Number(row.getAttribute("data-about")) }; });
          var byId = function (id) { return document.getElementById(id); };
          var playButton = byId("player-play"), playLabel = byId("player-play-label"), playIcon = byId("player-play-icon");
          var prevButton = byId("player-prev"), nextButton = byId("player-next");
          var speedSelect = byId("player-speed"), idleSelect = byId("player-idle");
          var pauseBox = byId("player-pause-answers"), presentButton = byId("player-present");
          var stageMeta = byId("stage-meta"), stageLine = byId("stage-line"), stageHint = byId("stage-hint");
          var stageReflections = byId("stage-reflections");
          var position = byId("player-position");
          var timeline = byId("timeline"), playhead = byId("playhead");
          var current = -1, playing = false, waiting = false, timer = null, reference = 0;
          var last = lines[lines.length - 1].elapsed;

          function clock(seconds) {
            var s = Math.max(0, Math.floor(seconds)), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
            var ss = String(s % 60).padStart(2, "0");
            return h > 0 ? h + ":" + String(m).padStart(2, "0") + ":" + ss : m + ":" + ss;
          }
          function cellText(row, index) {
            var cell = row.cells[index];
            return cell ? cell.textContent.replace(/\\s+/g, " ").trim() : "";
          }
          function hint(text) {
            stageHint.textContent = text;
            stageHint.hidden = !text;
          }
          function show(index) {
            if (current >= 0) { lines[current].row.removeAttribute("aria-current"); }
            current = Math.max(-1, Math.min(index, lines.length - 1));
            waiting = false;
            hint("");
            lines.forEach(function (line, i) { line.row.classList.toggle("ahead", i > current); });
            var seq = current < 0 ? -Infinity : lines[current].seq;
            reflections.forEach(function (note) { note.row.classList.toggle("ahead", note.about > seq); });
            if (stageReflections) {
              var here = reflections.filter(function (note) { return note.about === seq; });
              stageReflections.textContent = here.map(function (note) {
                return cellText(note.row, 3) + ": " + cellText(note.row, 5);
              }).join("\\n");
              stageReflections.hidden = !here.length;
            }
            document.body.classList.toggle("replaying", current >= 0);
            if (current < 0) {
              reference = 0;
              stageMeta.textContent = "";
              stageLine.textContent = words.start;
              position.textContent = "0 / " + lines.length + " · " + clock(0) + " / " + clock(last);
              if (playhead) { playhead.setAttribute("visibility", "hidden"); }
              return;
            }
            var line = lines[current];
            reference = line.elapsed;
            line.row.setAttribute("aria-current", "true");
            stageMeta.textContent = "#" + line.seq + " · " + cellText(line.row, 1) + " · " + cellText(line.row, 3);
            stageLine.textContent = cellText(line.row, 5);
            position.textContent = (current + 1) + " / " + lines.length + " · " + clock(line.elapsed) + " / " + clock(last);
            if (playhead && timeline) {
              var left = Number(timeline.getAttribute("data-left")), right = Number(timeline.getAttribute("data-right"));
              var duration = Number(timeline.getAttribute("data-duration")) || 1;
              var x = left + (right - left) * Math.min(Math.max(line.elapsed / duration, 0), 1);
              playhead.setAttribute("x1", x);
              playhead.setAttribute("x2", x);
              playhead.setAttribute("visibility", "visible");
            }
            if (!playing) { line.row.scrollIntoView({ block: "nearest" }); }
          }
          function label() {
            playLabel.textContent = playing ? words.pause : words.play;
            playIcon.textContent = playing ? "\\u2016" : "\\u25b6";
            playButton.classList.toggle("playing", playing);
          }
          function wait() {
            var gap = Math.max(0, lines[current + 1].elapsed - reference);
            var seconds = gap / (Number(speedSelect.value) || 1);
            var idle = idleSelect.value === "" ? NaN : Number(idleSelect.value);
            if (!isNaN(idle)) { seconds = Math.min(seconds, idle); }
            return seconds * 1000;
          }
          function schedule() {
            clearTimeout(timer);
            timer = null;
            if (!playing) { return; }
            if (current >= lines.length - 1) { stop(); return; }
            timer = setTimeout(tick, wait());
          }
          function tick() {
            timer = null;
            var next = current + 1;
            if (pauseBox.checked && lines[next].answer) {
              stop();
              waiting = true;
              reference = lines[next].elapsed;
              hint(words.waiting.replace("{speaker}", lines[next].speaker));
              return;
            }
            show(next);
            schedule();
          }
          function stop() {
            playing = false;
            clearTimeout(timer);
            timer = null;
            label();
          }
          function play() {
            if (current >= lines.length - 1) { show(-1); }
            playing = true;
            label();
            if (waiting) { show(current + 1); }
            schedule();
          }
          function toggle() { if (playing) { stop(); } else { play(); } }
          function jump(index) {
            show(index);
            schedule();
          }
          function nextMarker() {
            for (var i = current + 1; i < lines.length; i++) {
              if (lines[i].mark) { jump(i); return; }
            }
          }

          playButton.addEventListener("click", toggle);
          prevButton.addEventListener("click", function () { jump(current - 1); });
          nextButton.addEventListener("click", function () { jump(current + 1); });
          speedSelect.addEventListener("change", schedule);
          idleSelect.addEventListener("change", schedule);
          pauseBox.addEventListener("change", function () {
            document.body.classList.toggle("incident", pauseBox.checked);
          });
          presentButton.addEventListener("click", function () {
            var on = document.body.classList.toggle("presentation");
            presentButton.setAttribute("aria-pressed", on ? "true" : "false");
          });
          Array.prototype.forEach.call(document.querySelectorAll("nav.markers a[data-seq]"), function (link) {
            link.addEventListener("click", function (event) {
              var seq = Number(link.getAttribute("data-seq"));
              var index = lines.findIndex(function (line) { return line.seq === seq; });
              if (index < 0) { return; }
              event.preventDefault();
              jump(index);
            });
          });
          if (timeline) {
            timeline.addEventListener("click", function (event) {
              var matrix = timeline.getScreenCTM();
              if (!matrix) { return; }
              var point = timeline.createSVGPoint();
              point.x = event.clientX;
              point.y = event.clientY;
              var x = point.matrixTransform(matrix.inverse()).x;
              var left = Number(timeline.getAttribute("data-left")), right = Number(timeline.getAttribute("data-right"));
              var duration = Number(timeline.getAttribute("data-duration")) || 1;
              var seconds = Math.min(Math.max((x - left) / (right - left), 0), 1) * duration;
              var best = 0;
              lines.forEach(function (line, i) {
                if (Math.abs(line.elapsed - seconds) < Math.abs(lines[best].elapsed - seconds)) { best = i; }
              });
              jump(best);
            });
          }
          document.addEventListener("keydown", function (event) {
            if (event.altKey || event.ctrlKey || event.metaKey) { return; }
            var target = event.target;
            var control = target && target.closest ? target.closest("button, select, input, textarea, a, summary") : null;
            var field = target && target.closest ? target.closest("select, input, textarea") : null;
            if (event.key === " " || event.key === "Spacebar") {
              if (control) { return; }
              event.preventDefault();
              toggle();
            } else if (event.key === "ArrowRight" && !field) {
              event.preventDefault();
              jump(current + 1);
            } else if (event.key === "ArrowLeft" && !field) {
              event.preventDefault();
              jump(current - 1);
            } else if ((event.key === "m" || event.key === "M") && !field) {
              event.preventDefault();
              nextMarker();
            } else if (event.key === "Escape" && document.body.classList.contains("presentation")) {
              presentButton.click();
            }
          });

          player.hidden = false;
          document.body.classList.add("player-ready");
          label();
          show(-1);
        })();
        """

    /// The player's style; `@media print` hides it and shows the whole report.
    static let css = """
        .player { border: 2px solid #111; border-radius: 6px; padding: .6em .8em; margin: 1em 0; background: #fafafa; }
        .player h2 { margin-top: 0; }
        .controls { display: flex; flex-wrap: wrap; gap: .4em .6em; align-items: center; }
        .controls button, .controls select { font: inherit; padding: .25em .7em; border: 1px solid #333; border-radius: 4px;
               background: #fff; color: #111; cursor: pointer; }
        .controls button.playing, .controls button[aria-pressed="true"] { background: #111; color: #fff; }
        .controls button:focus-visible, .controls select:focus-visible, .controls input:focus-visible,
        nav.markers a:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 2px; }
        .controls label { white-space: nowrap; }
        #player-position { font-variant-numeric: tabular-nums; color: #333; }
        .stage { margin: .7em 0 .2em; min-height: 4.2em; }
        .stage p { margin: .15em 0; }
        #stage-meta { color: #444; font-size: .9em; font-variant-numeric: tabular-nums; }
        #stage-line { font-size: 1.35em; font-weight: 600; }
        #stage-reflections { white-space: pre-line; color: #3d2a73; font-style: italic; }
        #stage-hint { border-left: 4px solid #b35900; padding: .2em .6em; background: #fff3e6; font-weight: 600; }
        .player .keys { font-size: .85em; color: #444; margin: .4em 0 0; }
        nav.markers ul { list-style: none; padding: 0; margin: .3em 0 .8em; display: flex; flex-wrap: wrap; gap: .3em 1.2em; }
        nav.markers a { color: #1f3f8a; }
        .player-ready svg.timeline { cursor: pointer; }
        table.events tr[aria-current] td { background: #fff1b8; }
        table.events tr[aria-current] td:first-child { box-shadow: inset 4px 0 0 #b35900; }
        @media screen {
            .replaying table.events tr.ahead td { color: #777; }
            .incident table.events tr.ahead, .presentation table.events tr.ahead { display: none; }
            .incident section.quotes, .incident section.summary { display: none; }
            body.presentation { font-size: 24px; max-width: none; padding: 16px 32px; }
            .presentation header .facts, .presentation header .anonymized, .presentation figure.ecogram,
            .presentation section.quotes, .presentation section.summary, .presentation footer,
            .presentation figcaption, .presentation .keys { display: none; }
            .presentation h1 { font-size: 1.3em; }
            .presentation #stage-line { font-size: 2em; line-height: 1.25; }
            .presentation .stage { min-height: 6em; }
        }
        @media print {
            .player, nav.markers, #playhead { display: none !important; }
            table.events tr[aria-current] td { background: none; box-shadow: none; }
        }
        """
}
