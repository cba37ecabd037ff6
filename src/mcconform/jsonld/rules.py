"""The rules of JSON-LD processing (declared once here): unknown or unloadable contexts,
invalid JSON-LD, undefined terms, a missing ``@context``; the checks that report them are in
:mod:`mcconform.checks.jsonld`."""

from __future__ import annotations

from ..rules import rule

SPEC_JSONLD = "JSON-LD 1.1 (W3C Recommendation)"

UNKNOWN_CONTEXT = rule(
    "jsonld.context.not-checked",
    "warning",
    "A JSON-LD context is neither bundled nor supplied, and the network is off: not checked.",
    "JSON-LD 1.1 section 3.1 (The Context); mcconform offline policy",
    """
    mcconform works offline: it ships the context documents of the VC data model (v1.1, v2,
    and their examples contexts), Open Badges 2.0 and 3.0, ELM (edc-ap) and the proof suites.
    A credential that names any other context (a platform's extension context, say) is not
    wrong for that, but cannot be interpreted without it: what needs JSON-LD (undefined terms,
    type IRIs, SHACL shapes, RDF canonicalization) is not checked, and the verdict is
    "not verified" (cantTell) unless something else fails.  The checks that need no context
    still run.  Supply it from a file with ``--context URL=FILE``, or allow fetching with
    ``--online``.
    NOT CHECKED: ``"@context": ["https://www.w3.org/ns/credentials/v2", "https://example.org/ext.json"]``
    PASS: the same with ``--context https://example.org/ext.json=ext.json``
    """,
)
CONTEXT_FETCH = rule(
    "jsonld.context-unavailable",
    "error",
    "A JSON-LD context could not be loaded.",
    "JSON-LD 1.1 API section 9.4 (Remote Document and Context Retrieval)",
    "The context file or URL could not be read, is not JSON, or has no @context member.",
)
INVALID = rule(
    "jsonld.invalid",
    "error",
    "The document is not valid JSON-LD.",
    "JSON-LD 1.1 API section 9 (Error handling)",
    """
    JSON-LD processing (expansion) failed: for example a protected term is redefined, an @id
    is not a string, or a value object is malformed.  A consumer cannot turn this document
    into linked data.
    """,
)
UNDEFINED_TERM = rule(
    "jsonld.undefined-term",
    "error",
    "A JSON key is not defined by the active JSON-LD context.",
    "JSON-LD 1.1 section 4.1.1 (Expanded term definition); VC Data Model 2.0 section 4.2 (Contexts)",
    """
    A key that the active context does not define is dropped by JSON-LD expansion (or, under
    the VC 2.0 context, mapped to the meaningless ``issuer-dependent`` vocabulary).  The
    receiving platform silently loses that data.  The 1EdTech reference validator treats such
    terms as errors.  Define the term in an extension context, or remove it.
    FAIL: ``"credentialSubject": {"favouriteColour": "blue"}`` with only the OB 3.0 context.
    """,
)
MISSING_CONTEXT = rule(
    "jsonld.missing-context",
    "error",
    "The document has no @context.",
    "JSON-LD 1.1 section 3.1",
    "Without @context the JSON keys have no meaning as linked data.",
)
