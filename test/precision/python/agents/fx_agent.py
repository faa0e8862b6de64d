"""Currency helper built with LangGraph's prebuilt ReAct agent. Tools are pure lookups; the graph
runs at most 10 steps."""
from decimal import Decimal

from langchain_anthropic import ChatAnthropic
from langchain_core.tools import tool
from langgraph.prebuilt import create_react_agent

RATES_TO_USD = {"USD": Decimal("1"), "EUR": Decimal("1.08"), "GBP": Decimal("1.27"), "JPY": Decimal("0.0067")}


@tool
def convert(amount: float, from_currency: str, to_currency: str) -> str:
    """Convert an amount between USD, EUR, GBP and JPY using today's reference rates."""
    src, dst = from_currency.upper(), to_currency.upper()
    if src not in RATES_TO_USD or dst not in RATES_TO_USD:
        return "Unsupported currency."
    value = Decimal(str(float(amount))) * RATES_TO_USD[src] / RATES_TO_USD[dst]
    return f"{value:.2f} {dst}"


@tool
def supported_currencies() -> str:
    """List the supported currency codes."""
    return ", ".join(sorted(RATES_TO_USD))


model = ChatAnthropic(model="claude-haiku-4-5-20251001", max_tokens=512, timeout=30, max_retries=2)
agent = create_react_agent(
    model,
    tools=[convert, supported_currencies],
    prompt="You help travellers convert currencies. Use the tools for every number you give.",
)


def ask(question: str) -> str:
    result = agent.invoke(
        {"messages": [{"role": "user", "content": question[:2000]}]},
        config={"recursion_limit": 10},
    )
    return result["messages"][-1].content
