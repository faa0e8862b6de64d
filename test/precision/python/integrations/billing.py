"""Usage-based billing for the assistant: token counts are reported to Stripe as meter events."""
import os
import time

import stripe

stripe.api_key = os.environ["STRIPE_SECRET_KEY"]
METER_EVENT = "assistant_tokens"


def record_usage(stripe_customer_id: str, input_tokens: int, output_tokens: int) -> None:
    stripe.billing.MeterEvent.create(
        event_name=METER_EVENT,
        payload={"stripe_customer_id": stripe_customer_id, "value": str(int(input_tokens) + int(output_tokens))},
        timestamp=int(time.time()),
    )


def create_checkout(customer_id: str, price_id: str, success_url: str, cancel_url: str) -> str:
    session = stripe.checkout.Session.create(
        mode="subscription",
        customer=customer_id,
        line_items=[{"price": price_id}],
        success_url=success_url,
        cancel_url=cancel_url,
    )
    return session.url
