"""Application settings (pydantic-settings). Secrets come from the environment, never from code."""
from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    anthropic_api_key: SecretStr
    openai_api_key: SecretStr | None = None
    database_url: SecretStr

    # Model ids live here so upgrades are one-line changes.
    chat_model: str = "claude-sonnet-4-6"
    fast_model: str = "claude-haiku-4-5-20251001"
    max_output_tokens: int = Field(default=1024, ge=1, le=4096)
    request_timeout_s: float = Field(default=30.0, gt=0, le=120)
    chat_rate_limit: str = "30/minute"


@lru_cache
def get_settings() -> Settings:
    return Settings()
