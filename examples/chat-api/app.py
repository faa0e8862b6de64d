"""Support-bot API: answers questions about orders and writes product blurbs."""
import os

import anthropic
import requests
from flask import Flask, jsonify, request
from openai import OpenAI

# ruleid: cost-no-rate-limit
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
        # ruleid: cost-unbounded-input
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
        # ruleid: cost-unbounded-input
        messages=[{"role": "user", "content": product}],
    )
    # ruleid: cost-missing-max-tokens
    tagline = openai_client.chat.completions.create(
        model="gpt-5.1",
        # ruleid: cost-unbounded-input
        messages=[{"role": "user", "content": product}],
    )
    return jsonify(story=story.content[0].text, tagline=tagline.choices[0].message.content)


@app.post("/api/assist")
def assist():
    body = request.get_json()
    tone = body.get("tone", "friendly")
    reply = claude.messages.create(
        model="claude-opus-4-6",
        max_tokens=1024,
        # The caller picks the tone, and with it the rest of the instructions.
        # ruleid: injection-system-prompt, cost-unbounded-input
        system=f"{SYSTEM_PROMPT} Answer in a {tone} tone.",
        messages=[{"role": "user", "content": body["question"]}],
    )
    return jsonify(answer=reply.content[0].text)


@app.post("/api/reviews/translate")
def translate_review():
    review = request.json["review"]
    translation = openai_client.chat.completions.create(
        model="gpt-5.1",
        max_completion_tokens=600,
        # ruleid: injection-prompt-concat, cost-unbounded-input
        messages=[{"role": "user", "content": f"Translate this product review to English: {review}"}],
    )
    return jsonify(translation=translation.choices[0].message.content)


@app.post("/api/page-summary")
def page_summary():
    page = requests.get(request.json["url"], timeout=10).text
    summary = claude.messages.create(
        model="claude-opus-4-6",
        max_tokens=800,
        # ruleid: injection-indirect-content
        system=f"You summarize this product page for shoppers:\n{page}",
        messages=[{"role": "user", "content": "Summarize the page in three bullet points."}],
    )
    return jsonify(summary=summary.content[0].text)


@app.post("/api/orders/status")
def order_status():
    reply = claude.messages.create(
        model="claude-opus-4-6",
        max_tokens=800,
        # ruleid: leak-secret-in-prompt
        system=f"{SYSTEM_PROMPT} To look up orders, call the orders API with the key {os.environ['ORDERS_API_KEY']}.",
        # ruleid: cost-unbounded-input
        messages=[{"role": "user", "content": request.json["question"]}],
    )
    return jsonify(answer=reply.content[0].text)


@app.post("/api/support")
def support():
    question = request.json["question"]
    # Customers paste order numbers, addresses and card details into the chat.
    # ruleid: leak-prompt-logging
    app.logger.info("support question: %s", question)
    try:
        reply = claude.messages.create(
            model="claude-opus-4-6",
            max_tokens=1024,
            system=SYSTEM_PROMPT,
            # ruleid: cost-unbounded-input
            messages=[{"role": "user", "content": question}],
        )
    except anthropic.APIError as e:
        # ruleid: leak-raw-error
        return jsonify(error=str(e)), 502
    # The mobile app only shows the text, but gets ids, usage and every content block.
    # ruleid: leak-raw-response
    return jsonify(reply.model_dump())
