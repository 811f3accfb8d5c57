"""The drawing of the targets in docs/architecture.md is the one Package.swift gives."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_architecture_drawing_is_made_from_package_swift():
    drawing = subprocess.run([str(ROOT / "scripts" / "draw-targets")], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
    assert drawing.startswith("```mermaid\nflowchart BT\n") and "SafeguardingApplication" in drawing
    document = (ROOT / "docs" / "architecture.md").read_text()
    assert drawing in document, "docs/architecture.md's drawing is out of date: run scripts/draw-targets and paste its output"


def test_the_web_layer_is_not_linked_by_the_commands():
    package = (ROOT / "Package.swift").read_text()
    commands = package[package.index('name: "SafeguardingCommands"'):]
    commands = commands[:commands.index("swiftSettings")]
    assert '"SafeguardingWeb"' not in commands, "SafeguardingCommands must depend on the application layer, not the web layer"


def dumped_package():
    import json
    return json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True,
                                     capture_output=True, text=True).stdout)


def declared(target):
    for dependency in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                yield dependency[kind][0]


def test_every_import_is_declared_in_package_swift():
    import re
    system = {"Foundation", "FoundationXML", "FoundationNetworking", "Dispatch", "Glibc", "Synchronization", "Testing", "XCTest"}
    problems = []
    for target in dumped_package()["targets"]:
        folder = ROOT / ("Tests" if target["type"] == "test" else "Sources") / target["name"]
        allowed = set(declared(target)) | system
        for source in folder.rglob("*.swift"):
            for module in re.findall(r"^(?:@testable )?import (\w+)", source.read_text(), re.M):
                if module not in allowed:
                    problems.append(f"{source.relative_to(ROOT)} imports {module}, which {target['name']} does not declare")
    assert not problems, "\n".join(problems)


def test_the_web_layer_does_not_reach_the_database():
    import re
    offending = []
    for source in (ROOT / "Sources" / "SafeguardingWeb").rglob("*.swift"):
        text = source.read_text()
        if re.search(r"^import (Fluent|FluentKit|SQLKit)\b", text, re.M) or re.search(r"\breq(uest)?\.db\b", text):
            offending.append(str(source.relative_to(ROOT)))
    assert not offending, "these web files reach the database instead of calling the application layer: " + ", ".join(offending)
