"""Database helpers (asyncpg). Every query binds its values as parameters."""
import os

import asyncpg

_pool: asyncpg.Pool | None = None


async def pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=1, max_size=10)
    return _pool


async def fetch_user_by_token_hash(token_hash: str) -> asyncpg.Record | None:
    return await (await pool()).fetchrow("SELECT id, plan FROM users WHERE api_token_hash = $1 AND disabled = false", token_hash)


async def save_exchange(user_id: str, question: str, answer: str) -> None:
    await (await pool()).execute(
        "INSERT INTO chat_log (user_id, question, answer, created_at) VALUES ($1, $2, $3, now())",
        user_id,
        question,
        answer,
    )
