"""Bearer-token authentication shared by the API routers (no LLM code here)."""
import hashlib
import hmac
import os
from dataclasses import dataclass

from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .db import fetch_user_by_token_hash

bearer = HTTPBearer(auto_error=True)
TOKEN_PEPPER = os.environ["API_TOKEN_PEPPER"].encode()


@dataclass(frozen=True)
class User:
    id: str
    plan: str


def hash_token(token: str) -> str:
    return hmac.new(TOKEN_PEPPER, token.encode(), hashlib.sha256).hexdigest()


async def get_current_user(credentials: HTTPAuthorizationCredentials = Depends(bearer)) -> User:
    row = await fetch_user_by_token_hash(hash_token(credentials.credentials))
    if row is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid token")
    return User(id=row["id"], plan=row["plan"])
