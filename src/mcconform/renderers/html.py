"""One self-contained HTML page: no network, no CDN, no external file.

CSS, JavaScript and the SVG charts are inline, and a Content-Security-Policy forbids the page
to load anything, so the file can be mailed to an auditor or attached to a CI run.  Links to
specifications are plain links.  The page works without JavaScript (the script only adds
filtering and sorting).  Every number is in the HTML text, and the main ones also in
``data-metric``/``data-value`` attributes for machines.

:func:`render` is ``mcconform check --format html``: summary, pass rate per profile, the most
frequent findings, and a drill-down per document (findings with JSON Pointer, line and
column, rule and specification link).  ``mcconform audit --format html`` is
:mod:`mcconform.renderers.audit_html`, built from the same parts.
No timestamps: the same input gives the same bytes.
"""

from __future__ import annotations

import html
from typing import Any

from ..locate import spec_url
from ..report import Report

MAX_DOCUMENTS = 20_000
CHART_FINDINGS = 15
VERDICT_COLOURS = {"pass": "#2e7d32", "fail": "#c62828", "cantTell": "#f9a825", "inapplicable": "#9e9e9e"}
SEVERITY_COLOURS = {"error": "#c62828", "warning": "#ef6c00", "info": "#1565c0"}

CSS = """
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #5f6b7a; --line: #d8dee4;
  --card: #f6f8fa; --pass: #2e7d32; --fail: #c62828; --warn: #ef6c00; --info: #1565c0; --cant: #f9a825; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --line: #30363d; --card: #161b22; }
}
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0 auto; max-width: 1400px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .75rem;
  border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.sub { color: var(--muted); margin: 0 0 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .75rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; }
.card .num { font-size: 1.8rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; }
.card.good .num { color: var(--pass); } .card.bad .num { color: var(--fail); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--card); position: sticky; top: 0; cursor: default; }
th.sortable { cursor: pointer; } th.sortable:after { content: " \\2195"; color: var(--muted); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font: .85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: break-word; }
.sev, .verdict { display: inline-block; padding: 0 .4rem; border-radius: 4px; color: #fff; font-size: .78rem;
  font-weight: 600; white-space: nowrap; }
.sev.error, .verdict.fail { background: var(--fail); } .sev.warning { background: var(--warn); }
.sev.info { background: var(--info); } .verdict.pass { background: var(--pass); }
.verdict.cantTell { background: var(--cant); color: #000; } .verdict.inapplicable { background: #9e9e9e; }
.barbg { display: inline-block; width: 80px; height: .6rem; background: var(--line); border-radius: 2px;
  margin-right: .4rem; vertical-align: middle; overflow: hidden; }
.bar { display: block; height: 100%; background: var(--pass); }
.scroll { overflow-x: auto; }
table ul { margin: 0; padding-left: 1rem; }
table.groups { font-size: .85rem; }
table.groups td.name { min-width: 11rem; } table.groups td.id { max-width: 20rem; overflow-wrap: anywhere; }
table.groups td.top { min-width: 15rem; } table.groups td.top div { white-space: nowrap; }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; } svg .muted { fill: var(--muted); }
.chart { overflow-x: auto; }
.legend span { display: inline-block; margin-right: 1rem; font-size: .85rem; }
.legend i { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .3rem;
  vertical-align: -1px; }
.controls { display: flex; gap: .5rem; flex-wrap: wrap; margin-bottom: .75rem; }
.controls input, .controls select, .controls button { font: inherit; padding: .3rem .5rem;
  border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.controls input { flex: 1; min-width: 220px; }
details.doc { border: 1px solid var(--line); border-radius: 6px; margin: .35rem 0; }
details.doc > summary { padding: .4rem .6rem; cursor: pointer; display: flex; gap: .6rem;
  align-items: baseline; flex-wrap: wrap; }
details.doc > summary .src { font-weight: 600; word-break: break-all; }
details.doc > summary .kind, .muted { color: var(--muted); font-size: .85rem; }
details.doc[open] > summary { border-bottom: 1px solid var(--line); }
details.doc .body { padding: .5rem .6rem; }
table.findings td:first-child { min-width: 13rem; } table.findings td:last-child { min-width: 18rem; }
.note { color: var(--muted); font-style: italic; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@media print { .controls { display: none; } details.doc { break-inside: avoid; } }
"""

JS = """
(function () {
  function $(s, r) { return (r || document).querySelectorAll(s); }
  var q = document.getElementById('q'), st = document.getElementById('status');
  function filter() {
    var text = q ? q.value.toLowerCase() : '', want = st ? st.value : 'all', shown = 0;
    $('details.doc').forEach(function (d) {
      var ok = (!text || d.getAttribute('data-search').indexOf(text) >= 0) &&
               (want === 'all' || d.getAttribute('data-status') === want);
      d.hidden = !ok; if (ok) shown++;
    });
    var c = document.getElementById('shown'); if (c) c.textContent = shown;
  }
  if (q) q.addEventListener('input', filter);
  if (st) st.addEventListener('change', filter);
  var ex = document.getElementById('expand'), co = document.getElementById('collapse');
  function openAll(open) {
    $('details.doc').forEach(function (d) { d.open = open && !d.hidden; });
  }
  if (ex) ex.addEventListener('click', function () { openAll(true); });
  if (co) co.addEventListener('click', function () { openAll(false); });
  $('table.sortable').forEach(function (table) {
    $('th', table).forEach(function (th, i) {
      th.classList.add('sortable');
      th.addEventListener('click', function () {
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var asc = th.getAttribute('data-dir') !== 'asc';
        rows.sort(function (a, b) {
          var x = a.cells[i].getAttribute('data-sort') || a.cells[i].textContent;
          var y = b.cells[i].getAttribute('data-sort') || b.cells[i].textContent;
          var nx = parseFloat(x), ny = parseFloat(y);
          var r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
        $('th', table).forEach(function (h) { h.removeAttribute('data-dir'); });
        th.setAttribute('data-dir', asc ? 'asc' : 'desc');
      });
    });
  });
})();
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f} %"


def page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        f"<script>{JS}</script>\n</body>\n</html>\n"
    )


def card(metric: str, value: Any, label: str, shown: str | None = None, cls: str = "") -> str:
    return (
        f'<div class="card {cls}" data-metric="{e(metric)}" data-value="{e(value)}">'
        f'<div class="num">{e(shown if shown is not None else value)}</div>'
        f'<div class="label">{e(label)}</div></div>'
    )


def link(url: str | None, text: str) -> str:
    if not url:
        return e(text)
    return f'<a href="{e(url)}" rel="noreferrer noopener">{e(text)}</a>'


def _truncate(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def bar_chart(items: list[tuple[str, int, str, str]], label_width: int = 300, width: int = 760) -> str:
    """Horizontal bars: (label, value, colour, tooltip)."""
    if not items:
        return '<p class="note">Nothing to chart.</p>'
    row = 24
    height = row * len(items) + 8
    top = max(v for _, v, _, _ in items) or 1
    span = width - label_width - 70
    parts = [
        f'<svg role="img" aria-label="bar chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, value, colour, tip) in enumerate(items):
        y = 4 + i * row
        w = max(1, round(span * value / top)) if value else 0
        parts.append(
            f"<g><title>{e(tip)}</title>"
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{e(_truncate(label, 42))}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{w}" height="{row - 8}" rx="2" fill="{colour}"/>'
            f'<text x="{label_width + w + 6}" y="{y + 15}">{value:,}</text></g>'
        )
    parts.append("</svg>")
    return '<div class="chart">' + "".join(parts) + "</div>"


def stacked_chart(profiles: dict[str, dict[str, Any]], label_width: int = 180, width: int = 760) -> str:
    """One stacked bar per profile: pass / fail / cantTell / inapplicable."""
    if not profiles:
        return '<p class="note">No profile was applied.</p>'
    row = 28
    height = row * len(profiles) + 8
    span = width - label_width - 90
    parts = [
        f'<svg role="img" aria-label="verdicts per profile" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (name, p) in enumerate(profiles.items()):
        y = 4 + i * row
        total = sum(p[v] for v in VERDICT_COLOURS) or 1
        parts.append(f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end">{e(name)}</text>')
        x = float(label_width)
        for verdict, colour in VERDICT_COLOURS.items():
            n = p[verdict]
            if not n:
                continue
            w = span * n / total
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row - 10}" fill="{colour}">'
                f"<title>{e(name)}: {n:,} {e(verdict)}</title></rect>"
            )
            x += w
        parts.append(f'<text x="{label_width + span + 8}" y="{y + 17}">{e(pct(p["pass_rate"]))}</text>')
    parts.append("</svg>")
    legend = "".join(f'<span><i style="background:{c}"></i>{e(v)}</span>' for v, c in VERDICT_COLOURS.items())
    return f'<div class="chart">{"".join(parts)}</div><div class="legend">{legend}</div>'


def profiles_section(profiles: dict[str, dict[str, Any]]) -> str:
    rows = "".join(
        f'<tr data-profile="{e(name)}"><td><code>{e(name)}</code></td>'
        f'<td class="n">{p["applicable"]:,}</td><td class="n">{p["pass"]:,}</td>'
        f'<td class="n">{p["fail"]:,}</td><td class="n">{p["cantTell"]:,}</td>'
        f'<td class="n">{p["inapplicable"]:,}</td>'
        f'<td class="n" data-sort="{p["pass_rate"] if p["pass_rate"] is not None else -1}">'
        f"{e(pct(p['pass_rate']))}</td></tr>"
        for name, p in profiles.items()
    )
    table = (
        '<table class="sortable"><thead><tr><th>Profile</th><th class="n">Applicable</th>'
        '<th class="n">Pass</th><th class="n">Fail</th><th class="n">cantTell</th>'
        '<th class="n">Inapplicable</th><th class="n">Pass rate</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    return (
        '<section id="profiles"><h2>Pass rate per profile</h2>'
        '<p class="sub">Pass rate: documents that pass among those the profile applies to.</p>'
        f"{stacked_chart(profiles)}{table if profiles else ''}</section>"
    )


def findings_section(findings: list[dict[str, Any]], title: str = "Most frequent findings") -> str:
    items = [
        (f["rule"], f["count"], SEVERITY_COLOURS.get(f["severity"], "#777"), f"{f['rule']}: {f['title']}")
        for f in findings[:CHART_FINDINGS]
    ]
    rows = []
    for f in findings:
        examples = "".join(
            f"<li><code>{e(x['source'])}</code>"
            + (f" line {x['line']}" if x.get("line") is not None else "")
            + f" <code>{e(x['pointer'] or '/')}</code> {e(x['message'])}</li>"
            for x in f["examples"]
        )
        rows.append(
            f'<tr data-rule="{e(f["rule"])}"><td><code>{e(f["rule"])}</code><br>'
            f'<span class="muted">{e(f["title"])}</span></td>'
            f'<td data-sort="{e(f["severity"])}">'
            f'<span class="sev {e(f["severity"])}">{e(f["severity"])}</span></td>'
            f'<td class="n">{f["count"]:,}</td><td class="n">{f["documents"]:,}</td>'
            f"<td>{link(f.get('spec_url'), f['spec'] or '–')}</td><td><ul>{examples}</ul></td></tr>"
        )
    table = (
        '<table class="sortable findings"><thead><tr><th>Rule</th><th>Severity</th>'
        '<th class="n">Findings</th>'
        '<th class="n">Documents</th><th>Specification</th><th>Examples</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    body = bar_chart(items) + table if findings else '<p class="note">No findings.</p>'
    return f'<section id="findings"><h2>{e(title)}</h2>{body}</section>'


def summary_cards(totals: dict[str, Any], extra: str = "") -> str:
    ok = totals["not_conformant"] == 0
    unverified = totals.get("not_verified", 0)
    return (
        '<section id="summary" class="cards">'
        + card("documents", totals["documents"], "documents", f"{totals['documents']:,}")
        + card("conformant", totals["conformant"], "conformant", f"{totals['conformant']:,}", "good")
        + card(
            "not_conformant",
            totals["not_conformant"],
            "not conformant",
            f"{totals['not_conformant']:,}",
            "" if ok else "bad",
        )
        + card(
            "pass_rate",
            "" if totals["pass_rate"] is None else totals["pass_rate"],
            "pass rate",
            pct(totals["pass_rate"]),
            "good" if ok else "bad",
        )
        + card("not_verified", unverified, "not verified", f"{unverified:,}")
        + card("errors", totals["errors"], "errors", f"{totals['errors']:,}")
        + card("warnings", totals["warnings"], "warnings", f"{totals['warnings']:,}")
        + card("infos", totals["infos"], "notes", f"{totals['infos']:,}")
        + extra
        + "</section>"
    )


# --------------------------------------------------------------------------- check report


def _document(doc: Any) -> str:
    status = doc.verdict  # pass / fail / cantTell
    label = {"pass": "PASS", "fail": "FAIL"}.get(status, "NOT VERIFIED")
    locs: dict[str, Any] = doc.meta.get("locations") or {}
    verdicts = " ".join(
        f'<span class="verdict {e(doc.profiles[k].verdict)}" title="{e(k)}: {e(doc.profiles[k].verdict)}">'
        f"{e(k)}</span>"
        for k in sorted(doc.profiles)
    )
    errors = sum(f.severity == "error" for f in doc.findings)
    warnings = sum(f.severity == "warning" for f in doc.findings)
    search = " ".join([doc.source, doc.kind, *sorted({f.rule for f in doc.findings})]).lower()
    rows = []
    for f in doc.findings:
        loc = locs.get(f.pointer)
        where = f"{loc['line']}:{loc['column']}" if loc else ""
        extra = "".join(
            f'<br><span class="muted">{e(k)}: <code>{e(getattr(f, k))}</code></span>'
            for k in ("focus_node", "path", "shape", "value")
            if getattr(f, k) is not None
        )
        rows.append(
            f'<tr><td><span class="sev {e(f.severity)}">{e(f.severity)}</span></td>'
            f'<td><code>{e(f.pointer or "/")}</code></td><td class="n">{e(where)}</td>'
            f"<td>{e(f.message)}{extra}</td><td><code>{e(f.rule)}</code></td>"
            f"<td>{link(spec_url(f.spec), f.spec or '–')}</td></tr>"
        )
    if rows:
        body = (
            '<table><thead><tr><th>Severity</th><th>Pointer</th><th class="n">Line:col</th><th>Message</th>'
            f"<th>Rule</th><th>Specification</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
    else:
        body = '<p class="note">No findings.</p>'
    envelope = doc.meta.get("envelope")
    if envelope:
        body = f'<p class="muted">Envelope: {e(envelope)}; pointers refer to the decoded payload.</p>' + body
    return (
        f'<details class="doc" data-status="{status}" data-search="{e(search)}">'
        f'<summary><span class="verdict {status}">{label}</span>'
        f'<span class="src">{e(doc.source)}</span><span class="kind">{e(doc.kind)}</span>{verdicts}'
        f'<span class="muted">{errors} error(s), {warnings} warning(s)</span></summary>'
        f'<div class="body">{body}</div></details>'
    )


def render(report: Report, opts: dict[str, Any]) -> str:
    from .markdown import aggregate

    data = aggregate(report)
    totals = data["totals"]
    limit = int(opts.get("max_documents", MAX_DOCUMENTS))
    docs = report.documents[:limit]
    more = (
        f'<p class="note">{len(report.documents) - limit:,} more document(s) not shown; '
        "use --format json for all of them.</p>"
        if len(report.documents) > limit
        else ""
    )
    body = (
        "<header><h1>mcconform conformance report</h1>"
        f'<p class="sub">mcconform {e(report.tool_version)} · {totals["documents"]:,} document(s) · '
        "Open Badges 2.0/3.0, W3C VC, European Learning Model, EU micro-credential criteria</p></header>"
        + summary_cards(totals)
        + profiles_section(data["profiles"])
        + findings_section(data["findings"])
        + '<section id="documents"><h2>Documents</h2>'
        '<div class="controls"><input id="q" type="search" placeholder="Filter by file, kind or rule…" '
        'aria-label="filter">'
        '<select id="status" aria-label="status"><option value="all">all</option>'
        '<option value="fail">failed</option><option value="cantTell">not verified</option>'
        '<option value="pass">conformant</option></select>'
        '<button id="expand" type="button">expand all</button>'
        '<button id="collapse" type="button">collapse all</button></div>'
        f'<p class="muted"><span id="shown">{len(docs):,}</span> shown</p>'
        + "".join(_document(d) for d in docs)
        + more
        + "</section>"
        + f"<footer>Generated by mcconform {e(report.tool_version)}. Self-contained: this page loads "
        "nothing from the network.</footer>"
    )
    return page("mcconform conformance report", body)
