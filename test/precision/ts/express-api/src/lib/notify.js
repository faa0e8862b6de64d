// SMS notifications via Twilio (not an LLM: `client.messages.create` is Twilio's Messages API).
const twilio = require('twilio');

const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);

async function notifyPickupReady(phone, orderNumber) {
  if (!/^\+[1-9]\d{7,14}$/.test(phone)) throw new Error('invalid phone number');
  const message = await client.messages.create({
    body: `Acme: order ${orderNumber} is ready for pickup.`,
    from: process.env.TWILIO_FROM_NUMBER,
    to: phone,
  });
  return message.sid;
}

module.exports = { notifyPickupReady };
