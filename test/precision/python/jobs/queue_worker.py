"""Background worker: pulls translation jobs from a Redis list and translates them one at a time.

The loop runs on the queue (a daemon), not on model responses: each job makes exactly one model call.
"""
import json
import logging
import os
import signal

import redis
from openai import OpenAI, OpenAIError

logger = logging.getLogger("translate_worker")
queue = redis.Redis.from_url(os.environ["REDIS_URL"])
client = OpenAI(timeout=60.0, max_retries=2)
SUPPORTED = {"de": "German", "fr": "French", "es": "Spanish"}
running = True


def stop(_signum, _frame) -> None:
    global running
    running = False


def translate(text: str, language: str) -> str:
    completion = client.chat.completions.create(
        model="gpt-5.1",
        max_completion_tokens=2000,
        messages=[
            {"role": "system", "content": f"Translate the user's text into {SUPPORTED[language]}. Output only the translation."},
            {"role": "user", "content": text[:8000]},
        ],
    )
    return completion.choices[0].message.content or ""


def main() -> None:
    signal.signal(signal.SIGTERM, stop)
    while running:
        item = queue.blpop(["jobs:translate"], timeout=5)
        if item is None:
            continue
        job = json.loads(item[1])
        language = job.get("language")
        if language not in SUPPORTED:
            logger.warning("job %s: unsupported language", job.get("id"))
            continue
        try:
            result = translate(str(job.get("text", "")), language)
        except OpenAIError as exc:
            logger.warning("job %s failed: %s", job.get("id"), type(exc).__name__)
            queue.rpush("jobs:translate:failed", item[1])
            continue
        queue.hset(f"results:{job['id']}", mapping={"status": "done", "text": result})
        logger.info("job %s done", job.get("id"))


if __name__ == "__main__":
    main()
