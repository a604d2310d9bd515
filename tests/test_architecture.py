"""The shape of the code: capabilities use the core's public API and declared extension points only,
never each other, and a build's state lives on one typed object."""

import ast
import re

import pytest
import warta_content
from conftest import ROOT
from warta_content.hooks import HOOKS, Hook
from warta_content.output_record import OutputRecord
from warta_content.state import BuildState

PLUGINS = ROOT / "plugins"
CAPABILITIES = sorted(p.name for p in PLUGINS.glob("warta_*") if p.is_dir() and p.name != "warta_content")


def _imports(package: str) -> list[tuple[str, str, int, list[str]]]:
    """(file, module, line, names) of every import in ``package``."""
    found = []
    for path in sorted((PLUGINS / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = path.relative_to(PLUGINS).as_posix()
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.append((where, node.module, node.lineno, [a.name for a in node.names]))
            elif isinstance(node, ast.Import):
                found += [(where, a.name, node.lineno, []) for a in node.names]
    return found


def _source(package: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((PLUGINS / package).rglob("*.py")))


@pytest.mark.parametrize("package", CAPABILITIES)
def test_a_capability_uses_only_the_cores_public_api(package):
    wrong = [
        f"{where}:{line}: {module} {names}"
        for where, module, line, names in _imports(package)
        if module.startswith("warta_content.")
        or (module == "warta_content" and set(names) - set(warta_content.__all__))
    ]
    assert not wrong, "impor bagian dalam inti (tambahkan ke warta_content.__all__ bila memang API):\n" + "\n".join(
        wrong
    )


@pytest.mark.parametrize("package", CAPABILITIES)
def test_capabilities_never_import_each_other(package):
    others = set(CAPABILITIES) - {package}
    wrong = [f"{w}:{line}: {m}" for w, m, line, _ in _imports(package) if m.split(".")[0] in others]
    assert not wrong, "\n".join(wrong)


def _declared(kind: str) -> set[str]:
    return {h.name.split(".", 1)[1] for h in HOOKS if h.name.startswith(kind + ".")}


@pytest.mark.parametrize("package", CAPABILITIES)
def test_what_a_capability_reaches_of_the_core_is_a_declared_hook(package):
    source = _source(package)
    used = {f"OutputRecord.{n}" for n in re.findall(r"\boutput\.(\w+)", source) if n != "resolve"}
    used |= {f"BuildState.{n}" for n in re.findall(r"build_state\([^)]*\)\.(\w+)", source)}
    used |= {f"BuildState.{n}" for n in re.findall(r"\bstate\.(\w+)", source)}
    own = set(re.findall(r"^\s*def (\w+)", source, re.MULTILINE))
    called = set(re.findall(r"\bself\.(write_\w+|render_file|bind_build)\(", source)) - own
    used |= {f"WartaGenerator.{n}" for n in called}
    undeclared = sorted(used - {h.name for h in HOOKS})
    assert not undeclared, f"belum dinyatakan di warta_content/hooks.py: {undeclared}"


@pytest.mark.parametrize("hook", HOOKS, ids=lambda h: h.name)
def test_every_declared_hook_exists(hook: Hook):
    owner, _, name = hook.name.rpartition(".")
    where = {"": warta_content, "OutputRecord": OutputRecord, "BuildState": BuildState}.get(owner)
    if owner == "WartaGenerator":
        where = warta_content.WartaGenerator
    if hook.name == "remembered":
        assert "remembered=" in (PLUGINS / "warta_content/templating.py").read_text(encoding="utf-8")
        return
    if owner == "OutputRecord" and not hasattr(OutputRecord, name):  # an attribute set in __init__
        assert re.search(rf"self\.{name}\b[^=\n]*=", (PLUGINS / "warta_content/output_record.py").read_text("utf-8"))
        return
    if owner == "BuildState" and name in BuildState.__dataclass_fields__:
        return
    assert hasattr(where, name), hook.name
    assert hook.phase in {"load", "plan", "render", "index", "check", "publish", "semua"}


def test_build_state_is_one_typed_object():
    """No ad-hoc ``pelican.warta_*`` attributes: what phases hand each other is declared in BuildState."""
    ad_hoc = [
        f"{p.relative_to(ROOT)}: {m}"
        for p in sorted(PLUGINS.rglob("*.py"))
        for m in re.findall(r"pelican\.warta_\w+|getattr\(pelican, \"warta_\w+", p.read_text(encoding="utf-8"))
    ]
    assert not ad_hoc, "\n".join(ad_hoc)


@pytest.mark.parametrize("package", CAPABILITIES)
def test_a_capability_joins_a_phase_through_the_cores_signals_not_finalized(package):
    """The order of render, check, index and publish is written once, in build.finish; a capability
    on Pelican's ``finalized`` would run in the order of PLUGINS instead."""
    assert "signals.finalized" not in _source(package)
