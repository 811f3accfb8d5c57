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
