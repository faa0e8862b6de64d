"""Support ticket triage with OpenAI structured outputs (pydantic schema) and SQLAlchemy bound parameters."""
import enum
import os

from openai import OpenAI
from pydantic import BaseModel, Field
from sqlalchemy import create_engine, text

engine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)
client = OpenAI(timeout=60.0, max_retries=2)


class Priority(str, enum.Enum):
    low = "low"
    normal = "normal"
    urgent = "urgent"


class Triage(BaseModel):
    priority: Priority
    team: str = Field(pattern=r"^(billing|infra|auth|other)$")
    summary: str = Field(max_length=280)


UPDATE_TICKET = text(
    "UPDATE tickets SET priority = :priority, team = :team, ai_summary = :summary WHERE id = :id"
)


def triage_ticket(ticket_id: int, subject: str, body: str) -> Triage:
    completion = client.chat.completions.parse(
        model="gpt-5.1",
        max_completion_tokens=400,
        response_format=Triage,
        messages=[
            {"role": "system", "content": "Triage the support ticket in the user message."},
            {"role": "user", "content": f"Subject: {subject[:200]}\n\n{body[:8000]}"},
        ],
    )
    triage = completion.choices[0].message.parsed
    if triage is None:
        triage = Triage(priority=Priority.normal, team="other", summary="(triage unavailable)")
    with engine.begin() as conn:
        conn.execute(
            UPDATE_TICKET,
            {"priority": triage.priority.value, "team": triage.team, "summary": triage.summary, "id": ticket_id},
        )
    return triage
