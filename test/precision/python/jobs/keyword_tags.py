"""Suggest search keywords for catalogue items. The model answers with a Python-style list literal,
which is read with ast.literal_eval (literals only, no code execution) and then filtered."""
import ast
import re

from openai import OpenAI

client = OpenAI(timeout=30.0)
TAG = re.compile(r"^[a-z0-9][a-z0-9 \-]{1,30}$")


def suggest_tags(title: str, description: str) -> list[str]:
    completion = client.chat.completions.create(
        model="gpt-5.1",
        max_completion_tokens=200,
        messages=[
            {"role": "system", "content": "Reply with a Python list of up to 8 lowercase search keywords for the product. Nothing else."},
            {"role": "user", "content": f"{title[:200]}\n\n{description[:2000]}"},
        ],
    )
    raw = (completion.choices[0].message.content or "[]")[:2000]
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return []
    if not isinstance(value, list):
        return []
    return [tag for tag in value if isinstance(tag, str) and TAG.fullmatch(tag)][:8]
