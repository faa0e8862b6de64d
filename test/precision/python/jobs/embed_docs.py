"""Index documentation pages for retrieval: chunk, embed (OpenAI embeddings), store in pgvector."""
import os
from pathlib import Path

import psycopg
from openai import OpenAI

client = OpenAI()
CHUNK_CHARS = 2000
EMBED_MODEL = "text-embedding-3-small"


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


def index_directory(root: Path) -> int:
    count = 0
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        for path in sorted(root.glob("**/*.md")):
            for n, chunk in enumerate(chunks(path.read_text(encoding="utf-8"))):
                vector = client.embeddings.create(model=EMBED_MODEL, input=chunk).data[0].embedding
                conn.execute(
                    "INSERT INTO doc_chunks (source, position, body, embedding) VALUES (%s, %s, %s, %s::vector)",
                    (str(path.relative_to(root)), n, chunk, vector),
                )
                count += 1
    return count


if __name__ == "__main__":
    print(f"indexed {index_directory(Path('docs'))} chunks")
