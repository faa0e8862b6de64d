"""Thin wrapper around the Anthropic client: one place for the model, caps, timeouts and metrics.

Logs token usage and latency only; prompts and completions are never logged.
"""
import logging
import time
from dataclasses import dataclass

import anthropic

from .settings import get_settings

logger = logging.getLogger("llm")
settings = get_settings()

_client = anthropic.Anthropic(
    api_key=settings.anthropic_api_key.get_secret_value(),
    timeout=settings.request_timeout_s,
    max_retries=2,
)


@dataclass
class Completion:
    text: str
    input_tokens: int
    output_tokens: int


class AssistantUnavailable(RuntimeError):
    """Raised instead of provider errors so callers can show a generic message."""


def complete(system: str, user_text: str, *, max_tokens: int = 1024) -> Completion:
    started = time.monotonic()
    try:
        response = _client.messages.create(
            model=settings.chat_model,
            max_tokens=min(max_tokens, 4096),
            system=system,
            messages=[{"role": "user", "content": user_text}],
        )
    except anthropic.APIError as exc:
        logger.warning("llm call failed: %s", type(exc).__name__)
        raise AssistantUnavailable() from exc
    logger.info(
        "llm call ok model=%s in=%d out=%d ms=%d request_id=%s",
        response.model,
        response.usage.input_tokens,
        response.usage.output_tokens,
        int((time.monotonic() - started) * 1000),
        response.id,
    )
    text = "".join(block.text for block in response.content if block.type == "text")
    return Completion(text=text, input_tokens=response.usage.input_tokens, output_tokens=response.usage.output_tokens)
