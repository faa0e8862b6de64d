#!/usr/bin/env python3
"""Rewrite retired model ids in our YAML prompt configs to their replacements.

Background: Anthropic retired claude-3-5-sonnet-20241022 and claude-3-7-sonnet-20250219, and OpenAI
shut down gpt-3.5-turbo; configs written before 2026 still mention them. This script only edits
files; it never calls a model.
"""
import sys
from pathlib import Path

import yaml

# old id -> replacement (from the vendors' deprecation pages)
MODEL_MIGRATIONS: dict[str, str] = {
    "claude-3-5-sonnet-20241022": "claude-sonnet-4-6",
    "claude-3-7-sonnet-20250219": "claude-sonnet-4-6",
    "claude-3-5-haiku-20241022": "claude-haiku-4-5-20251001",
    "claude-3-opus-20240229": "claude-opus-4-6",
    "gpt-3.5-turbo": "gpt-5.1",
    "gpt-4-turbo": "gpt-5.1",
}


def migrate_file(path: Path) -> bool:
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    changed = False
    for prompt in config.get("prompts", []):
        old = prompt.get("model")
        new = MODEL_MIGRATIONS.get(old)
        if new:
            print(f"{path}: {prompt.get('name', '?')}: {old} -> {new}")
            prompt["model"] = new
            changed = True
    if changed:
        path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return changed


def main(root: str = "prompts") -> int:
    changed = [p for p in sorted(Path(root).glob("**/*.yaml")) if migrate_file(p)]
    print(f"updated {len(changed)} file(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:2]))
