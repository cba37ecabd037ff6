"""Generic node validation against the data-model tables: types, values, data URIs,
contexts and undefined terms."""

from __future__ import annotations

import base64
import binascii
import re
from typing import TYPE_CHECKING, Any

from ...detect import (
    as_list,
)
from ...pointer import join
from ..ob3.terms import defined_terms, undefined_types
from .model import CLASSES, LEGACY_ALIASES, LEGACY_OPTIONAL, OB2_CONTEXT, OB2_CONTEXTS, Cls, Prop
from .rules import (
    CONTEXT,
    CRITERIA,
    DATETIME_TZ,
    IMAGE,
    LEGACY,
    OBI,
    RECIPIENT_TYPE,
    REQUIRED,
    TYPE,
    UNDEFINED_TYPE,
    VALUE_TYPE,
)
from .sink import Sink
from .values import _DATA_URI, _EMAIL, _TEL, _short, is_iri, is_text, is_url, parse_dt, short_type, types_of

if TYPE_CHECKING:
    from .run import Run


def node(self: Run, sink: Sink, node: Any, ptr: str, cls_name: str, *, legacy: bool = False) -> None:
    cls = CLASSES[cls_name]
    if not isinstance(node, dict):
        sink.add(VALUE_TYPE, f"a {cls_name} must be a JSON object", ptr)
        return
    legacy = legacy or self.legacy
    self.node_type(sink, node, ptr, cls, legacy=legacy)
    for prop in cls.props:
        value = node.get(prop.name)
        if value is None and legacy:
            for alias in LEGACY_ALIASES.get(prop.name, ()):
                value = node.get(alias)
        pptr = join(ptr, prop.name)
        if value is None:
            if prop.required and legacy and prop.name in LEGACY_OPTIONAL:
                sink.add(
                    LEGACY,
                    f"the {cls_name} has no '{prop.name}' (optional before OB 2.0, required since)",
                    ptr,
                    value=prop.name,
                )
            elif prop.required:
                sink.add(REQUIRED, f"the {cls_name} has no '{prop.name}'", ptr, value=prop.name)
            continue
        if isinstance(value, list):
            if not prop.many and len(value) != 1:
                sink.add(VALUE_TYPE, f"'{prop.name}' takes one value, not a list", pptr)
                continue
            if not value and prop.required:
                sink.add(REQUIRED, f"the {cls_name} has an empty '{prop.name}'", pptr)
            items = [(v, join(pptr, i)) for i, v in enumerate(value)]
        else:
            items = [(value, pptr)]
        for v, vptr in items:
            self.value(sink, prop, v, vptr, cls_name)
    if cls_name == "Criteria" and not node.get("id") and not node.get("narrative"):
        sink.add(CRITERIA, "the Criteria has neither 'id' nor 'narrative'", ptr)
    if cls_name == "IdentityObject":
        self.identity(sink, node, ptr)


def node_type(
    self: Run, sink: Sink, node: dict[str, Any], ptr: str, cls: Cls, *, legacy: bool = False
) -> None:
    legacy = legacy or self.legacy
    raw = node.get("type", node.get("@type"))
    tptr = join(ptr, "type" if "type" in node else "@type")
    if cls.name == "IdentityObject":
        if not isinstance(raw, str):
            if raw is None:
                sink.add(REQUIRED, "the IdentityObject has no 'type'", ptr, value="type")
            else:
                sink.add(VALUE_TYPE, "the IdentityObject 'type' must be one string", tptr)
        elif short_type(raw) not in ("email", "url", "telephone", "id"):
            sink.add(
                RECIPIENT_TYPE, f"the recipient type '{raw}' is not email, url, telephone or id", tptr
            )
        return
    if raw is None or raw == []:
        if cls.type_required and not legacy:
            sink.add(TYPE, f"the {cls.name} has no type (expected {' or '.join(cls.types)})", ptr)
        return
    values = [short_type(t) for t in types_of(node)]
    if len(values) != len(as_list(raw)):
        sink.add(VALUE_TYPE, "type values must be strings", tptr)
    if cls.types and not set(values) & set(cls.types):
        want = " or ".join(f"'{t}'" for t in cls.types)
        sink.add(TYPE, f"the type {raw!r} does not include {want}", tptr, value=str(raw))


def value(self: Run, sink: Sink, prop: Prop, v: Any, ptr: str, cls_name: str) -> None:
    name = prop.name
    vt = prop.vtype
    bad = None
    if vt == "iri":
        bad = None if is_iri(v) else "an IRI"
    elif vt == "url":
        bad = None if is_url(v) else "an http(s) URL"
    elif vt in ("text", "markdown"):
        bad = None if is_text(v) else "text (a string)"
    elif vt == "term":
        bad = None if isinstance(v, str) and v.strip() and " " not in v else "an IRI or a term"
    elif vt == "email":
        bad = (
            None if isinstance(v, str) and _EMAIL.match(v.removeprefix("mailto:")) else "an email address"
        )
    elif vt == "telephone":
        bad = (
            None
            if isinstance(v, str) and _TEL.match(re.sub(r"[\s().-]", "", v))
            else "an E.164 telephone number"
        )
    elif vt == "boolean":
        bad = None if isinstance(v, bool) else "a boolean (true or false)"
    elif vt == "identity":
        bad = None if isinstance(v, str) and v else "a string"
    elif vt == "datetime":
        _, problem = parse_dt(v)
        if problem == "no-tz":
            sink.add(DATETIME_TZ, f"'{name}' {v!r} has no time zone", ptr, value=str(v))
        elif problem:
            bad = "an ISO 8601 date-time"
    elif vt == "data-uri-or-url":
        if isinstance(v, str) and v.startswith("data:"):
            self.data_uri(sink, v, ptr, cls_name)
        elif not is_url(v):
            bad = "an image URL or data URI"
    elif vt == "id":
        if isinstance(v, dict) and prop.cls:
            if (
                prop.cls == "Image"
                and cls_name == "Assertion"
                and str(v.get("id", "")).startswith("data:")
            ):
                sink.add(
                    IMAGE, "an Assertion image must be hosted at a URL, not a data URI", join(ptr, "id")
                )
                return
            self.node(sink, v, ptr, prop.cls)
            return
        if isinstance(v, str) and v.startswith("data:") and prop.cls == "Image":
            if prop.data_uri:
                self.data_uri(sink, v, ptr, cls_name)
            else:
                sink.add(IMAGE, f"an {cls_name} image must be hosted at a URL, not a data URI", ptr)
            return
        if not is_iri(v) or (not prop.url_ok and not isinstance(v, dict)):
            bad = f"the IRI of a {prop.cls} or an embedded {prop.cls}"
    if bad:
        sink.add(VALUE_TYPE, f"'{name}' must be {bad}, not {_short(v)}", ptr, value=_short(v))


def data_uri(self: Run, sink: Sink, v: str, ptr: str, cls_name: str) -> None:
    m = _DATA_URI.match(v)
    if not m:
        sink.add(IMAGE, "the image data URI is malformed", ptr)
        return
    media = (m.group(1) or "text/plain").lower()
    if media not in ("image/png", "image/svg+xml"):
        sink.add(IMAGE, f"the image data URI is {media}; OB 2.0 images are PNG or SVG", ptr, value=media)
        return
    if m.group(3):
        try:
            data = base64.b64decode(m.group(4), validate=True)
        except (binascii.Error, ValueError):
            sink.add(IMAGE, "the image data URI is not valid base64", ptr)
            return
        if media == "image/png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
            sink.add(IMAGE, "the image data URI says PNG but does not hold a PNG", ptr)


def context(self: Run, sink: Sink, data: dict[str, Any], legacy: bool) -> None:
    ctx = data.get("@context")
    if legacy:
        return
    strings = [c for c in as_list(ctx) if isinstance(c, str)]
    inline = any(isinstance(c, dict) and c.get("obi") == OBI for c in as_list(ctx))
    if ctx is None:
        sink.add(CONTEXT, f"the document has no @context (expected {OB2_CONTEXT})", "")
    elif not inline and not any(c in OB2_CONTEXTS for c in strings):
        where = "/@context/0" if isinstance(ctx, list) else "/@context"
        sink.add(CONTEXT, f"the @context does not name {OB2_CONTEXT}", where, value=str(strings[:1]))


def undefined(self: Run, sink: Sink, data: dict[str, Any]) -> None:
    if "@context" not in data:
        return
    raw = data.get("type", data.get("@type"))
    if isinstance(raw, list) and not raw:
        sink.add(UNDEFINED_TYPE, "the type list is empty", "/type")
    terms = defined_terms(data["@context"], self.ctx.registry)
    if terms is None or "*" in terms:
        return
    for ptr, value in undefined_types(data, "", terms, self.ctx.registry):
        sink.add(
            UNDEFINED_TYPE, f'the type "{value}" is not defined by the active @context', ptr, value=value
        )
