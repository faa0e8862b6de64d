"""Chat API (FastAPI + slowapi). Requests are authenticated and rate limited per user."""
import logging
import os

from anthropic import APIError, AsyncAnthropic
from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, Field
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address

from .auth import User, get_current_user

logger = logging.getLogger(__name__)

limiter = Limiter(key_func=get_remote_address)
app = FastAPI(title="Acme chat")
app.state.limiter = limiter
app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)

anthropic_client = AsyncAnthropic(api_key=os.environ["ANTHROPIC_API_KEY"])

SYSTEM_PROMPT = """You are a concise assistant for Acme's developer documentation.
Only answer questions about Acme's public APIs and SDKs. Decline anything else politely."""


class ChatRequest(BaseModel):
    message: str = Field(min_length=1, max_length=4000)


class ChatResponse(BaseModel):
    reply: str


@app.post("/v1/chat", response_model=ChatResponse)
@limiter.limit("30/minute")
async def chat(request: Request, body: ChatRequest, user: User = Depends(get_current_user)) -> ChatResponse:
    try:
        message = await anthropic_client.messages.create(
            model="claude-haiku-4-5-20251001",
            max_tokens=800,
            system=SYSTEM_PROMPT,
            messages=[{"role": "user", "content": body.message}],
            metadata={"user_id": user.id},
        )
    except APIError:
        logger.exception("chat completion failed for user %s", user.id)
        raise HTTPException(status_code=502, detail="The assistant is unavailable. Please try again later.")
    logger.info("chat usage user=%s in=%d out=%d", user.id, message.usage.input_tokens, message.usage.output_tokens)
    text = "".join(block.text for block in message.content if block.type == "text")
    return ChatResponse(reply=text)
