"""A cache of "no SHACL result" verdicts for documents of one JSON-LD template.

Documents built from one template (:mod:`mcconform.fastld`) have the same triples up to the
strings put into the slots.  Whether the compiled SHACL engine reports anything depends on
those strings only through:

* **which slots hold equal strings** (two equal ids name one node: its types and properties
  merge; two equal literals of one subject and property are one triple);
* **the strings a value-sensitive constraint reads**: ``sh:pattern``, ``sh:in``,
  ``sh:hasValue``, lengths, ranges, comparisons, and ``sh:datatype`` (a date must parse), on
  the value nodes of the shapes' paths;
* **strings equal to a term of the shapes or of the template** (a target node, a list member,
  a static node of the document).

The key of a document is therefore, slot by slot, the number of the first slot holding the
same string, and the string itself where a value-sensitive constraint may read it or where
it equals such a term.  Two documents with the same key have graphs that a renaming of the
other strings maps onto each other, and that renaming leaves every constraint's outcome as
it is: the compiled engine's verdict is the same.  Only "no result at all" verdicts are kept
(anything else goes on to pyshacl, which writes the findings).

Which constraints are value-sensitive is read from the shapes.  Shapes using anything this
module does not know (SPARQL, rules, custom components, JavaScript...) are not cached; a
pathless shape with a value-sensitive constraint that is applied to targets directly makes
every subject's string part of the key.  ``tests/test_verdicts.py`` checks that cached and
uncached runs give the same reports on the corpus, on mutations and on the edge cases above.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = f"{RDF}langString"
MAX_KEYS = 4096


def _words(text: str) -> list[str]:
    return text.split()


#: constraint parameters whose outcome depends on the value's string
SENSITIVE = frozenset(
    f"{SH}{n}"
    for n in _words(
        "datatype pattern flags minLength maxLength in hasValue minInclusive maxInclusive "
        "minExclusive maxExclusive lessThan lessThanOrEquals equals disjoint"
    )
)
#: every other SHACL Core term these shapes may use (structure, targets, metadata)
STRUCTURAL = frozenset(
    f"{SH}{n}"
    for n in _words(
        "minCount maxCount class nodeKind node property or and not xone qualifiedValueShape "
        "qualifiedMinCount qualifiedMaxCount qualifiedValueShapesDisjoint closed ignoredProperties "
        "path inversePath alternativePath zeroOrMorePath oneOrMorePath zeroOrOnePath targetClass "
        "targetNode targetSubjectsOf targetObjectsOf message name description order group severity "
        "deactivated uniqueLang languageIn defaultValue NodeShape PropertyShape Violation Warning "
        "Info IRI Literal BlankNode BlankNodeOrIRI BlankNodeOrLiteral IRIOrLiteral PropertyGroup"
    )
)
_TRIPLE = re.compile(r"^(\S+) <([^>]*)> (.+) \.$")


@dataclass
class Sensitivity:
    """What of a document's strings the shapes can read (see the module docstring)."""

    cacheable: bool
    object_preds: frozenset[str] = frozenset()  #: objects of these predicates are read
    subject_preds: frozenset[str] = frozenset()  #: subjects of these (inverse paths) are read
    everything: bool = False  #: a targeted shape reads its focus nodes: every string counts
    terms: frozenset[str] = frozenset()  #: IRIs and literal strings of the shapes
    #: predicates whose objects only sh:datatype reads: a well-formed date counts as "a date"
    datatype_only: frozenset[str] = frozenset()
    clean: dict[tuple[Any, ...], bool] = field(default_factory=dict)


def _term(text: str) -> tuple[str, str]:
    """("i", iri) / ("b", label) / ("l", lexical form) of an N-Triples term."""
    if text.startswith("<"):
        return "i", text[1:-1]
    if text.startswith("_:"):
        return "b", text
    end = text.rfind('"')
    return "l", _unescape(text[1:end])


def analyse(ntriples: str) -> Sensitivity:
    """Which strings the shapes (as N-Triples) can read."""
    triples: list[tuple[tuple[str, str], str, tuple[str, str]]] = []
    for line in ntriples.splitlines():
        m = _TRIPLE.match(line.strip())
        if m is None:
            if line.strip():
                return Sensitivity(False)
            continue
        triples.append((_term(m.group(1)), m.group(2), _term(m.group(3))))
    by_subject: dict[tuple[str, str], list[tuple[str, tuple[str, str]]]] = {}
    terms: set[str] = set()
    for s, p, o in triples:
        if p.startswith(SH) and p not in SENSITIVE and p not in STRUCTURAL:
            return Sensitivity(False)  # SPARQL, rules, custom components...: not cached
        if o[0] == "i" and o[1].startswith(SH) and o[1] not in STRUCTURAL and p == f"{RDF}type":
            return Sensitivity(False)  # e.g. sh:SPARQLConstraint, sh:ConstraintComponent
        by_subject.setdefault(s, []).append((p, o))
        for t in (s, o):
            if t[0] in ("i", "l"):
                terms.add(t[1])
        terms.add(p)

    def objects(node: tuple[str, str], pred: str) -> list[tuple[str, str]]:
        return [o for p, o in by_subject.get(node, []) if p == pred]

    def members(node: tuple[str, str]) -> list[tuple[str, str]]:
        out = []
        seen = set()
        while node[0] == "b" and node not in seen:
            seen.add(node)
            out.extend(objects(node, f"{RDF}first"))
            rest = objects(node, f"{RDF}rest")
            if not rest:
                break
            node = rest[0]
        return out

    def path_preds(node: tuple[str, str], inverse: bool, out: dict[str, set[bool]], flags: set[str]) -> None:
        if node[0] == "i":
            out.setdefault(node[1], set()).add(inverse)
            return
        for p, o in by_subject.get(node, []):
            if p == f"{RDF}first" or p == f"{RDF}rest":
                continue
            if p == f"{SH}inversePath":
                path_preds(o, not inverse, out, flags)
            elif p == f"{SH}alternativePath":
                for m_ in members(o):
                    path_preds(m_, inverse, out, flags)
            elif p in (f"{SH}zeroOrMorePath", f"{SH}zeroOrOnePath"):
                flags.add("zero")
                path_preds(o, inverse, out, flags)
            elif p == f"{SH}oneOrMorePath":
                path_preds(o, inverse, out, flags)
        for m_ in members(node):  # a sequence path
            path_preds(m_, inverse, out, flags)

    shapes = {s for s, po in by_subject.items() if any(p.startswith(SH) for p, _ in po)}
    # shape -> the value-sensitive (parameter, value) pairs it applies to its value nodes
    reads: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for s in shapes:
        for p, o in by_subject[s]:
            if p in SENSITIVE and not (p == f"{SH}datatype" and o[1] in (XSD_STRING, RDF_LANGSTRING)):
                reads.setdefault(s, set()).add((p, o[1]))

    def children(s: tuple[str, str]) -> list[tuple[str, str]]:
        out = []
        for p, o in by_subject.get(s, []):
            if p in (f"{SH}node", f"{SH}qualifiedValueShape", f"{SH}not"):
                out.append(o)
            elif p in (f"{SH}and", f"{SH}or", f"{SH}xone"):
                out.extend(members(o))
        return out

    def has_path(s: tuple[str, str]) -> bool:
        return bool(objects(s, f"{SH}path"))

    changed = True
    while changed:  # a pathless child's constraints read its parent's value nodes
        changed = False
        for s in shapes:
            for c in children(s):
                if c in reads and not has_path(c) and not reads[c] <= reads.get(s, set()):
                    reads.setdefault(s, set()).update(reads[c])
                    changed = True
    sensitive = set(reads)
    obj: set[str] = set()
    per_pred: dict[str, set[tuple[str, str]]] = {}
    subj: set[str] = set()
    everything = False
    targets = {f"{SH}{n}" for n in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")}
    classes = {"http://www.w3.org/2000/01/rdf-schema#Class", "http://www.w3.org/2002/07/owl#Class"}
    for s in sensitive:
        reads_focus = not has_path(s)
        for path in objects(s, f"{SH}path"):
            preds: dict[str, set[bool]] = {}
            flags: set[str] = set()
            path_preds(path, False, preds, flags)
            for pred, inv in preds.items():
                per_pred.setdefault(pred, set()).update(reads[s])
                if False in inv:
                    obj.add(pred)
                if True in inv:
                    subj.add(pred)
            reads_focus = reads_focus or "zero" in flags
        if reads_focus:
            targeted = any(p in targets for p, _ in by_subject[s]) or any(
                p == f"{RDF}type" and o[1] in classes for p, o in by_subject[s]
            )
            if targeted:
                everything = True
    datatype_only = frozenset(
        p for p in obj if p not in subj and all(param == f"{SH}datatype" for param, _ in per_pred[p])
    )
    return Sensitivity(True, frozenset(obj), frozenset(subj), everything, frozenset(terms), datatype_only)


@dataclass
class SlotUse:
    """Per template and shapes: the slots of the default graph and which are read verbatim."""

    slots: tuple[int, ...]
    literal: frozenset[int]
    verbatim: frozenset[int]
    statics: frozenset[str]
    #: slot -> its datatype, for dates only sh:datatype reads (see :func:`well_formed`)
    dates: dict[int, str] = field(default_factory=dict)
    #: what :func:`key` reads, worked out on its first call (a slot use belongs to one shapes)
    plan: _KeyPlan | None = field(default=None, compare=False, repr=False)


def slot_use(template: Any, sens: Sensitivity) -> SlotUse:
    """Which of ``template``'s default-graph slots the shapes ``sens`` read."""
    slots: set[int] = set()
    literal: set[int] = set()
    verbatim: set[int] = set()
    statics: set[str] = set()
    dates: dict[int, str] = {}
    for s_, p_, o_, g_ in template.quads:
        if g_ != ("s", ""):
            continue  # named graphs (proofs) are not validated
        pred = str(p_[1])[1:-1]
        for pos, part in (("s", s_), ("o", o_)):
            kind, x = part
            if kind == "s":
                statics.add(_static_value(str(x)))
                continue
            statics.add(pred)
            n = x if kind == "i" else x[0]
            slots.add(n)
            if kind == "l":
                literal.add(n)
            dtype = x[1][3:-1] if kind == "l" and str(x[1]).startswith("^^<") else ""
            if pos == "o" and pred in sens.datatype_only and dtype in _DATES and not sens.everything:
                dates[n] = dtype
            elif (
                sens.everything
                or (pos == "o" and pred in sens.object_preds)
                or (pos == "s" and pred in sens.subject_preds)
            ):
                verbatim.add(n)
    for n in verbatim:
        dates.pop(n, None)
    return SlotUse(tuple(sorted(slots)), frozenset(literal), frozenset(verbatim), frozenset(statics), dates)


XSD = "http://www.w3.org/2001/XMLSchema#"
_DATES = {f"{XSD}date", f"{XSD}dateTime"}
_DATE_RE = re.compile(r"^(19|20|21)\d\d-(\d\d)-(\d\d)$", re.ASCII)
_DATETIME_RE = re.compile(
    r"^((?:19|20|21)\d\d)-(\d\d)-(\d\d)T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,6})?"
    r"(Z|[+-](?:0\d|1[0-4]):[0-5]\d)?$",
    re.ASCII,
)


def well_formed(datatype: str, value: str) -> bool:
    """A plain, unambiguous xsd:date / xsd:dateTime (years 1900-2199, a real calendar day, no
    leap second, at most microseconds): every SHACL engine reads it as valid.  Anything else
    is put in the key verbatim."""
    m = (_DATE_RE if datatype == f"{XSD}date" else _DATETIME_RE).match(value)
    if m is None:
        return False
    year = int(value[:4])
    month, day = int(value[5:7]), int(value[8:10])
    if not 1 <= month <= 12 or day < 1:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return day <= days


def _static_value(text: str) -> str:
    if text.startswith("<"):
        return text[1:-1]
    if text.startswith('"'):
        return _unescape(text[1 : text.rfind('"')])
    return text


_ESCAPES = {"\\\\": "\\", '\\"': '"', "\\n": "\n", "\\r": "\r", "\\t": "\t"}


def _unescape(text: str) -> str:
    """The string of an N-Triples literal (the escapes mcconform and rdflib write)."""
    if "\\" not in text:
        return text
    return re.sub(r'\\[\\"nrt]', lambda m: _ESCAPES[m.group(0)], text)


def slot_getter(slots: tuple[int, ...]) -> Callable[[list[str]], tuple[str, ...]]:
    """The strings of ``slots`` of a document's values, as a tuple (``operator.itemgetter``)."""
    if not slots:
        return lambda values: ()
    if len(slots) == 1:
        n = slots[0]
        return lambda values: (values[n],)
    return itemgetter(*slots)


class _KeyPlan(NamedTuple):
    """What :func:`key` reads of a slot use, worked out once per template and shapes."""

    iri: Callable[[list[str]], tuple[str, ...]]  # the IRI slots' strings
    literal: Callable[[list[str]], tuple[str, ...]]  # the literal slots' strings
    verbatim: Callable[[list[str]], tuple[str, ...]]  # the strings the shapes read
    every: Callable[[list[str]], tuple[str, ...]]  # every slot's string
    iri_back: tuple[int, ...]  # the IRI slots, last first
    literal_back: tuple[int, ...]  # the literal slots, last first
    dates: tuple[tuple[int, str], ...]  # (slot, datatype) of the dates only sh:datatype reads
    known: frozenset[str]  # the terms of the shapes and of the template


def _plan(use: SlotUse, sens: Sensitivity) -> _KeyPlan:
    iri = tuple(n for n in use.slots if n not in use.literal)
    lit = tuple(n for n in use.slots if n in use.literal)
    use.plan = _KeyPlan(
        slot_getter(iri),
        slot_getter(lit),
        slot_getter(tuple(sorted(use.verbatim))),
        slot_getter(use.slots),
        iri[::-1],
        lit[::-1],
        tuple(sorted(use.dates.items())),
        use.statics | sens.terms,
    )
    return use.plan


def key(use: SlotUse, values: list[str], sens: Sensitivity) -> tuple[Any, ...]:
    """The verdict key of a document of the template (see the module docstring): for every
    slot the first slot with the same string (IRIs and literals apart), the strings of the
    slots the shapes read and of those equal to a term of the shapes or the template, and for
    dates only sh:datatype reads, whether they are well-formed."""
    plan = use.plan or _plan(use, sens)
    get_iri, get_lit, get_verbatim, get_all, iri_back, lit_back, dates, known = plan
    iri_values, lit_values, all_values = get_iri(values), get_lit(values), get_all(values)
    # for every slot, the first slot with the same string: reversed, the first one is kept last
    iri_first = dict(zip(iri_values[::-1], iri_back, strict=True))
    lit_first = dict(zip(lit_values[::-1], lit_back, strict=True))
    hits = known.intersection(all_values)
    return (
        tuple(map(iri_first.__getitem__, iri_values)),
        tuple(map(lit_first.__getitem__, lit_values)),
        get_verbatim(values),
        tuple([(n, v) for n, v in zip(use.slots, all_values, strict=True) if v in hits]) if hits else (),
        tuple([values[n] if not well_formed(dt, values[n]) else "" for n, dt in dates]),
    )
