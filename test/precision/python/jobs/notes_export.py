"""Export a conversation as a Markdown file. The model proposes a title; the file name derived from it is
sanitized and confined to the export directory."""
import re
from pathlib import Path

from anthropic import Anthropic
from werkzeug.utils import secure_filename

client = Anthropic()
EXPORT_DIR = Path("/srv/acme/exports").resolve()


def propose_title(transcript: str) -> str:
    message = client.messages.create(
        model="claude-haiku-4-5-20251001",
        max_tokens=40,
        system="Propose a short, descriptive title (at most 8 words) for the conversation in the user message. Output only the title.",
        messages=[{"role": "user", "content": transcript[:20000]}],
    )
    return "".join(block.text for block in message.content if block.type == "text").strip()


def export_conversation(user_id: int, transcript: str) -> Path:
    title = propose_title(transcript)
    stem = secure_filename(re.sub(r"\s+", "-", title.lower()))[:60] or "conversation"
    user_dir = (EXPORT_DIR / str(int(user_id))).resolve()
    target = (user_dir / f"{stem}.md").resolve()
    if not target.is_relative_to(user_dir):
        raise ValueError("export path escapes the export directory")
    user_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(f"# {title}\n\n{transcript}", encoding="utf-8")
    return target
