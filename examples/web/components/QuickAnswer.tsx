'use client';
// A "quick prototype" that calls OpenAI straight from the browser.
// ruleid: client-sdk-in-client-module
import OpenAI from 'openai';
import { useState } from 'react';

const openai = new OpenAI({
  // ruleid: client-public-env-key
  apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY,
  // ruleid: client-browser-sdk
  dangerouslyAllowBrowser: true,
});

export function QuickAnswer() {
  const [answer, setAnswer] = useState('');
  async function ask(question: string) {
    const completion = await openai.chat.completions.create({
      model: 'gpt-5.1',
      max_completion_tokens: 300,
      messages: [{ role: 'user', content: question }],
    });
    setAnswer(completion.choices[0]?.message.content ?? '');
  }
  return <button onClick={() => ask('What is your return policy?')}>{answer || 'Ask'}</button>;
}
