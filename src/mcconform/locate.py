"""Where a finding is: JSON Pointer -> line and column in the source text, and spec links.

Findings carry RFC 6901 JSON Pointers into the parsed document.  Line-oriented consumers
(SARIF for code scanning, JUnit, the HTML and Markdown reports) want a line and a column in
the file.  :func:`annotate` scans the document's text once, with a small tokenizer that only
descends into the containers on the way to a wanted pointer, and stores the result in
``DocumentReport.meta["locations"]``::

    {"/credentialSubject/achievement": {"line": 12, "column": 5, "end_line": 30, "end_column": 6}}

Lines and columns are 1-based; columns count Unicode code points.  The span of an object
member starts at its name; the span of an array item or of the root at the value.  A pointer
to something absent (a missing required member) gets the span of its nearest existing
ancestor, with ``"exact": false``.  Lines are absolute in the file: a JSON Lines document
labelled ``export.jsonl:42`` is on line 42.  Documents whose pointers do not refer to their
text (VC-JWT, baked images, sealed credentials with a string payload) get no locations; the
renderers then point at the file (and line, for JSON Lines) only.

:func:`artifact_of` splits a source label into file, archive member and line;
:func:`spec_url` finds a link for a rule's specification reference.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .guard import internal_finding
from .pointer import escape
from .report import Finding

if TYPE_CHECKING:
    from .api import Checker
    from .document import Document
    from .report import DocumentReport

_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.S)
_LINE_COL = re.compile(r"\bline (\d+) column (\d+)\b")
_JSONL = re.compile(r"^(?P<path>.*\.(?:jsonl|ndjson)):(?P<line>\d+)$", re.I)

_VALUE, _KEY_OR_CLOSE, _KEY, _COLON, _NEXT, _VALUE_OR_CLOSE, _DONE = range(7)


@dataclass(frozen=True)
class Artifact:
    """Where a source label lives: ``path`` (None for stdin), ZIP ``member``, JSON Lines ``line``."""

    path: str | None
    member: str | None = None
    line: int | None = None


def artifact_of(source: str) -> Artifact:
    """Split a source label (``path``, ``path:LINE``, ``a.zip!member``, ``a.zip!m.jsonl:LINE``, ``-``)."""
    if source == "-":
        return Artifact(None)
    path, member = source, None
    if "!" in source and not os.path.exists(source):
        i = source.find("!")
        while i != -1:
            left = source[:i]
            if left.lower().endswith(".zip") or os.path.isfile(left):
                path, member = left, source[i + 1 :]
                break
            i = source.find("!", i + 1)
    line = None
    tail = member if member is not None else path
    m = _JSONL.match(tail)
    if m and not (member is None and os.path.exists(tail)):
        line = int(m.group("line"))
        if member is None:
            path = m.group("path")
        else:
            member = m.group("path")
    if member == "-":
        member = None
    return Artifact(path, member, line)


def _wanted(pointers: Iterable[str]) -> tuple[set[str], set[str]]:
    """The pointers to record, and the set of containers to descend into."""
    record: set[str] = set()
    descend: set[str] = set()
    for p in pointers:
        if p and not p.startswith("/"):
            continue
        record.add(p)
        cut = p
        while cut:
            cut = cut[: cut.rfind("/")]
            descend.add(cut)
            record.add(cut)
    return record, descend


def spans(text: str, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Character offsets ``(start, end)`` in ``text`` of the values at ``pointers``.

    Only the pointers found are in the result (plus every ancestor of a wanted pointer).
    The text is assumed to be JSON; on malformed input whatever was found so far is returned.
    """
    record, descend = _wanted(pointers)
    out: dict[str, tuple[int, int]] = {}
    # frame: [is_object, pointer, start, next_index]
    frames: list[list[Any]] = []
    state = _VALUE
    cur_ptr, cur_start = "", -1
    skip = 0
    skip_ptr, skip_start = "", 0

    def after_value() -> int:
        return _NEXT if frames else _DONE

    for m in _TOKEN.finditer(text):
        tok = m.group()
        c = tok[0]
        if skip:
            if c in "{[":
                skip += 1
            elif c in "}]":
                skip -= 1
                if not skip:
                    if skip_ptr in record:
                        out[skip_ptr] = (skip_start, m.end())
                    state = after_value()
            continue
        if state in (_VALUE, _VALUE_OR_CLOSE):
            if c == "]" and state == _VALUE_OR_CLOSE:
                frame = frames.pop()
                if frame[1] in record:
                    out[frame[1]] = (frame[2], m.end())
                state = after_value()
                continue
            start = cur_start if cur_start >= 0 else m.start()
            if c in "{[":
                if cur_ptr in descend:
                    frames.append([c == "{", cur_ptr, start, 0])
                    if c == "{":
                        state = _KEY_OR_CLOSE
                    else:
                        state = _VALUE_OR_CLOSE
                        cur_ptr, cur_start = cur_ptr + "/0", -1
                else:
                    skip, skip_ptr, skip_start = 1, cur_ptr, start
            elif c in "}]:,":
                break  # not JSON after all
            else:
                if cur_ptr in record:
                    out[cur_ptr] = (start, m.end())
                state = after_value()
        elif state in (_KEY, _KEY_OR_CLOSE):
            if c == "}" and state == _KEY_OR_CLOSE:
                frame = frames.pop()
                if frame[1] in record:
                    out[frame[1]] = (frame[2], m.end())
                state = after_value()
                continue
            if c != '"':
                break
            try:
                key = json.loads(tok)
            except ValueError:
                key = tok[1:-1]
            cur_ptr, cur_start = frames[-1][1] + "/" + escape(key), m.start()
            state = _COLON
        elif state == _COLON:
            if c != ":":
                break
            state = _VALUE
        elif state == _NEXT:
            frame = frames[-1]
            if c == ",":
                if frame[0]:
                    state = _KEY
                else:
                    frame[3] += 1
                    cur_ptr, cur_start = f"{frame[1]}/{frame[3]}", -1
                    state = _VALUE
            elif c in "}]":
                frames.pop()
                if frame[1] in record:
                    out[frame[1]] = (frame[2], m.end())
                state = after_value()
            else:
                break
        if state == _DONE:
            break
    return out


def line_columns(text: str, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
    """1-based (line, column) of each character offset; columns count code points."""
    result: dict[int, tuple[int, int]] = {}
    line, last = 1, 0
    for off in sorted(set(offsets)):
        line += text.count("\n", last, off)
        last = off
        result[off] = (line, off - (text.rfind("\n", 0, off) + 1) + 1)
    return result


def locations(text: str, pointers: Iterable[str], line_offset: int = 0) -> dict[str, dict[str, Any]]:
    """``{pointer: {"line", "column", "end_line", "end_column"[, "exact": False]}}`` for ``pointers``."""
    wanted = sorted(set(pointers))
    found = spans(text, wanted)
    chosen: dict[str, tuple[str, tuple[int, int]]] = {}
    for p in wanted:
        cut = p
        while cut not in found and cut:
            cut = cut[: cut.rfind("/")]
        if cut in found:
            chosen[p] = (cut, found[cut])
    lc = line_columns(text, [o for _, span in chosen.values() for o in span])
    out: dict[str, dict[str, Any]] = {}
    for p, (at, (start, end)) in sorted(chosen.items()):
        (l1, c1), (l2, c2) = lc[start], lc[end]
        loc: dict[str, Any] = {
            "line": l1 + line_offset,
            "column": c1,
            "end_line": l2 + line_offset,
            "end_column": c2,
        }
        if at != p:
            loc["exact"] = False
        out[p] = loc
    return out


def text_prefix(doc: Document) -> str | None:
    """What to put before a finding's pointer to point into ``doc.text``; None: it cannot."""
    if doc.text is None or doc.media != "json":
        return None
    envelope = doc.meta.get("envelope")
    if envelope == "sealed-edc":
        if doc.meta.get("sealed_payload_text"):
            return None
        return str(doc.meta.get("pointer_base", ""))
    return None if envelope else ""


def annotate(doc: Document, report: DocumentReport) -> DocumentReport:
    """Store the locations of ``report``'s findings in ``report.meta["locations"]``."""
    if not report.findings:
        return report
    locs = locate(doc, report, {f.pointer for f in report.findings})
    if locs:
        report.meta["locations"] = locs
    return report


def locate(doc: Document, report: DocumentReport, pointers: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The locations of ``pointers`` (pointers of ``report``'s findings) in ``doc``'s text."""
    prefix = text_prefix(doc)
    if prefix is None or doc.text is None:
        return {}
    art = artifact_of(report.source)
    offset = (art.line - 1) if art.line else 0
    if not doc.readable:
        return _syntax_locations(report, offset)
    wanted = set(pointers)
    raw = locations(doc.text, {prefix + p for p in wanted}, offset)
    return {p: raw[prefix + p] for p in sorted(wanted) if prefix + p in raw}


def _syntax_locations(report: DocumentReport, offset: int) -> dict[str, dict[str, Any]]:
    """For unreadable JSON the parser's "line L column C" in the message is the place."""
    for f in report.findings:
        m = _LINE_COL.search(f.message)
        if m and not f.pointer:
            line, col = int(m.group(1)), int(m.group(2))
            return {"": {"line": line + offset, "column": col, "end_line": line + offset, "end_column": col}}
    return {}


def iter_located(checker: Checker, docs: Iterable[Document]) -> Iterator[DocumentReport]:
    """Like :meth:`Checker.iter_reports`, with the locations of the findings filled in."""
    for outer in docs:
        for doc, rep in checker.check_tree(outer):
            try:
                located = annotate(doc, rep)
            except Exception as e:  # locations are an aid: the report goes on without them
                failed = internal_finding("locating findings", e)
                rep.findings = sorted({*rep.findings, failed}, key=Finding.sort_key)
                located = rep
            yield located


# --------------------------------------------------------------------------- specification links

_SPEC_LINKS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Open Badges 2\.0 Baking", re.I), "https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/baking/index.html"),
    (re.compile(r"Open Badges 3\.0|\bOB ?3\.0", re.I), "https://www.imsglobal.org/spec/ob/v3p0/"),
    (re.compile(r"Open Badges 2\.[01]|\bOB ?2\.[01]", re.I), "https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html"),
    (re.compile(r"Open Badges 1\.|\bOB ?1\.", re.I), "https://github.com/mozilla/openbadges-specification"),
    (re.compile(r"Comprehensive Learner Record|\bCLR\b"), "https://www.imsglobal.org/spec/clr/v2p0/"),
    (re.compile(r"\bVC[- ]JWT\b|VC Data Model 1\.1|Verifiable Credentials Data Model v?1", re.I), "https://www.w3.org/TR/vc-data-model-1.1/"),
    (re.compile(r"VC Data Model 2\.0|Verifiable Credentials Data Model v?2|\bW3C VC\b", re.I), "https://www.w3.org/TR/vc-data-model-2.0/"),
    (re.compile(r"Bitstring Status List", re.I), "https://www.w3.org/TR/vc-bitstring-status-list/"),
    (re.compile(r"Data Integrity", re.I), "https://www.w3.org/TR/vc-data-integrity/"),
    (re.compile(r"JSON-LD 1\.1 API|JSON-LD API", re.I), "https://www.w3.org/TR/json-ld11-api/"),
    (re.compile(r"JSON-LD", re.I), "https://www.w3.org/TR/json-ld11/"),
    (re.compile(r"\bSHACL\b"), "https://www.w3.org/TR/shacl/"),
    (re.compile(r"Council Recommendation|micro-credential quality|Annex I\b", re.I), "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022H0627(02)"),
    (re.compile(r"European Learning Model|\bELM\b|European Digital Credential|\bEDC\b", re.I), "https://europa.eu/europass/elm-browser/index.html"),
    (re.compile(r"OWASP XML External Entity", re.I), "https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html"),
    (re.compile(r"\bPNG\b.*15948|ISO/IEC 15948"), "https://www.w3.org/TR/png/"),
]  # fmt: skip
_URL = re.compile(r"https?://[^\s,;)\]>\"']+")
_RFC = re.compile(r"\bRFC ?(\d{3,5})\b(?:[^;]*?\bsection ([0-9]+(?:\.[0-9]+)*))?", re.I)
_SHACL_COMPONENT = re.compile(r"\bsh:([a-zA-Z]+)")


def spec_url(spec: str) -> str | None:
    """A link for a specification reference (``"RFC 8259 section 4"``, ``"Open Badges 3.0 ..."``)."""
    if not spec:
        return None
    m = _URL.search(spec)
    if m:
        return m.group().rstrip(".")
    parts = [p.strip() for p in spec.split(";")]
    # mcconform's own policies ("mcconform input limits") link only what they cite after a ";"
    own = [p for p in parts if p.lower().startswith("mcconform")]
    cited = [p for p in parts if p not in own]
    if not cited:
        return None
    for part in (cited[0], "; ".join(cited)):
        r = _RFC.search(part)
        if r:
            url = f"https://www.rfc-editor.org/rfc/rfc{r.group(1)}"
            return url + (f"#section-{r.group(2)}" if r.group(2) else "")
        for pattern, url in _SPEC_LINKS:
            if pattern.search(part):
                return url + _shacl_anchor(part) if url.endswith("/shacl/") else url
    return None


def _shacl_anchor(spec: str) -> str:
    m = _SHACL_COMPONENT.search(spec)
    if not m:
        return ""
    name = m.group(1)
    if name == "sparql":
        return "#sparql-constraints"
    if name.startswith("qualified"):
        name = "qualifiedValueShape"
    return f"#{name[0].upper()}{name[1:]}ConstraintComponent"
