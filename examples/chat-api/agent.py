"""Order-status agent: Claude calls a lookup tool until it has an answer for the customer."""
import json

import anthropic

client = anthropic.Anthropic()

ORDERS = {"A1001": "shipped", "A1002": "processing"}
TOOLS = [
    {
        "name": "order_status",
        "description": "Look up the shipping status of an order by its number.",
        "input_schema": {"type": "object", "properties": {"order_number": {"type": "string"}}, "required": ["order_number"]},
    }
]


def order_status(order_number: str) -> str:
    return json.dumps({"order": order_number, "status": ORDERS.get(order_number, "unknown")})


def answer_with_tools(question: str) -> str:
    messages = [{"role": "user", "content": question}]
    # Goes on for as long as the model keeps asking for tools: no turn limit.
    # ruleid: cost-unbounded-loop
    while True:
        reply = client.messages.create(model="claude-opus-4-6", max_tokens=1024, tools=TOOLS, messages=messages)
        if reply.stop_reason != "tool_use":
            return reply.content[0].text
        results = [
            {"type": "tool_result", "tool_use_id": block.id, "content": order_status(str(block.input.get("order_number", "")))}
            for block in reply.content
            if block.type == "tool_use"
        ]
        messages.append({"role": "assistant", "content": reply.content})
        messages.append({"role": "user", "content": results})
