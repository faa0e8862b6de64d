"""Streaming chat endpoint (server-sent events). Only text deltas are sent to the browser."""
import json
import logging

from anthropic import APIError, AsyncAnthropic
from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from slowapi import Limiter
from slowapi.util import get_remote_address

from .auth import User, get_current_user

logger = logging.getLogger(__name__)
router = APIRouter()
limiter = Limiter(key_func=get_remote_address)
client = AsyncAnthropic(timeout=60.0, max_retries=2)

SYSTEM_PROMPT = "You are Acme's friendly writing coach. Give specific, actionable feedback."


class StreamRequest(BaseModel):
    message: str = Field(min_length=1, max_length=4000)


@router.post("/v1/chat/stream")
@limiter.limit("10/minute")
async def chat_stream(request: Request, body: StreamRequest, user: User = Depends(get_current_user)) -> StreamingResponse:
    async def events():
        try:
            async with client.messages.stream(
                model="claude-sonnet-4-6",
                max_tokens=2048,
                system=SYSTEM_PROMPT,
                messages=[{"role": "user", "content": body.message[:4000]}],
            ) as stream:
                async for text in stream.text_stream:
                    if await request.is_disconnected():
                        break
                    yield f"data: {json.dumps({'delta': text})}\n\n"
                final = await stream.get_final_message()
                logger.info("stream usage user=%s out=%d", user.id, final.usage.output_tokens)
        except APIError:
            logger.exception("stream failed")
            yield f"data: {json.dumps({'error': 'The assistant is unavailable.'})}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(events(), media_type="text/event-stream")
