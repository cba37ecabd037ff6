"""The input options ``check``, ``audit`` and ``elements`` share (mcconform.cli.options): the
three take the same ones, and each does what it says in ``audit`` and ``elements`` too:
hosted documents from ``--resource-map``, ``--recipient``, ``--trust-anchor``, a context from
``--context``, the network policy (``--allow-private-network``, ``--cache-dir``), the
configuration file and rule selection."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from click.testing import CliRunner

from mcconform.cli import main

ROOT = Path(__file__).resolve().parents[1]
OB2 = ROOT / "fixtures" / "ob2"
HOSTED = str(OB2 / "valid" / "assertion-hosted.json")
HOST = "https://badges.example.edu/"
MAP = ["--resource-map", f"{HOST}={OB2 / 'assets'}"]
NOW = ["--now", "2026-01-01T00:00:00Z"]
EXT = "https://example.org/ext/v1"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def audit(*args: str, workers: str = "1") -> dict[str, Any]:
    res = invoke("audit", "-f", "json", "--no-progress", "--workers", workers, "--isolated", *NOW, *args)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def elements(*args: str) -> list[dict[str, Any]]:
    res = invoke("elements", "-f", "json", "--isolated", *NOW, *args)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)["documents"]


def rules_of(data: dict[str, Any]) -> set[str]:
    return {f["rule"] for f in data["findings"]}


def option_names(command: click.Command) -> set[str]:
    return {o for p in command.params if isinstance(p, click.Option) for o in p.opts + p.secondary_opts}


def test_check_audit_and_elements_take_the_same_input_options() -> None:
    commands = main.commands  # type: ignore[attr-defined]
    shared = option_names(commands["audit"]) & option_names(commands["elements"])
    for option in ("--context", "--shapes", "--online", "--offline", "--allow-private-network",
                   "--cache-dir", "--resource-map", "--recipient", "--trust-anchor", "--max-bytes",
                   "--max-depth", "--max-documents", "--exclude", "--now", "--reference", "--config",
                   "--isolated", "--select", "--ignore", "--extend-ignore", "--profile"):  # fmt: skip
        assert option in shared, option
    assert shared <= option_names(commands["check"])
    # convert and portability read documents with the same options (no configuration file)
    for name in ("convert", "portability"):
        assert {"--resource-map", "--context", "--recipient", "--cache-dir"} <= option_names(commands[name])


# --------------------------------------------------------------------------- audit


def test_audit_resource_map_resolves_a_hosted_assertion_offline() -> None:
    offline = audit(HOSTED)
    assert offline["totals"]["verdicts"] == {"pass": 0, "fail": 0, "cantTell": 1}
    assert "ob2.not-checked" in rules_of(offline)
    mapped = audit(*MAP, HOSTED)
    assert mapped["totals"]["verdicts"] == {"pass": 1, "fail": 0, "cantTell": 0}
    assert mapped["profiles"]["ob2"]["pass"] == 1
    assert "ob2.not-checked" not in rules_of(mapped)


def test_audit_resource_map_reaches_the_worker_processes() -> None:
    # the options and the rule selection travel to the workers with the job
    ann = ["--recipient", "email:ann@example.org", "--ignore", "ob2.recipient-verified"]
    mapped = audit(*MAP, *ann, "--partition", "1", HOSTED, HOSTED, workers="2")
    assert mapped["totals"]["verdicts"] == {"pass": 2, "fail": 0, "cantTell": 0}
    assert "ob2.recipient-verified" not in rules_of(mapped)
    assert "ob2.recipient-verified" in rules_of(audit(*MAP, *ann[:2], HOSTED, workers="2"))


def test_audit_recipient() -> None:
    ann = audit(*MAP, "--recipient", "email:ann@example.org", HOSTED)
    assert ann["totals"]["verdicts"]["pass"] == 1
    assert "ob2.recipient-verified" in rules_of(ann)
    bob = audit(*MAP, "--recipient", "email:bob@example.org", HOSTED)
    assert bob["totals"]["verdicts"]["fail"] == 1
    res = invoke("audit", "--recipient", "ann@example.org", HOSTED)
    assert res.exit_code == 2 and "TYPE:VALUE" in res.output


def test_audit_bad_resource_map_is_a_usage_error(tmp_path: Path) -> None:
    for bad in ("nodir", f"{HOST}={tmp_path}/missing", f"ftp://x/={OB2 / 'assets'}"):
        assert invoke("audit", "--resource-map", bad, HOSTED).exit_code == 2, bad


def test_audit_reads_a_url_input_through_the_resource_map() -> None:
    data = audit(*MAP, f"{HOST}assertions/1001.json")
    assert data["kinds"] == {"ob2-assertion": 1}
    assert data["totals"]["verdicts"]["pass"] == 1


def test_audit_trust_anchor(tmp_path: Path) -> None:
    from test_trust_seal import CA, SEAL_CERT, anchor_file, sealed

    path = str(sealed(tmp_path, chain=[SEAL_CERT, CA]))
    without = audit("--profile", "trust", path)
    assert without["profiles"]["trust"]["cantTell"] == 1
    anchored = audit("--profile", "trust", "--trust-anchor", anchor_file(tmp_path, CA), path)
    assert anchored["profiles"]["trust"]["pass"] == 1


def test_audit_private_network_and_cache_dir(tmp_path: Path) -> None:
    from test_fetch import serve

    cache = tmp_path / "cache"
    with serve() as base:
        refused = audit("--online", "--cache-dir", str(cache), f"{base}/doc.json")
        fetched = audit("--online", "--allow-private-network", "--cache-dir", str(cache), f"{base}/doc.json")
    assert refused["kinds"] == {"unreadable": 1}  # a loopback address, refused without the flag
    assert fetched["kinds"] == {"ob2-issuer": 1}
    assert cache.is_dir() and any(p.is_file() for p in cache.rglob("*"))


def test_audit_rule_selection_and_configuration_file(tmp_path: Path) -> None:
    assert "ob2.not-checked" in rules_of(audit(HOSTED))
    ignored = audit("--ignore", "ob2.not-checked", HOSTED)
    assert "ob2.not-checked" not in rules_of(ignored)
    # a verdict is a promise: ignoring "not checked" hides the finding, not the verdict
    assert ignored["totals"]["verdicts"]["cantTell"] == 1
    config = tmp_path / "mcconform.toml"
    config.write_text('ignore = ["ob2.not-checked"]\n' f'resource-map = {{"{HOST}" = "{OB2 / "assets"}"}}\n')
    res = invoke("audit", "-f", "json", "--no-progress", "--workers", "1", *NOW, "--config", str(config),
                 HOSTED)
    configured = json.loads(res.output)
    assert configured["totals"]["verdicts"]["pass"] == 1 and "ob2.not-checked" not in rules_of(configured)


def test_audit_excludes_files(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "a.json").write_text((OB2 / "valid" / "issuer.json").read_text())
    (folder / "a.expect.json").write_text('{"not": "a credential"}')
    assert audit(str(folder))["totals"]["documents"] == 2
    assert audit("--exclude", "*.expect.json", str(folder))["totals"]["documents"] == 1


# --------------------------------------------------------------------------- elements


def extension_credential(tmp_path: Path) -> tuple[str, str]:
    """An OB 3.0 micro-credential using a term of a context mcconform does not bundle."""
    cred = json.loads((ROOT / "fixtures" / "ob3" / "valid" / "micro-credential.json").read_text())
    cred["@context"].append(EXT)
    cred["credentialSubject"]["achievement"]["extNote"] = "taught in the evening"
    doc = tmp_path / "cred.json"
    doc.write_text(json.dumps(cred))
    ctx = tmp_path / "ext.json"
    ctx.write_text(json.dumps({"@context": {"@version": 1.1, "@protected": True,
                                            "extNote": "https://example.org/ext#note"}}))  # fmt: skip
    return str(doc), str(ctx)


def test_elements_context(tmp_path: Path) -> None:
    doc, ctx = extension_credential(tmp_path)
    [without] = elements(doc)
    assert without["verdict"] == "cantTell"  # the context is not bundled: not verified
    assert without["profiles"]["ob3"] == "cantTell"
    [with_context] = elements("--context", f"{EXT}={ctx}", doc)
    assert with_context["verdict"] == "pass"
    assert with_context["profiles"]["ob3"] == "pass"
    assert with_context["elements"] == without["elements"]  # the same elements, now verified
    # the context's terms are checked: one it does not define is a failure
    Path(ctx).write_text(json.dumps({"@context": {"@version": 1.1, "other": "https://example.org/o"}}))
    [undefined] = elements("--context", f"{EXT}={ctx}", doc)
    assert undefined["verdict"] == "fail"
    text = invoke("elements", "--isolated", *NOW, doc).output
    assert "verdict: cantTell (ob3: cantTell, vc: cantTell)" in text
    assert invoke("elements", "--context", f"{EXT}={tmp_path}/missing.json", doc).exit_code == 2


def test_elements_resource_map_recipient_and_selection() -> None:
    [offline] = elements(HOSTED)
    assert offline["verdict"] == "cantTell"
    [mapped] = elements(*MAP, "--recipient", "email:ann@example.org", HOSTED)
    assert mapped["verdict"] == "pass" and mapped["profiles"] == {"ob2": "pass"}
    [bob] = elements(*MAP, "--recipient", "email:bob@example.org", HOSTED)
    assert bob["verdict"] == "fail"
    [ob3_only] = elements(*MAP, "--profile", "ob3", HOSTED)
    assert ob3_only["profiles"] == {"ob3": "inapplicable"}


def test_elements_limits_and_exclude(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"pad": "x" * 2000}))
    res = invoke("elements", "-f", "json", "--isolated", "--max-bytes", "1000", str(big))
    assert res.exit_code == 2 and "error" in json.loads(res.output)["documents"][0]
    res = invoke("elements", "-f", "json", "--isolated", "--exclude", "big.json", str(tmp_path))
    assert res.exit_code == 0 and json.loads(res.output)["documents"] == []


def test_elements_trust_anchor(tmp_path: Path) -> None:
    from test_trust_seal import CA, SEAL_CERT, anchor_file, sealed

    path = str(sealed(tmp_path, chain=[SEAL_CERT, CA]))
    [without] = elements("--profile", "trust", path)
    assert without["profiles"] == {"trust": "cantTell"}
    [anchored] = elements("--profile", "trust", "--trust-anchor", anchor_file(tmp_path, CA), path)
    assert anchored["profiles"] == {"trust": "pass"}


def test_elements_url_input_private_network(tmp_path: Path) -> None:
    from test_fetch import serve

    cache = tmp_path / "cache"
    with serve() as base:
        refused = invoke("elements", "-f", "json", "--isolated", "--online", "--cache-dir", str(cache),
                         f"{base}/doc.json")
        allowed = ["--online", "--allow-private-network", "--cache-dir", str(cache)]
        [fetched] = elements(*allowed, f"{base}/doc.json")
    assert refused.exit_code == 2
    assert "--allow-private-network" in json.loads(refused.output)["documents"][0]["error"]
    assert fetched["kind"] == "ob2-issuer" and "error" not in fetched
    assert any(p.is_file() for p in cache.rglob("*"))
