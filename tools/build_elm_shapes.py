"""Generate mcconform's EDC shapes from the compact rule table ``tools/elm_rules.toml``.

    python tools/build_elm_shapes.py          # (re)write shapes/elm-edc-*.ttl and shapes/manifest.json
    python tools/build_elm_shapes.py --check  # exit 1 if the files or their sha256 pins are stale

Two files are written:

- ``elm-edc-no-cv.ttl``: the structural rules of the EDC generic application profile
  (the equivalent of the official ``edc-generic-no-cv`` shapes);
- ``elm-edc-full.ttl``: the same plus the controlled-vocabulary rules, self-contained (the
  equivalent of the official ``edc-generic-full`` used together with ``edc-generic-no-cv``).

Layout: one ``sh:PropertyShape`` per distinct rule, targeting directly (``sh:targetClass``) every
ELM class that has exactly that rule, so the ~480 property shapes of the official files become
about half as many; a controlled vocabulary is one small node shape reached with ``sh:node``.
The verdicts (focus node, result path, severity) are the same as the official shapes' (see
``tests/test_elm_parity.py``); every property shape carries a plain-English ``sh:message``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tools" / "elm_rules.toml"
OUT = ROOT / "shapes"  # the package mcconform.shapes (setup.py)
MANIFEST = OUT / "manifest.json"

BASE = "https://w3id.org/mcconform/shapes/elm/"
AP = "http://data.europa.eu/snb/model/ap/"
CITE = "ELM v3 / EDC generic application profile 1.1.0"
CITE_SHORT = "ELM v3, EDC generic AP 1.1.0"

PREFIXES = {
    "adms": "http://www.w3.org/ns/adms#",
    "clv": "http://data.europa.eu/m8g/",
    "cred": "https://www.w3.org/2018/credentials#",
    "dc": "http://purl.org/dc/terms/",
    "elm": "http://data.europa.eu/snb/model/elm/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "person": "http://www.w3.org/ns/person#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rov": "http://www.w3.org/ns/regorg#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

VARIANTS = {
    "no-cv": {
        "file": "elm-edc-no-cv.ttl",
        "ns": BASE + "edc-no-cv#",
        "official": AP + "edc-generic-no-cv",
        "title": "mcconform shapes for the EDC generic application profile: structure",
        "cv": False,
    },
    "full": {
        "file": "elm-edc-full.ttl",
        "ns": BASE + "edc-full#",
        "official": AP + "edc-generic-full",
        "title": "mcconform shapes for the EDC generic application profile: "
        "structure and controlled vocabularies",
        "cv": True,
    },
}

DATATYPES = {
    "rdf:langString": "a text with a language tag",
    "xsd:string": "a plain string",
    "xsd:dateTime": "a date and time (xsd:dateTime)",
    "xsd:date": "a date (xsd:date)",
    "xsd:anyURI": "a URI (xsd:anyURI)",
    "xsd:boolean": "a boolean",
    "xsd:decimal": "a decimal number",
    "xsd:integer": "an integer",
    "xsd:positiveInteger": "a positive integer",
    "xsd:nonNegativeInteger": "a non-negative integer",
    "xsd:duration": "a duration (xsd:duration)",
}

_FIELDS = {
    "path", "key", "name", "min", "max", "datatype", "unique_lang", "class", "or", "kind", "node",
    "max_inclusive", "cv",
}  # fmt: skip


def words(name: str) -> str:
    """'LearningAchievementSpecification' -> 'learning achievement specification'."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower().replace("european", "European")


def article(phrase: str) -> str:
    vowel = phrase[:1].lower() in "aeiou" and not phrase.lower().startswith(("eu", "uni"))
    return ("an " if vowel else "a ") + phrase


def local(curie: str) -> str:
    return curie.split(":", 1)[1]


def a_class(curie: str) -> str:
    return {"skos:Concept": "a concept (skos:Concept)"}.get(curie, article(local(curie)))


def join_or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def lit(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


# -- the table -------------------------------------------------------------------------------


def load(path: Path = TABLE) -> dict[str, Any]:
    table = tomllib.loads(path.read_text("utf-8"))
    vocab = table.get("vocabularies", {})
    for name, shape in table["shapes"].items():
        shape.setdefault("class", f"elm:{name}")
        unknown = set(shape) - {"class", "subject", "as_value", "or", "message", "properties"}
        if unknown:
            raise SystemExit(f"{name}: unknown field(s) {sorted(unknown)}")
        for p in shape.get("properties", []):
            unknown = set(p) - _FIELDS
            if unknown:
                raise SystemExit(f"{name}: unknown field(s) {sorted(unknown)} in {p}")
            if "cv" in p and p["cv"] not in vocab:
                raise SystemExit(f"{name}: unknown vocabulary {p['cv']}")
            if "node" in p and p["node"] not in table["shapes"]:
                raise SystemExit(f"{name}: unknown node shape {p['node']}")
    return table


def subject(table: dict[str, Any], name: str) -> str:
    shape = table["shapes"][name]
    return shape.get("subject") or article(words(local(shape["class"])) if shape["class"] else words(name))


def value_phrase(p: dict[str, Any], table: dict[str, Any], cv: bool) -> str:
    parts = []
    if "datatype" in p:
        parts.append(DATATYPES.get(p["datatype"], f"an {p['datatype']} value"))
    if cv and "cv" in p:
        v = table["vocabularies"][p["cv"]]
        parts.append(f"a concept (an IRI) of the controlled vocabulary of {v['label']} <{v['scheme']}>")
    elif "class" in p:
        parts.append(a_class(p["class"]))
    if "or" in p:
        parts.append(join_or([a_class(c) for c in p["or"]]))
    if p.get("kind") == "IRI" and not (cv and "cv" in p):
        parts.append("an IRI")
    elif p.get("kind") == "Literal":
        parts.append("a literal")
    if "max_inclusive" in p:
        parts.append(f"at most {p['max_inclusive']}")
    text = ", ".join(parts)
    if "node" in p:
        node = table["shapes"][p["node"]].get("as_value", f"that meets the {words(p['node'])} rules")
        text = f"{text or 'a node'} {node}"
    if p.get("unique_lang"):
        text += (", " if text else "") + "with at most one value per language"
    return text


def message(p: dict[str, Any], subjects: list[str], table: dict[str, Any], cv: bool) -> str:
    what = p.get("name") or words(local(p["path"]))
    if p.get("key") and p["key"] != what:
        what += f" ({p['key']})"
    value = value_phrase(p, table, cv)
    lo, hi = p.get("min", 0), p.get("max")
    if lo and hi == lo:
        count = f"exactly {'one' if lo == 1 else lo}"
    elif lo and hi is not None:
        count = f"between {lo} and {hi}"
    elif lo:
        count = f"at least {'one' if lo == 1 else lo}"
    elif hi is not None:
        count = f"at most {'one' if hi == 1 else hi}"
    else:
        count = ""
    who = join_or(subjects) if len(subjects) <= 3 else ""
    if count and who:
        verb = "may" if not lo else "must"
        text = f"{who} {verb} have {count} {what}"
        return text + (f", which must be {value}" if value else "")
    if count:
        need = "is allowed" if not lo else "is required"
        text = f"{count} {what} {need}"
        return text + (f", which must be {value}" if value else "")
    if who:
        return f"the {what} of {who} must be {value}"
    return f"every {what} must be {value}"


# -- Turtle --------------------------------------------------------------------------------------


def constraint_lines(p: dict[str, Any], table: dict[str, Any], cv: bool, ns: str) -> list[str]:
    out = [f"sh:path {p['path']}"]
    if p.get("min"):
        out.append(f"sh:minCount {p['min']}")
    if "max" in p:
        out.append(f"sh:maxCount {p['max']}")
    if "datatype" in p:
        out.append(f"sh:datatype {p['datatype']}")
    if p.get("unique_lang"):
        out.append("sh:uniqueLang true")
    if "class" in p:
        out.append(f"sh:class {p['class']}")
    if "or" in p:
        out.append("sh:or ( " + " ".join(f"[ sh:class {c} ]" for c in p["or"]) + " )")
    if "node" in p:
        out.append(f"sh:node s:{p['node']}")
    if "kind" in p or (cv and "cv" in p):
        out.append(f"sh:nodeKind sh:{'IRI' if cv and 'cv' in p else p['kind']}")
    if cv and "cv" in p:
        out.append(f"sh:node s:vocabulary-{p['cv']}")
    if "max_inclusive" in p:
        out.append(f"sh:maxInclusive {p['max_inclusive']}")
    return out


def signature(p: dict[str, Any], cv: bool) -> tuple[Any, ...]:
    keep = {k: v for k, v in p.items() if cv or k != "cv"}
    return tuple(sorted((k, json.dumps(v)) for k, v in keep.items()))


def block(subject_iri: str, lines: Iterable[str], indent: str = "    ") -> str:
    lines = list(lines)
    return subject_iri + "\n" + "".join(f"{indent}{ln} ;\n" for ln in lines[:-1]) + f"{indent}{lines[-1]} .\n"


def render(table: dict[str, Any], variant: str) -> str:
    v = VARIANTS[variant]
    cv, ns = bool(v["cv"]), str(v["ns"])
    shapes = table["shapes"]
    out = [
        f"# {v['file']}: GENERATED by tools/build_elm_shapes.py from tools/elm_rules.toml; do not edit.",
        f"# {v['title']}.",
        f"# Same verdicts as the official <{v['official']}> shapes"
        + (" (used with edc-generic-no-cv)" if cv else "")
        + "; checked by tests/test_elm_parity.py.",
        "",
    ]
    out += [f"@prefix {p}: <{iri}> ." for p, iri in sorted(PREFIXES.items())]
    out += ["@prefix dct: <http://purl.org/dc/terms/> .", f"@prefix s: <{ns}> .", ""]
    out.append(
        block(
            f"<{ns[:-1]}>",
            [
                "a owl:Ontology",
                f"rdfs:label {lit(str(v['title']))}@en",
                "rdfs:comment "
                + lit(
                    f"SHACL shapes written for mcconform from the {CITE} "
                    "(http://data.europa.eu/snb/model/elm/). Every property shape targets the ELM "
                    "classes it applies to and has a plain-English sh:message."
                )
                + "@en",
                f"dct:source <{v['official']}>",
            ],
        )
    )
    # property shapes with targets, identical rules merged
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for name in sorted(shapes):
        shape = shapes[name]
        if not shape["class"]:
            continue
        for p in shape.get("properties", []):
            g = groups.setdefault(signature(p, cv), {"p": p, "shapes": []})
            g["shapes"].append(name)
    used_names: dict[str, int] = {}
    out.append("# ---- rules of the ELM classes (one property shape per distinct rule) ----\n")
    for g in sorted(groups.values(), key=lambda g: (local(g["p"]["path"]).lower(), g["shapes"])):
        p, names = g["p"], g["shapes"]
        base = (names[0] + "-" if len(names) == 1 else "") + local(p["path"])
        n = used_names[base] = used_names.get(base, 0) + 1
        iri = f"s:{base}" + (f"-{n}" if n > 1 else "")
        classes = [shapes[x]["class"] for x in names]
        lines = ["a sh:PropertyShape", "sh:targetClass " + ", ".join(classes)]
        lines += constraint_lines(p, table, cv, ns)
        lines.append(f"sh:name {lit(p.get('name') or local(p['path']))}")
        lines.append(f"sh:message {lit(message(p, [subject(table, x) for x in names], table, cv))}@en")
        lines.append(f"sh:description {lit(CITE_SHORT + ': ' + p['path'])}")
        out.append(block(iri, lines))
    # node shapes reached through sh:node
    out.append("# ---- node shapes reached through sh:node ----\n")
    for name in sorted(shapes):
        shape = shapes[name]
        if shape["class"]:
            continue
        lines = ["a sh:NodeShape", f"rdfs:label {lit(words(name))}@en"]
        if "or" in shape:
            alts = [
                f"[ sh:class {a['class']} ]" if "class" in a else f"[ sh:node s:{a['node']} ]"
                for a in shape["or"]
            ]
            lines.append("sh:or ( " + " ".join(alts) + " )")
        if "message" in shape:
            lines.append(f"sh:message {lit(shape['message'])}@en")
        for p in shape.get("properties", []):
            inner = constraint_lines(p, table, cv, ns)
            inner.append(f"sh:name {lit(p.get('name') or local(p['path']))}")
            inner.append(f"sh:message {lit(message(p, [subject(table, name)], table, cv))}@en")
            lines.append("sh:property [\n" + "".join(f"        {x} ;\n" for x in inner) + "    ]")
        lines.append(f"rdfs:comment {lit(CITE + ': ' + words(name) + ' rules')}")
        out.append(block(f"s:{name}", lines))
    if cv:
        out.append("# ---- controlled vocabularies: the concept must be in the scheme ----\n")
        used = sorted({p["cv"] for s in shapes.values() for p in s.get("properties", []) if "cv" in p})
        for name in used:
            voc = table["vocabularies"][name]
            inner = ["sh:path skos:inScheme", f"sh:hasValue <{voc['scheme']}>", "sh:nodeKind sh:IRI"]
            if voc.get("typed", True):
                inner.append("sh:class skos:ConceptScheme")
            text = f"the concept must be in the scheme of {voc['label']} <{voc['scheme']}>"
            inner.append(f"sh:message {lit(text)}@en")
            prop = "sh:property [\n" + "".join(f"        {x} ;\n" for x in inner) + "    ]"
            out.append(
                block(f"s:vocabulary-{name}", ["a sh:NodeShape", f"rdfs:label {lit(voc['label'])}@en", prop])
            )
    return "\n".join(out)


def pinned_manifest() -> str:
    """shapes/manifest.json with the sha256 of every shapes file as it is now on disk (the files
    and their descriptions are kept; a .ttl file the manifest does not list is added)."""
    manifest = json.loads(MANIFEST.read_text("utf-8"))
    entries = {e["file"]: e for e in manifest.get("shapes", [])}
    for path in sorted(OUT.glob("*.ttl")):
        entry = entries.setdefault(path.name, {"file": path.name})
        entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest["shapes"] = [entries[n] for n in sorted(entries) if (OUT / n).is_file()]
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that the shipped files are up to date")
    args = ap.parse_args(argv)
    table = load()
    stale = []
    for variant, v in VARIANTS.items():
        path = OUT / str(v["file"])
        text = render(table, variant)
        if args.check:
            if not path.exists() or path.read_text("utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, "utf-8")
            print(f"wrote {path.relative_to(ROOT)} ({len(text)} bytes)")
    pins = pinned_manifest()
    if args.check:
        if MANIFEST.read_text("utf-8") != pins:
            stale.append(MANIFEST.name)
    else:
        MANIFEST.write_text(pins, "utf-8")
        print(f"wrote {MANIFEST.relative_to(ROOT)}")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python tools/build_elm_shapes.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
