"""Order-support agent: Claude with a fixed registry of read-only tools and a hard step cap."""
import json
import logging
import re
import sqlite3
from typing import Any, Callable

import anthropic

logger = logging.getLogger(__name__)
client = anthropic.Anthropic()

MODEL = "claude-sonnet-4-6"
MAX_STEPS = 6
ORDER_ID = re.compile(r"ORD-\d{6}")
SYSTEM_PROMPT = (
    "You help Acme Store customers with questions about their own orders. "
    "Use the tools to look up facts; never guess order details."
)

TOOLS = [
    {
        "name": "get_order_status",
        "description": "Look up the shipping status of one of the customer's orders.",
        "input_schema": {
            "type": "object",
            "properties": {"order_id": {"type": "string", "pattern": "^ORD-[0-9]{6}$"}},
            "required": ["order_id"],
        },
    },
    {
        "name": "search_faq",
        "description": "Search the store FAQ for a topic.",
        "input_schema": {
            "type": "object",
            "properties": {"topic": {"type": "string", "maxLength": 100}},
            "required": ["topic"],
        },
    },
]

FAQ = {
    "returns": "Items can be returned within 30 days in their original packaging.",
    "shipping": "Standard shipping takes 3-5 business days.",
    "warranty": "Electronics carry a one-year limited warranty.",
}


class SupportAgent:
    def __init__(self, db: sqlite3.Connection, customer_id: int):
        self.db = db
        self.customer_id = customer_id
        self.handlers: dict[str, Callable[[dict[str, Any]], str]] = {
            "get_order_status": self.get_order_status,
            "search_faq": self.search_faq,
        }

    def get_order_status(self, args: dict[str, Any]) -> str:
        order_id = str(args.get("order_id", ""))
        if not ORDER_ID.fullmatch(order_id):
            return "Invalid order id."
        row = self.db.execute(
            "SELECT status, eta FROM orders WHERE id = ? AND customer_id = ?",
            (order_id, self.customer_id),
        ).fetchone()
        if row is None:
            return "No such order for this customer."
        return json.dumps({"status": row[0], "eta": row[1]})

    def search_faq(self, args: dict[str, Any]) -> str:
        topic = str(args.get("topic", "")).lower()
        hits = [text for key, text in FAQ.items() if key in topic]
        return "\n".join(hits) or "No FAQ entry found."

    def run(self, question: str) -> str:
        messages: list[dict[str, Any]] = [{"role": "user", "content": question[:4000]}]
        for step in range(MAX_STEPS):
            response = client.messages.create(
                model=MODEL,
                max_tokens=1024,
                system=SYSTEM_PROMPT,
                tools=TOOLS,
                messages=messages,
            )
            logger.info("agent step=%d stop=%s out_tokens=%d", step, response.stop_reason, response.usage.output_tokens)
            if response.stop_reason != "tool_use":
                return "".join(block.text for block in response.content if block.type == "text")

            messages.append({"role": "assistant", "content": response.content})
            results = []
            for block in response.content:
                if block.type != "tool_use":
                    continue
                handler = self.handlers.get(block.name)
                if handler is None:
                    results.append({"type": "tool_result", "tool_use_id": block.id, "content": "Unknown tool.", "is_error": True})
                    continue
                results.append({"type": "tool_result", "tool_use_id": block.id, "content": handler(block.input)})
            messages.append({"role": "user", "content": results})
        return "Sorry, I could not finish that request. A human agent will follow up."
