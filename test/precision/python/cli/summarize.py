#!/usr/bin/env python3
"""Summarize a local text file with Claude.

Usage: summarize.py PATH [--words N]
"""
import argparse
import sys
from pathlib import Path

import anthropic

MAX_INPUT_CHARS = 100_000
SYSTEM_PROMPT = "You write faithful, neutral summaries. Do not add facts that are not in the text."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--words", type=int, default=150, choices=range(50, 501), metavar="N")
    args = parser.parse_args(argv)

    try:
        text = args.path.read_text(encoding="utf-8")[:MAX_INPUT_CHARS]
    except OSError as exc:
        print(f"cannot read {args.path}: {exc.strerror}", file=sys.stderr)
        return 2

    client = anthropic.Anthropic()
    try:
        message = client.messages.create(
            model="claude-sonnet-4-6",
            max_tokens=1500,
            system=SYSTEM_PROMPT,
            messages=[
                {"role": "user", "content": f"<document>\n{text}\n</document>\n\nSummarize the document in about {int(args.words)} words."},
            ],
        )
    except anthropic.APIStatusError as exc:
        print(f"API error {exc.status_code}; try again later", file=sys.stderr)
        return 1
    print("".join(block.text for block in message.content if block.type == "text"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
