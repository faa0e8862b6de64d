'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { useState } from 'react';

export default function ChatPage({ chatId }: { chatId: string }) {
  const [input, setInput] = useState('');
  const { messages, sendMessage, status, error } = useChat({
    id: chatId,
    transport: new DefaultChatTransport({
      api: '/api/chat',
      // Only the newest message goes to the server; the server keeps the history.
      prepareSendMessagesRequest({ messages, id }) {
        return { body: { id, message: messages[messages.length - 1] } };
      },
    }),
  });

  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-4 p-4">
      {messages.map((message) => (
        <div key={message.id} className={message.role === 'user' ? 'self-end rounded bg-blue-50 p-2' : 'self-start p-2'}>
          {message.parts.map((part, index) =>
            part.type === 'text' ? (
              <p key={`${message.id}-${index}`} className="whitespace-pre-wrap">
                {part.text}
              </p>
            ) : null,
          )}
        </div>
      ))}
      {error && <p className="text-red-600">Something went wrong. Please try again.</p>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const text = input.trim();
          if (!text) return;
          sendMessage({ text });
          setInput('');
        }}
      >
        <input
          className="w-full rounded border p-2"
          value={input}
          maxLength={4000}
          placeholder="Ask about Acme…"
          disabled={status !== 'ready'}
          onChange={(event) => setInput(event.target.value)}
        />
      </form>
    </main>
  );
}
