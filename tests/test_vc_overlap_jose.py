"""One defect, one finding between the vc and the VC-JOSE-COSE checks of a secured presentation:
an enveloped credential's bad id or type is reported once (jose.enveloped-credential, which also
checks the media type); a defect only the vc check sees stays."""

from __future__ import annotations

from mcconform.checks import vcjose
from mcconform.checks.vc import presentation
from mcconform.checks.vc.overlap import fold
from mcconform.report import Finding

ITEM = "/verifiableCredential/0"


def rules(findings: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.rule, f.pointer) for f in fold(findings))


def test_bad_id_is_reported_once_by_jose() -> None:
    jose = vcjose.ENVELOPED.finding("the enveloped credential's id 'x' is not a data: URL", ITEM + "/id")
    vc = presentation.ENVELOPED.finding("the id of an enveloped credential must be a data: URL", ITEM + "/id")
    assert rules([jose, vc]) == [("jose.enveloped-credential", ITEM + "/id")]
    # no id at all: vc points at the item, jose at its id; still one defect
    vc_no_id = presentation.ENVELOPED.finding("the id of an enveloped credential must be a data: URL", ITEM)
    assert rules([jose, vc_no_id]) == [("jose.enveloped-credential", ITEM + "/id")]


def test_missing_envelope_type_is_reported_once_by_jose() -> None:
    jose = vcjose.ENVELOPED.finding("the credential is not an EnvelopedVerifiableCredential", ITEM)
    vc = presentation.ENVELOPED.finding("this item holds a data: URL but its type is not ...", ITEM + "/type")
    assert rules([jose, vc]) == [("jose.enveloped-credential", ITEM)]


def test_defects_only_vc_sees_are_kept() -> None:
    jose = vcjose.ENVELOPED.finding("the enveloped credential's id 'x' is not a data: URL", ITEM + "/id")
    ctx = presentation.ENVELOPED.finding("an enveloped credential needs @context with ... first", ITEM)
    other = presentation.ENVELOPED.finding(
        "the id of an enveloped credential must be a data: URL", "/verifiableCredential/1/id"
    )
    assert rules([jose, ctx, other]) == [
        ("jose.enveloped-credential", ITEM + "/id"),
        ("vc.enveloped-credential", ITEM),
        ("vc.enveloped-credential", "/verifiableCredential/1/id"),
    ]
    # without a jose check (an unsecured presentation), the vc findings are all there is
    vc = presentation.ENVELOPED.finding("the id of an enveloped credential must be a data: URL", ITEM + "/id")
    assert rules([vc]) == [("vc.enveloped-credential", ITEM + "/id")]
