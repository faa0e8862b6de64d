"""Order alerts by SMS (Twilio). No LLM involved: `client.messages.create` here is Twilio's API."""
import os

from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

client = Client(os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_AUTH_TOKEN"])
FROM_NUMBER = os.environ["TWILIO_FROM_NUMBER"]


def send_shipping_alert(phone: str, order_id: str, eta: str) -> str | None:
    try:
        message = client.messages.create(
            body=f"Your Acme order {order_id} has shipped and should arrive {eta}.",
            from_=FROM_NUMBER,
            to=phone,
        )
    except TwilioRestException as exc:
        print(f"SMS to order {order_id} failed with Twilio code {exc.code}")
        return None
    return message.sid


def list_recent(limit: int = 20) -> list[str]:
    return [m.sid for m in client.messages.list(limit=limit)]
