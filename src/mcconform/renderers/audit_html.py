"""``mcconform audit --format html``: the audit dictionary as one self-contained page.

Laid out for a 1,400 px screen: tables are fixed-width with wrapping cells (long sources and
pointers break), per-profile pass rates sit in one cell.  Shown: the verdicts (pass / not
verified / fail) apart, pass rate per profile, findings sorted by severity (successes such
as ``proof.verified`` are listed apart and kept out of the chart), issuers and achievements,
the accreditation-audit sections (:mod:`mcconform.renderers.audit_sections`), the Annex I
coverage and a filterable list of the documents with an anchor (``#doc-N``) per document.
Inline CSS and JavaScript only (see :mod:`mcconform.renderers.html`).
"""

from __future__ import annotations

from typing import Any

from .audit_sections import SEVERITY_ORDER, Section, is_success, sections, sort_findings
from .html import SEVERITY_COLOURS, bar_chart, card, e, link, page, pct, profiles_section, summary_cards

CHART_FINDINGS = 15

CSS = """
table.fixed { table-layout: fixed; } table.fixed td { overflow-wrap: anywhere; }
table.fixed th { overflow-wrap: normal; hyphens: auto; }
table.fixed code { overflow-wrap: anywhere; }
table.audit-findings ul { padding-left: 1rem; }
table.groups td.profiles div, table.groups td.top div { white-space: normal; }
.cards.verdicts .card.cant .num { color: #b58100; }
table.doclist tr:target { outline: 2px solid var(--info); }
table.doclist td { padding: .2rem .5rem; }
"""

JS = """
(function () {
  var q = document.getElementById('dq'), v = document.getElementById('dv');
  function filter() {
    var text = q ? q.value.toLowerCase() : '', want = v ? v.value : 'all', shown = 0;
    document.querySelectorAll('table.doclist tbody tr').forEach(function (r) {
      var ok = (!text || r.getAttribute('data-search').indexOf(text) >= 0) &&
               (want === 'all' || r.getAttribute('data-verdict') === want);
      r.hidden = !ok; if (ok) shown++;
    });
    var c = document.getElementById('dshown'); if (c) c.textContent = shown;
  }
  if (q) q.addEventListener('input', filter);
  if (v) v.addEventListener('change', filter);
})();
"""


def _verdicts(totals: dict[str, Any]) -> str:
    v = totals.get("verdicts") or {}
    excluded = totals.get("excluded") or {}
    note = ""
    if excluded:
        what = ", ".join(f"{n:,} {k}" for k, n in excluded.items())
        note = f'<p class="note">Not counted (--credentials-only): {e(what)} document(s).</p>'
    return (
        '<section id="verdicts"><h2>Verdicts</h2>'
        '<p class="sub">“Not verified” (cantTell): nothing failed, but something that applies could not '
        "be checked offline, or no profile applied. It is not a pass.</p>"
        '<div class="cards verdicts">'
        + card("verdict_pass", v.get("pass", 0), "pass", f"{v.get('pass', 0):,}", "good")
        + card("verdict_cantTell", v.get("cantTell", 0), "not verified", f"{v.get('cantTell', 0):,}", "cant")
        + card("verdict_fail", v.get("fail", 0), "fail", f"{v.get('fail', 0):,}", "bad")
        + f"</div>{note}</section>"
    )


def _examples(f: dict[str, Any]) -> str:
    return "".join(
        f"<li><code>{e(x['source'])}</code>"
        + (f" line {x['line']}" if x.get("line") is not None else "")
        + f" <code>{e(x['pointer'] or '/')}</code> {e(x['message'])}</li>"
        for x in f["examples"]
    )


def _findings_table(findings: list[dict[str, Any]]) -> str:
    rows = "".join(
        f'<tr data-rule="{e(f["rule"])}"><td><code>{e(f["rule"])}</code><br>'
        f'<span class="muted">{e(f["title"])}</span></td>'
        f'<td data-sort="{SEVERITY_ORDER.get(f["severity"], 9)}">'
        f'<span class="sev {e(f["severity"])}">{e(f["severity"])}</span></td>'
        f'<td class="n">{f["count"]:,}</td><td class="n">{f["documents"]:,}</td>'
        f"<td>{link(f.get('spec_url'), f['spec'] or '–')}</td><td><ul>{_examples(f)}</ul></td></tr>"
        for f in findings
    )
    return (
        '<table class="sortable fixed audit-findings"><colgroup><col style="width:20%">'
        '<col style="width:7%"><col style="width:7%"><col style="width:8%"><col style="width:16%">'
        '<col style="width:42%"></colgroup>'
        '<thead><tr><th>Rule</th><th>Severity</th><th class="n">Findings</th>'
        '<th class="n">Documents</th><th>Specification</th><th>Examples</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _findings(findings: list[dict[str, Any]]) -> str:
    problems = sort_findings([f for f in findings if not is_success(f["rule"])])
    successes = sort_findings([f for f in findings if is_success(f["rule"])])
    chart = sorted(problems, key=lambda f: (-f["count"], f["rule"]))[:CHART_FINDINGS]
    items = [
        (f["rule"], f["count"], SEVERITY_COLOURS.get(f["severity"], "#777"), f"{f['rule']}: {f['title']}")
        for f in chart
    ]
    body = (bar_chart(items) + _findings_table(problems)) if problems else '<p class="note">No findings.</p>'
    if successes:
        body += (
            '<h3 id="successes">Successes</h3><p class="sub">Checks that passed and say so (a verified '
            "proof, seal, recipient or status): not problems, kept out of the chart.</p>"
            + _findings_table(successes)
        )
    return (
        '<section id="findings"><h2>Findings by severity</h2>'
        '<p class="sub">Errors first, then warnings, then notes; the chart shows the most frequent.</p>'
        f"{body}</section>"
    )


def _groups(groups: list[dict[str, Any]], cls: str, with_issuer: bool) -> str:
    rows = []
    for g in groups:
        rate = g["pass_rate"]
        width = round(80 * rate) if rate is not None else 0
        top = "".join(
            f"<div><code>{e(t['rule'])}</code> ×{t['documents']:,}</div>" for t in g["top_findings"][:3]
        )
        per_profile = "".join(
            f'<div data-profile="{e(name)}"><code>{e(name)}</code> {e(pct(p["pass_rate"]))}</div>'
            for name, p in g["profiles"].items()
            if p["applicable"]
        )
        issuer = f"<td>{e(g.get('issuer') or '')}</td>" if with_issuer else ""
        rows.append(
            f'<tr class="{cls}" data-key="{e(g["key"])}" data-documents="{g["documents"]}">'
            f'<td class="name">{e(g["name"] or g["key"])}</td>'
            f'<td class="id"><code>{e(g["id"] or "")}</code></td>{issuer}'
            f'<td class="n">{g["documents"]:,}</td><td class="n">{g["conformant"]:,}</td>'
            f'<td class="n" data-sort="{rate if rate is not None else -1}"><span class="barbg">'
            f'<span class="bar" style="width:{width}px"></span></span>{e(pct(rate))}</td>'
            f'<td class="n">{g["errors"]:,}</td><td class="n">{g["warnings"]:,}</td>'
            f'<td class="profiles">{per_profile}</td><td class="top">{top}</td></tr>'
        )
    head = (
        "<th>Name</th><th>Id</th>"
        + ("<th>Issuer</th>" if with_issuer else "")
        + '<th class="n">Documents</th><th class="n">Conformant</th><th class="n">Pass rate</th>'
        '<th class="n">Errors</th><th class="n">Warnings</th><th>Pass rate per profile</th>'
        "<th>Top findings</th>"
    )
    return (
        f'<table class="sortable groups fixed"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _cell(c: str | list[str]) -> str:
    if isinstance(c, list):
        return "<ul>" + "".join(f"<li>{e(x)}</li>" for x in c) + "</ul>"
    return e(c)


def _section(s: Section) -> str:
    if s.rows:
        head = "".join(f"<th>{e(h)}</th>" for h in s.headers)
        cols = "".join(f'<col style="width:{e(w)}">' for w in s.widths or ())
        rows = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in s.rows)
        table = (
            f'<table class="sortable fixed"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    else:
        table = f'<p class="note">{e(s.empty)}</p>'
    return (
        f'<section id="{e(s.id)}" data-count="{s.count}"><h2>{e(s.title)}</h2>'
        f'<p class="sub">{e(s.note)}</p>{table}</section>'
    )


def _document_list(data: dict[str, Any]) -> str:
    docs = data.get("document_list") or []
    rows = []
    for i, d in enumerate(docs, 1):
        verdict = d["verdict"]
        search = " ".join([d["source"], d["kind"], d.get("issuer") or "", *d["rules"]]).lower()
        rows.append(
            f'<tr id="doc-{i}" data-verdict="{e(verdict)}" data-search="{e(search)}">'
            f'<td class="n"><a href="#doc-{i}">{i}</a></td><td><code>{e(d["source"])}</code></td>'
            f'<td>{e(d["kind"])}</td><td><span class="verdict {e(verdict)}">'
            f'{e("not verified" if verdict == "cantTell" else verdict)}</span></td>'
            f'<td class="n">{d["errors"]:,}</td><td class="n">{d["warnings"]:,}</td>'
            f'<td>{" ".join(f"<code>{e(r)}</code>" for r in d["rules"])}</td></tr>'
        )
    beyond = data["limits"].get("documents_beyond_list", 0)
    more = f'<p class="note">{beyond:,} more document(s) not listed.</p>' if beyond else ""
    return (
        f'<section id="documents"><h2>Documents ({len(docs):,})</h2>'
        '<div class="controls"><input id="dq" type="search" '
        'placeholder="Filter by file, kind, issuer or rule…" aria-label="filter documents">'
        '<select id="dv" aria-label="verdict"><option value="all">all</option>'
        '<option value="fail">fail</option><option value="cantTell">not verified</option>'
        '<option value="pass">pass</option></select></div>'
        f'<p class="muted"><span id="dshown">{len(docs):,}</span> shown; each row has an anchor '
        "(<code>#doc-N</code>, in export order).</p>"
        '<table class="sortable fixed doclist"><colgroup><col style="width:4rem"><col style="width:38%">'
        '<col style="width:10rem"><col style="width:8rem"><col style="width:5rem"><col style="width:6rem">'
        "<col>"
        '</colgroup><thead><tr><th class="n">#</th><th>Document</th><th>Kind</th><th>Verdict</th>'
        '<th class="n">Errors</th><th class="n">Warnings</th><th>Worst findings</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{more}</section>"
    )


def _quality(q: dict[str, Any]) -> str:
    if not (q["available"] and q["elements"]):
        return f'<p class="note">{e(q["note"])}.</p>'
    rows = "".join(
        f'<tr data-element="{e(name)}"><td>{e(name)}</td><td class="n">{el["found"]:,}</td>'
        f'<td class="n">{e(pct(el["coverage"]))}</td></tr>'
        for name, el in q["elements"].items()
    )
    return (
        f'<p class="sub">{e(q["note"])}; {q["documents"]:,} document(s) examined.</p>'
        '<table class="sortable"><thead><tr><th>Element</th><th class="n">Found</th>'
        f'<th class="n">Coverage</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def render_audit(data: dict[str, Any]) -> str:
    totals = data["totals"]
    limits = data["limits"]
    beyond = ""
    if limits["issuers_beyond_limit"] or limits["achievements_beyond_limit"]:
        beyond = (
            f'<p class="note">More than {limits["max_groups"]:,} issuers or achievements: '
            "the documents of the others are counted in the “(other …)” rows.</p>"
        )
    kinds = "".join(
        f'<tr><td><code>{e(k)}</code></td><td class="n">{n:,}</td></tr>' for k, n in data["kinds"].items()
    )
    inputs = ", ".join(f"<code>{e(i)}</code>" for i in data.get("inputs", []))
    extra = sections(data)
    body = (
        f"<style>{CSS}</style><header><h1>mcconform audit</h1>"
        f'<p class="sub">mcconform {e(data["tool"]["version"])}'
        + (f" · export: {inputs}" if inputs else "")
        + "</p></header>"
        + summary_cards(
            totals,
            card("issuers", totals["issuers"], "issuers", f"{totals['issuers']:,}")
            + card("achievements", totals["achievements"], "achievements", f"{totals['achievements']:,}"),
        )
        + _verdicts(totals)
        + profiles_section(data["profiles"])
        + _findings(data["findings"])
        + "".join(_section(s) for s in extra if s.id != "achievement-quality")
        + f'<section id="issuers"><h2>Issuers ({len(data["issuers"]):,})</h2>{beyond}'
        + _groups(data["issuers"], "issuer", False)
        + "</section>"
        + f'<section id="achievements"><h2>Achievements ({len(data["achievements"]):,})</h2>'
        + _groups(data["achievements"], "achievement", True)
        + "</section>"
        + "".join(_section(s) for s in extra if s.id == "achievement-quality")
        + '<section id="quality"><h2>Quality elements (EU micro-credential criteria)</h2>'
        + _quality(data["quality"])
        + "</section>"
        + '<section id="kinds"><h2>Kinds of document</h2><table class="sortable"><thead><tr><th>Kind</th>'
        f'<th class="n">Documents</th></tr></thead><tbody>{kinds}</tbody></table></section>'
        + _document_list(data)
        + f"<footer>Generated by mcconform {e(data['tool']['version'])}. Self-contained: this page loads "
        f"nothing from the network.</footer><script>{JS}</script>"
    )
    return page("mcconform audit", body)
