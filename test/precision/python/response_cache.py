"""Response cache for FAQ answers: identical questions reuse the stored answer.

Keys and log lines carry a SHA-256 digest of the question, never the question itself.
"""
import hashlib
import logging

import redis

from .llm_client import complete

logger = logging.getLogger("faq_cache")
cache = redis.Redis(host="localhost", port=6379, db=2, decode_responses=True)
TTL_SECONDS = 24 * 3600
FAQ_SYSTEM_PROMPT = "You answer frequently asked questions about Acme's pricing and plans in two or three sentences."


def cached_answer(question: str) -> str:
    normalized = " ".join(question.lower().split())[:1000]
    digest = hashlib.sha256(normalized.encode("utf-8")).hexdigest()
    hit = cache.get(f"faq:{digest}")
    if hit is not None:
        logger.info("faq cache hit %s", digest[:12])
        return hit
    logger.info("faq cache miss %s", digest[:12])
    answer = complete(FAQ_SYSTEM_PROMPT, normalized, max_tokens=300).text
    cache.setex(f"faq:{digest}", TTL_SECONDS, answer)
    return answer
