"""Nightly job: classify new product reviews with Claude and store the labels.

Structured output is validated with pydantic; labels are written with bound SQL parameters.
"""
import asyncio
import logging
import os
from typing import Literal

import asyncpg
from anthropic import AsyncAnthropic
from pydantic import BaseModel, Field, ValidationError

logger = logging.getLogger("review_classifier")
client = AsyncAnthropic(max_retries=3, timeout=60.0)
CONCURRENCY = 8

SYSTEM_PROMPT = (
    "Classify the product review in the user message. Reply with JSON only, shaped as "
    '{"sentiment": "positive" | "neutral" | "negative", "topics": [up to 3 short strings]}.'
)


class ReviewLabel(BaseModel):
    sentiment: Literal["positive", "neutral", "negative"]
    topics: list[str] = Field(default_factory=list, max_length=3)


async def classify(review_text: str) -> ReviewLabel | None:
    response = await client.messages.create(
        model="claude-haiku-4-5-20251001",
        max_tokens=256,
        system=SYSTEM_PROMPT,
        messages=[{"role": "user", "content": review_text[:3000]}],
    )
    raw = "".join(block.text for block in response.content if block.type == "text")
    try:
        return ReviewLabel.model_validate_json(raw)
    except ValidationError:
        logger.warning("unparseable label (output_tokens=%d)", response.usage.output_tokens)
        return None


async def main() -> None:
    pool = await asyncpg.create_pool(os.environ["DATABASE_URL"])
    semaphore = asyncio.Semaphore(CONCURRENCY)
    rows = await pool.fetch("SELECT id, body FROM reviews WHERE label_sentiment IS NULL ORDER BY id LIMIT 500")

    async def handle(review_id: int, body: str) -> None:
        async with semaphore:
            label = await classify(body)
        if label is None:
            return
        await pool.execute(
            "UPDATE reviews SET label_sentiment = $1, label_topics = $2 WHERE id = $3",
            label.sentiment,
            label.topics,
            review_id,
        )

    await asyncio.gather(*(handle(row["id"], row["body"]) for row in rows))
    logger.info("labelled %d reviews", len(rows))
    await pool.close()


if __name__ == "__main__":
    asyncio.run(main())
