/// The report's style sheet, inline: legible on screen, black on white on
/// paper (A4, page breaks between the parts, table heads repeated, rows and
/// pictures never split). No fonts, images or other resources are loaded.
enum HTMLStyle {
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               color: #111; background: #fff; margin: 0 auto; padding: 24px 32px 48px; max-width: 1100px; }
        h1 { font-size: 1.7em; margin: 0 0 .4em; }
        h2 { font-size: 1.3em; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 2px solid #111; }
        h3 { font-size: 1.08em; margin: 1.2em 0 .4em; }
        p.note { color: #444; margin: .3em 0; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1.2em; margin: 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; }
        .anonymized { display: inline-block; border: 1px solid #111; padding: .1em .5em; margin: .5em 0; font-weight: 600; }
        figure { margin: 1em 0 1.5em; }
        figure svg { display: block; width: 100%; height: auto; }
        figcaption { font-size: .9em; color: #333; margin-top: .3em; }
        table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: .92em; }
        th, td { border: 1px solid #999; padding: .25em .45em; text-align: left; vertical-align: top; }
        th { background: #eee; font-weight: 600; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
        tr.retracted td { color: #555; }
        tr.retracted del { text-decoration-thickness: 1.5px; }
        tr.reflection td { background: #f4f1fb; color: #3d2a73; font-style: italic; }
        .badge { display: inline-block; font-size: .78em; border: 1px solid #555; border-radius: 3px; padding: 0 .3em; margin-left: .3em; }
        .tag { color: #333; font-size: .85em; }
        .dim { display: inline-block; font-size: .8em; border-radius: 3px; padding: 0 .35em; margin: 0 .15em .1em 0;
               color: #fff; white-space: nowrap; }
        .dim-vertrekpunt { background: #5b2c83; } .dim-competentioneel { background: #1f5fa8; }
        .dim-sociaal { background: #2e7d32; } .dim-motivationeel { background: #b35900; }
        .gap { font-weight: 600; }
        ul.quotes { list-style: none; padding-left: 0; }
        ul.quotes li { margin: .3em 0 .5em; padding-left: .8em; border-left: 3px solid #777; }
        ul.quotes q { font-style: italic; }
        .meta { color: #444; font-size: .85em; white-space: nowrap; }
        .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5em; }
        .columns ul { padding-left: 1.2em; }
        footer { margin-top: 3em; font-size: .85em; color: #444; border-top: 1px solid #999; padding-top: .5em; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
            body { font-size: 10.5pt; padding: 0; max-width: none; color: #000; background: #fff; }
            * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            h2 { break-after: avoid; }
            h3 { break-after: avoid; }
            figure, table.keep, .columns, dl.facts { break-inside: avoid; }
            tr, li { break-inside: avoid; }
            thead { display: table-header-group; }
            section.course, section.summary { break-before: page; }
            figure.ecogram { break-before: page; }
            th { background: #eee; }
            td, th { border-color: #666; }
        }
        """
}
