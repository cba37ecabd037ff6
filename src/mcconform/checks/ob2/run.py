"""One run of the OB 2.0 checks over one document: its state, and its methods, each
defined in the module of its concern."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...document import Document
from ...options import Options
from ...report import Finding
from .. import CheckContext
from . import documents as _documents
from . import endorsements as _endorsements
from . import hosted as _hosted
from . import recipient as _recipient
from . import signed as _signed
from . import structure as _structure


@dataclass
class Run:
    doc: Document
    ctx: CheckContext
    opts: Options
    out: list[Finding] = field(default_factory=list)
    not_checked: set[str] = field(default_factory=set)
    #: an OB 0.5 / 1.x document: properties 2.0 added are noted (ob2.legacy), not errors
    legacy: bool = False

    # structure
    node = _structure.node
    node_type = _structure.node_type
    value = _structure.value
    data_uri = _structure.data_uri
    context = _structure.context
    undefined = _structure.undefined

    # documents
    assertion = _documents.assertion
    issuer_of = _documents.issuer_of
    badgeclass = _documents.badgeclass
    profile = _documents.profile
    timestamps = _documents.timestamps

    # hosted
    linked = _hosted.linked
    scope = _hosted.scope
    hosted_copy = _hosted.hosted_copy

    # signed
    jws = _signed.jws
    key = _signed.key
    revocation = _signed.revocation
    revocation_list = _signed.revocation_list

    # recipient
    identity = _recipient.identity

    # endorsements and extensions
    endorsements = _endorsements.endorsements
    endorsement = _endorsements.endorsement
    extensions = _endorsements.extensions
    ext_value = _endorsements.ext_value
