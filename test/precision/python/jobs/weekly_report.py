"""Weekly metrics digest: Claude writes a short narrative from our own metrics, we archive it under a
generated file name and post it to the team's Slack webhook."""
import datetime as dt
import json
import os
import uuid
from pathlib import Path

import anthropic
import psycopg
import requests

REPORT_DIR = Path(os.environ.get("REPORT_DIR", "/var/lib/acme/reports"))
SLACK_WEBHOOK_URL = os.environ["SLACK_WEBHOOK_URL"]
client = anthropic.Anthropic(timeout=60.0)


def load_metrics(conn: psycopg.Connection, week_start: dt.date) -> dict[str, float]:
    rows = conn.execute(
        "SELECT metric, value FROM weekly_metrics WHERE week_start = %s",
        (week_start,),
    ).fetchall()
    return {metric: float(value) for metric, value in rows}


def write_digest(metrics: dict[str, float]) -> str:
    message = client.messages.create(
        model="claude-haiku-4-5-20251001",
        max_tokens=700,
        system="Write a five-sentence weekly digest for the product team from the JSON metrics in the user message.",
        messages=[{"role": "user", "content": json.dumps(metrics, sort_keys=True)}],
    )
    return "".join(block.text for block in message.content if block.type == "text")


def run(week_start: dt.date) -> Path:
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        digest = write_digest(load_metrics(conn, week_start))

    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    path = REPORT_DIR / f"{week_start.isoformat()}-{uuid.uuid4().hex}.md"
    path.write_text(digest, encoding="utf-8")

    response = requests.post(
        SLACK_WEBHOOK_URL,
        json={"text": f"Weekly digest for {week_start.isoformat()}:\n{digest}", "unfurl_links": False, "unfurl_media": False},
        timeout=10,
    )
    response.raise_for_status()
    return path


if __name__ == "__main__":
    today = dt.date.today()
    print(run(today - dt.timedelta(days=today.weekday() + 7)))
