"""Open Badges 3.0 checks: the rules of the OB 3.0 data model that JSON-LD alone does not see.

The credential (``doc.credential``: the document, or the ``vc`` claim of a VC-JWT 1.1) is
checked as JSON, the way the 1EdTech reference validator and the OB 3.0 JSON Schemas see it:

* ``@context``: the VC context first, then an OB 3.0 context (older versions and VC 1.1 warn);
* ``type``, issuer, validity period (against ``--now``), the subject and its achievement;
* the ``type`` of every nested node (issuer Profile, Result, Evidence, IdentityObject...), and
  type values the active contexts do not define;
* the bundled OB 3.0 JSON Schema, and the ``credentialSchema`` entries mcconform bundles;
* standalone Profile (issuer metadata), Achievement and EndorsementCredential documents.

Node types are graph-level rules too: ``shapes/ob3.ttl`` states them in SHACL.  With the
default ``node_types = "auto"``, this family reports them only when the profile's SHACL check
will not run them (no ``shacl`` check, or the document has no RDF graph), so that each
broken type is reported once.

The package: ``model`` (the data model as tables), ``rules`` (the rule catalog), ``values``
(URIs, types, date-times), ``contexts``, ``dates``, ``node_types``, ``checker`` (the credential,
subject, achievement and profile rules), ``terms`` (undefined type values), ``schema_checks``
(JSON Schemas).  This module registers the check and runs them in order.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...detect import OB3_ACHIEVEMENT, OB3_CREDENTIAL, OB3_ENDORSEMENT, OB3_PROFILE
from ...document import Document
from ...report import Finding
from .. import CheckContext, check
from .checker import Ob3Checker
from .contexts import context_findings
from .model import CREDENTIAL_KINDS
from .schema_checks import schema_findings
from .terms import undefined_type_findings

__all__ = ["check_ob3"]


@check("ob3")
def check_ob3(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    cred = doc.credential
    if not isinstance(cred, dict):
        return
    run = Ob3Checker(doc, ctx)
    base = doc.base
    if doc.kind in CREDENTIAL_KINDS:
        kind = OB3_ENDORSEMENT if doc.kind == OB3_ENDORSEMENT else OB3_CREDENTIAL
        yield from run.credential(cred, base, kind)
    elif doc.kind == OB3_PROFILE:
        yield from run.profile(cred, base)
    elif doc.kind == OB3_ACHIEVEMENT:
        yield from context_findings(cred, base, False, ctx)
        yield from run.achievement(cred, base, 0, standalone=True)
    else:
        return
    yield from undefined_type_findings(cred, base, ctx)
    yield from schema_findings(doc, ctx)
