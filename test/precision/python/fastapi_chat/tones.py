"""Reply drafting with a caller-chosen tone and length. Both are constrained: the tone is a Literal
checked by pydantic, the length is an integer clamped server-side."""
import os
from typing import Literal

from anthropic import AsyncAnthropic
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from slowapi import Limiter
from slowapi.util import get_remote_address

from .auth import User, get_current_user

router = APIRouter()
limiter = Limiter(key_func=get_remote_address)
client = AsyncAnthropic()

APP_NAME = os.environ.get("APP_NAME", "Acme Inbox")
MAX_REPLY_TOKENS = 1024


class DraftRequest(BaseModel):
    email: str = Field(min_length=1, max_length=6000)
    tone: Literal["friendly", "formal", "apologetic"] = "friendly"
    max_tokens: int = Field(default=400, ge=50, le=MAX_REPLY_TOKENS)


@router.post("/v1/drafts")
@limiter.limit("20/minute")
async def draft_reply(request: Request, body: DraftRequest, user: User = Depends(get_current_user)) -> dict[str, str]:
    system = (
        f"You are {APP_NAME}'s reply assistant. Draft a reply to the email in the user message "
        f"in a {body.tone} tone. Output only the reply body."
    )
    message = await client.messages.create(
        model="claude-sonnet-4-6",
        max_tokens=min(int(body.max_tokens), MAX_REPLY_TOKENS),
        system=system,
        messages=[{"role": "user", "content": body.email}],
    )
    return {"draft": "".join(block.text for block in message.content if block.type == "text")}
