"""Summarize meeting transcripts and save the summary (sqlite3, parameterized)."""
import sqlite3
from pathlib import Path

from anthropic import Anthropic
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_random_exponential
import anthropic

client = Anthropic(max_retries=0)  # tenacity owns retries below
DB_PATH = Path("notes.db")

SUMMARY_PROMPT = (
    "Summarize the meeting transcript in the user message: decisions, action items with owners, "
    "open questions. Use short bullet points."
)


@retry(
    stop=stop_after_attempt(3),
    wait=wait_random_exponential(multiplier=1, max=20),
    retry=retry_if_exception_type((anthropic.APIConnectionError, anthropic.RateLimitError, anthropic.InternalServerError)),
    reraise=True,
)
def summarize(transcript: str) -> str:
    message = client.messages.create(
        model="claude-opus-4-6",
        max_tokens=2048,
        system=SUMMARY_PROMPT,
        messages=[{"role": "user", "content": transcript[:60000]}],
    )
    return "".join(block.text for block in message.content if block.type == "text")


def save_summary(conn: sqlite3.Connection, meeting_id: int, summary: str) -> None:
    conn.execute(
        "INSERT INTO summaries (meeting_id, body) VALUES (?, ?) "
        "ON CONFLICT(meeting_id) DO UPDATE SET body = excluded.body",
        (meeting_id, summary),
    )
    conn.commit()


def run(meeting_id: int) -> None:
    with sqlite3.connect(DB_PATH) as conn:
        row = conn.execute("SELECT transcript FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise LookupError(f"meeting {meeting_id} not found")
        save_summary(conn, meeting_id, summarize(row[0]))
