"""Calendar helper using OpenAI function calling. Arguments are validated with pydantic and only
registered functions can run; the loop stops after MAX_TURNS."""
import json
from datetime import date, timedelta
from typing import Callable

from openai import OpenAI
from pydantic import BaseModel, Field, ValidationError

client = OpenAI(max_retries=3)
MAX_TURNS = 5


class FreeSlotsArgs(BaseModel):
    day: date
    duration_minutes: int = Field(ge=15, le=240)


class HolidayArgs(BaseModel):
    country: str = Field(pattern=r"^[A-Z]{2}$")
    year: int = Field(ge=2000, le=2100)


HOLIDAYS = {("US", 2026): ["2026-01-01", "2026-07-04", "2026-12-25"], ("DE", 2026): ["2026-01-01", "2026-10-03", "2026-12-25"]}


def free_slots(args: FreeSlotsArgs, busy: list[tuple[str, str]]) -> str:
    taken = {start for start, _ in busy if start.startswith(args.day.isoformat())}
    slots = [f"{args.day.isoformat()}T{hour:02d}:00" for hour in range(9, 17) if f"{args.day.isoformat()}T{hour:02d}:00" not in taken]
    return json.dumps(slots[:5])


def holidays(args: HolidayArgs, _busy: list[tuple[str, str]]) -> str:
    return json.dumps(HOLIDAYS.get((args.country, args.year), []))


REGISTRY: dict[str, tuple[type[BaseModel], Callable[..., str]]] = {
    "free_slots": (FreeSlotsArgs, free_slots),
    "holidays": (HolidayArgs, holidays),
}

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "free_slots",
            "description": "List free one-hour slots on a day.",
            "parameters": FreeSlotsArgs.model_json_schema(),
        },
    },
    {
        "type": "function",
        "function": {
            "name": "holidays",
            "description": "Public holidays for a country and year.",
            "parameters": HolidayArgs.model_json_schema(),
        },
    },
]


def plan_meeting(request_text: str, busy: list[tuple[str, str]]) -> str:
    messages = [
        {"role": "system", "content": f"You schedule meetings. Today is {date.today().isoformat()}."},
        {"role": "user", "content": request_text[:2000]},
    ]
    for _ in range(MAX_TURNS):
        completion = client.chat.completions.create(
            model="gpt-5.1",
            messages=messages,
            tools=TOOLS,
            max_completion_tokens=1024,
        )
        message = completion.choices[0].message
        if not message.tool_calls:
            return message.content or ""
        messages.append(message)
        for call in message.tool_calls:
            entry = REGISTRY.get(call.function.name)
            if entry is None:
                result = "error: unknown function"
            else:
                schema, fn = entry
                try:
                    args = schema.model_validate_json(call.function.arguments)
                except ValidationError:
                    result = "error: invalid arguments"
                else:
                    result = fn(args, busy)
            messages.append({"role": "tool", "tool_call_id": call.id, "content": result})
    return "I couldn't find a slot. Please pick a time manually."


def next_week() -> date:
    return date.today() + timedelta(days=7)
