"""Support-bot API: answers questions about orders and writes product blurbs."""
import os

import anthropic
from flask import Flask, jsonify, request
from openai import OpenAI

app = Flask(__name__)

# ruleid: secret-provider-key
claude = anthropic.Anthropic(api_key="sk-ant-api03-6ombYXUhDTm-y9IUfpD011RvlQCy2dsxWWHNCCI8VAhyDkjlmUoaYaLZVPvfCnABW1Z9gVPgZ36he38xhZ-hMH0qP_felAA")
# ruleid: cost-retry-timeout
openai_client = OpenAI(api_key=os.environ["OPENAI_API_KEY"], max_retries=50)

SYSTEM_PROMPT = "You are the support assistant for Acme Outfitters. Answer briefly and politely."
# ok: model-retired
MODEL_MIGRATIONS = {"claude-3-5-sonnet-20241022": "claude-opus-4-6"}


@app.post("/api/chat")
def chat():
    question = request.json["question"]
    reply = claude.messages.create(
        # ruleid: model-retired
        model="claude-3-5-sonnet-20241022",
        max_tokens=1024,
        system=SYSTEM_PROMPT,
        messages=[{"role": "user", "content": question}],
    )
    return jsonify(answer=reply.content[0].text)


@app.post("/api/raw")
def raw_proxy():
    # Forwards whatever the browser sends: model, max_tokens, system prompt, tools.
    # ruleid: injection-param-passthrough
    reply = claude.messages.create(**request.json)
    return jsonify(answer=reply.content[0].text)


@app.post("/api/blurb")
def blurb():
    data = request.get_json()
    product = data["product"]
    story = claude.messages.create(
        model="claude-opus-4-6",
        # ruleid: cost-token-limit
        max_tokens=data.get("length", 2000),
        messages=[{"role": "user", "content": product}],
    )
    # ruleid: cost-missing-max-tokens
    tagline = openai_client.chat.completions.create(
        model="gpt-5.1",
        messages=[{"role": "user", "content": product}],
    )
    return jsonify(story=story.content[0].text, tagline=tagline.choices[0].message.content)
