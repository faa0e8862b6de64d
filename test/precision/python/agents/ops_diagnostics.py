"""Ops helper CLI: Claude picks which read-only diagnostic to run from a fixed menu.

The model only ever returns a key; the command for each key is a constant argv list run without a shell.
"""
import subprocess
import sys

import anthropic

DIAGNOSTICS: dict[str, list[str]] = {
    "disk_usage": ["df", "-h"],
    "memory": ["free", "-m"],
    "uptime": ["uptime"],
    "listening_ports": ["ss", "-ltn"],
}

client = anthropic.Anthropic()
MAX_ROUNDS = 3

PICK_TOOL = {
    "name": "run_diagnostic",
    "description": "Run one read-only diagnostic on this host.",
    "input_schema": {
        "type": "object",
        "properties": {"diagnostic": {"type": "string", "enum": sorted(DIAGNOSTICS)}},
        "required": ["diagnostic"],
    },
}


def run_diagnostic(name: str) -> str:
    if name not in DIAGNOSTICS:
        return f"unknown diagnostic; choose one of {', '.join(sorted(DIAGNOSTICS))}"
    completed = subprocess.run(DIAGNOSTICS[name], capture_output=True, text=True, timeout=10, check=False)
    return completed.stdout[-4000:]


def investigate(symptom: str) -> str:
    messages = [{"role": "user", "content": symptom[:1000]}]
    for _ in range(MAX_ROUNDS):
        response = client.messages.create(
            model="claude-sonnet-4-6",
            max_tokens=800,
            system="You are an SRE assistant. Run diagnostics as needed, then explain the likely cause briefly.",
            tools=[PICK_TOOL],
            messages=messages,
        )
        if response.stop_reason != "tool_use":
            return "".join(block.text for block in response.content if block.type == "text")
        messages.append({"role": "assistant", "content": response.content})
        messages.append(
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": block.id, "content": run_diagnostic(str(block.input.get("diagnostic", "")))}
                    for block in response.content
                    if block.type == "tool_use" and block.name == "run_diagnostic"
                ],
            }
        )
    return "No conclusion within the diagnostic budget."


if __name__ == "__main__":
    print(investigate(" ".join(sys.argv[1:]) or "The server feels slow."))
