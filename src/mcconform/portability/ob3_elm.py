"""Open Badges 3.0 credential -> European Digital Credential (table ``ob3-elm``).

The result follows the EDC converted-credential profile: ``credentialProfiles`` converted
(``c_7e400154``) and the original OB 3.0 credential embedded as evidence of type conversion
(``c_c4f849d7``); it declares the ``edc-generic-no-cv`` schema, the one mcconform checks it
with.  Texts are tagged with the achievement's ``inLanguage`` (else ``und``, reported).

This module builds the credential's frame and finishes it; the table's value transforms are in
:mod:`mcconform.portability.ob3_elm_transforms`.
"""

from __future__ import annotations

import copy as _copy
from typing import Any

from ..document import Document
from ..options import Options
from . import common, losses
from .elm_nodes import EDC_CONTEXT, EDC_TYPE, NO_CV_SCHEMA, Nodes, vocab
from .ob3_elm_transforms import TRANSFORMS
from .tables import Run, get, table

CLAIM = ("credentialSubject", "hasClaim")
SPEC = (*CLAIM, "specifiedBy")


def convert(doc: Document, options: Options) -> common.Conversion:
    conv = common.Conversion(doc.source, "elm", None)
    cred = doc.credential
    if not isinstance(cred, dict):
        conv.losses.append(losses.UNSUPPORTED.finding("the credential is not a JSON object", doc.base))
        return conv
    src = _copy.deepcopy(cred)
    tag = get(src, ("credentialSubject", "achievement", "inLanguage")) or src.get("inLanguage")
    lang = tag.split("-")[0].lower() if isinstance(tag, str) and tag else "und"
    nodes = Nodes(lang)
    run = Run(table("ob3-elm"), src, base=doc.base)
    run.extra["nodes"] = nodes
    v = vocab()["concepts"]
    run.target.update(
        {
            "@context": list(EDC_CONTEXT),
            "id": common.new_id("ob3-elm", str(src.get("id"))),
            "type": list(EDC_TYPE),
            "credentialProfiles": [nodes.concept(v["converted_profile"], "Converted")],
            "credentialSchema": {"id": NO_CV_SCHEMA, "type": "ShaclValidator2017"},
            "issuer": {"type": "Organisation"},
            "credentialSubject": {
                "type": "Person",
                "hasClaim": {
                    "id": nodes.id("learningAchievement"),
                    "type": "LearningAchievement",
                    "awardedBy": {"id": nodes.id("awardingProcess"), "type": "AwardingProcess"},
                    "specifiedBy": {"type": "LearningAchievementSpecification"},
                },
            },
            "displayParameter": {
                "id": nodes.id("displayParameter"),
                "type": "DisplayParameter",
                "individualDisplay": {
                    "id": nodes.id("individualDisplay"),
                    "type": "IndividualDisplay",
                    "displayDetail": {"id": nodes.id("displayDetail"), "type": "DisplayDetail", "page": 1},
                },
            },
        }
    )
    if isinstance(src.get("issuer"), str):
        run.target["issuer"]["id"] = src["issuer"]
        run.consumed.add(("issuer",))
    run.apply(TRANSFORMS)
    _finish(run, nodes, tag, doc)
    conv.document = run.target
    conv.losses.extend(run.findings)
    return conv


def _finish(run: Run, nodes: Nodes, tag: Any, doc: Document) -> None:
    t = run.target
    spec = get(t, SPEC)
    if isinstance(spec, dict) and "id" not in spec:
        spec["id"] = nodes.id("learningAchievementSpecification")
    # the awarding body is the issuer (ELM repeats the node)
    t["credentialSubject"]["hasClaim"]["awardedBy"]["awardingBody"] = [_copy.deepcopy(t["issuer"])]
    lang = nodes.language(tag) if isinstance(tag, str) else None
    if lang is not None:
        t["displayParameter"]["language"] = lang
        t["displayParameter"]["primaryLanguage"] = _copy.deepcopy(lang)
        t["displayParameter"]["individualDisplay"]["language"] = _copy.deepcopy(lang)
    if nodes.lang == "und":
        run.approx(
            ("credentialSubject", "achievement"),
            "the achievement states no inLanguage: ELM texts are tagged 'und' (undetermined), "
            "and the display language is missing",
            "ELM v3 language maps (rdf:langString); OB 3.0 §B.1.2 inLanguage",
        )
