"""The public Python API: ``mcconform.check(...)``, which the CLI calls."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from . import dedupe, detect, guard, nested, selection
from .checks import CheckContext, get_check
from .checks.vc.overlap import fold
from .document import Document
from .jsonld import ContextRegistry
from .options import Options
from .profiles import Profile, defaults_for, load
from .report import DocumentReport, Finding, ProfileResult, Report
from .sources import document_from_memory, iter_documents
from .version import __version__


class Checker:
    """Runs profiles over documents.  Build one per run; it caches contexts and shapes."""

    def __init__(
        self,
        profiles: str | Profile | Sequence[str | Profile] | None = None,
        options: Options | None = None,
    ) -> None:
        self.options = options or Options()
        if isinstance(profiles, str | Profile):  # one profile, not the letters of its name
            profiles = [profiles]
        self.profiles: list[Profile] | None = (
            [p if isinstance(p, Profile) else load(p) for p in profiles] if profiles else None
        )
        online = self.options.online or bool(self.options.resource_map)
        fetch = None
        if online:  # offline runs never import the fetcher
            from .fetch import context_fetcher

            fetch = context_fetcher(self.options)
        self.registry = ContextRegistry(self.options.contexts, online=online, fetch=fetch)

    def profiles_for(self, doc: Document) -> list[Profile]:
        """The profiles given, else the defaults for the document's kind, and ``trust`` for a
        signed document (an embedded proof, a VC-JWT, a sealed credential): a forged or revoked
        credential must not pass by default."""
        chosen_here = self.options.selection.profiles_for(doc.source) if self.options.selection else ()
        if chosen_here:  # per-path profiles ([[tool.mcconform.overrides]])
            return [load(name) for name in chosen_here]
        if self.profiles is not None:
            return self.profiles
        if doc.kind == detect.EDC_CREDENTIAL:
            from .checks.edc import profiles_for

            chosen = [load(name) for name in profiles_for(doc.credential)]
        else:
            chosen = defaults_for(doc.kind)
        # the VC data model is the base layer of every VC-shaped kind (EDC included), and what
        # a plain VC says it is (the OB 3.0 context, an achievement) brings that profile too
        for name in ("vc", *detect.implied_profiles(doc.credential, doc.kind)):
            implied = load(name)
            if implied.applies(doc.kind) and all(p.name != name for p in chosen):
                chosen = [*chosen, implied]
        if _signed(doc):
            trust = load("trust")
            if trust.applies(doc.kind) and all(p.name != trust.name for p in chosen):
                chosen = [*chosen, trust]
        return chosen

    def check_document(self, doc: Document) -> DocumentReport:
        """The document's report; an unexpected error is an ``internal.error`` finding."""
        return guard.checked(self._check_document, doc, _failed_report)

    def _check_document(self, doc: Document) -> DocumentReport:
        guard.detect(doc, self.options.limits)
        report = DocumentReport(source=doc.source, kind=doc.kind, meta=_public_meta(doc))
        base = list(doc.findings)
        state: dict[str, Any] = {}
        done: dict[tuple[str, str, str, tuple[str, ...]], list[Finding]] = {}
        dropped: dict[Finding, str] = {}
        # an unreadable document's findings are never dropped: exit code 2 whatever the rules
        chosen = selection.apply(self.options.selection, doc, base, dropped) if doc.readable else base
        all_findings = list(chosen)
        profiles = self.profiles_for(doc)
        # the settings tell profiles apart in ``done``: with one profile there is nothing to share
        shared = len(profiles) > 1
        for profile in profiles:
            if not doc.readable:
                report.profiles[profile.name] = _result(profile, "fail", base)
                continue
            if not profile.applies(doc.kind):
                report.profiles[profile.name] = ProfileResult(profile.name, "inapplicable")
                continue
            ctx = CheckContext(self.options, self.registry, profile, state)
            mine = list(base)
            settings = repr(sorted(profile.settings.items())) if shared else ""
            for name in profile.checks:
                # results are shared between profiles with the same settings and checks (ob3
                # reads which checks run), except for checks whose findings name the profile
                # (quality; receiver, when its settings do not name the receiver)
                own = profile.name if name in ("quality", "receiver") else ""
                key = (name, settings, own, tuple(profile.checks))
                if key not in done:
                    done[key] = guard.run_check(name, get_check(name), doc, ctx)  # type: ignore[arg-type]
                mine.extend(done[key])
            if not mine:  # the common case: nothing to filter, fold or count
                report.profiles[profile.name] = ProfileResult(profile.name, "pass")
                continue
            unchecked = any(f.rule.endswith(".not-checked") for f in mine)
            mine = selection.apply(self.options.selection, doc, mine, dropped)
            all_findings.extend(mine)
            mine = dedupe.fold(list(dict.fromkeys(mine)))
            verdict = "fail" if any(f.severity == "error" for f in mine) else "pass"
            if verdict == "pass" and unchecked:
                verdict = "cantTell"
            report.profiles[profile.name] = _result(profile, verdict, mine)
        if all_findings:
            folded = dedupe.fold(list(dict.fromkeys(fold(set(all_findings)))))
            report.findings = sorted(set(folded), key=Finding.sort_key)
        if dropped:
            report.meta["ignored"] = selection.counts(dropped)
        return report

    def check_tree(self, doc: Document) -> list[tuple[Document, DocumentReport]]:
        """The document's report, then (depth first) those of the credentials inside it
        (:mod:`mcconform.nested`): a presentation's, a CLR's, an envelope's."""
        report = self.check_document(doc)
        out = [(doc, report)]
        found = nested.embedded(doc, self.options.limits)
        inner: list[tuple[str, DocumentReport]] = []
        for pointer, sub in found.items:
            tree = self.check_tree(sub)
            inner.append((pointer, tree[0][1]))
            out.extend(tree)
        nested.fold(report, found, inner)
        return out

    def iter_reports(self, docs: Iterable[Document]) -> Iterator[DocumentReport]:
        from .locate import annotate

        for doc in docs:
            for inner, rep in self.check_tree(doc):
                yield annotate(inner, rep) if self.options.locate else rep

    def check_inputs(self, inputs: Sequence[str]) -> Report:
        docs = iter_documents(inputs, self.options.limits, self.options)
        return Report(list(self.iter_reports(docs)), __version__)


def _result(profile: Profile, verdict: Any, findings: list[Finding]) -> ProfileResult:
    uniq = set(findings)
    return ProfileResult(
        profile.name,
        verdict,
        errors=sum(f.severity == "error" for f in uniq),
        warnings=sum(f.severity == "warning" for f in uniq),
        infos=sum(f.severity == "info" for f in uniq),
    )


def _failed_report(doc: Document, finding: Finding) -> DocumentReport:
    findings = sorted({*doc.findings, finding}, key=Finding.sort_key)
    return DocumentReport(source=doc.source, kind=doc.kind, findings=findings)


def _signed(doc: Document) -> bool:
    """Whether the document carries a signature mcconform can verify."""
    if not doc.readable:
        return False
    envelope = str(doc.meta.get("envelope") or "")
    if doc.media == "jwt" or envelope == "sealed-edc" or "jwt" in envelope or "jws" in envelope:
        return True
    if envelope.endswith("vc-cose"):  # "enveloped+vc-cose": inside a presentation too
        return True
    cred = doc.credential
    return isinstance(cred, dict) and "proof" in cred


def _public_meta(doc: Document) -> dict[str, Any]:
    keep = ("envelope", "baked", "hosted_url", "signatures", "pointer_base", "embedded_in")
    meta = {k: doc.meta[k] for k in keep if k in doc.meta}
    if doc.base:
        meta["credential_pointer"] = doc.base
    return meta


def check(
    document_or_path: Any,
    profiles: str | Profile | Sequence[str | Profile] | None = None,
    *,
    options: Options | None = None,
    **option_values: Any,
) -> Report:
    """Check documents and return a :class:`~mcconform.report.Report`.

    ``document_or_path`` is a path (file, directory, JSON Lines, ZIP), a list of paths, a
    JSON text, or an already parsed JSON value (a dict).  ``profiles`` names built-in
    profiles or profile files; by default each document gets the profiles for its kind.
    Keyword arguments set :class:`~mcconform.options.Options` fields (``now=``, ``online=``,
    ``contexts=``...).
    """
    opts = options or Options(**option_values)
    checker = Checker(profiles, opts)
    if isinstance(document_or_path, dict | list) and not (
        isinstance(document_or_path, list) and all(isinstance(x, str | Path) for x in document_or_path)
    ):
        doc = document_from_memory(document_or_path, opts.limits)  # the CLI's limits apply
        return Report(list(checker.iter_reports([doc])), __version__)
    if isinstance(document_or_path, str) and document_or_path.lstrip().startswith(("{", "[")):
        doc = document_from_memory(document_or_path, opts.limits)
        return Report(list(checker.iter_reports([doc])), __version__)
    if isinstance(document_or_path, str | Path):
        inputs = [str(document_or_path)]
    else:
        inputs = [str(p) for p in document_or_path]
    return checker.check_inputs(inputs)
