"""Sales analytics assistant: a pandas agent over the orders export, and a tool-use loop for store lookups."""
import anthropic
import pandas as pd
from flask import Blueprint, jsonify, request
from langchain_anthropic import ChatAnthropic
from langchain_experimental.agents import create_pandas_dataframe_agent

import store_tools

analytics = Blueprint("analytics", __name__)
claude = anthropic.Anthropic()
llm = ChatAnthropic(model="claude-opus-4-6", max_tokens=1024)
orders = pd.read_csv("data/orders.csv")

# The agent answers by writing pandas code and running it in this process.
orders_agent = create_pandas_dataframe_agent(
    llm,
    orders,
    # ruleid: agency-dangerous-capability
    allow_dangerous_code=True,
)

STORE_TOOLS = [
    {
        "name": "find_store",
        "description": "Find the nearest store to a city.",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
    {
        "name": "opening_hours",
        "description": "Opening hours of a store by id.",
        "input_schema": {"type": "object", "properties": {"store_id": {"type": "string"}}, "required": ["store_id"]},
    },
]
MAX_TURNS = 5


@analytics.post("/api/analytics")
def ask_analytics():
    question = str(request.json["question"])[:2000]
    result = orders_agent.invoke({"input": question})
    return jsonify(answer=result["output"])


@analytics.post("/api/stores")
def ask_stores():
    question = str(request.json["question"])[:2000]
    messages = [{"role": "user", "content": question}]
    for _ in range(MAX_TURNS):
        reply = claude.messages.create(model="claude-opus-4-6", max_tokens=1024, tools=STORE_TOOLS, messages=messages)
        if reply.stop_reason != "tool_use":
            return jsonify(answer=reply.content[0].text)
        messages.append({"role": "assistant", "content": reply.content})
        results = []
        for block in reply.content:
            if block.type == "tool_use":
                # Any function in store_tools (or anything it imports) is one tool name away.
                # ruleid: agency-dynamic-dispatch
                output = getattr(store_tools, block.name)(**block.input)
                results.append({"type": "tool_result", "tool_use_id": block.id, "content": str(output)})
        messages.append({"role": "user", "content": results})
    return jsonify(answer="Sorry, I could not finish that.")
