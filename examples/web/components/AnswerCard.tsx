'use client';
// The "answer card" on product pages: one completion, shown with formatting.
import { useCompletion } from '@ai-sdk/react';
import ReactMarkdown from 'react-markdown';
import rehypeRaw from 'rehype-raw';

export function AnswerCard({ productId }: { productId: string }) {
  const { completion, complete } = useCompletion({ api: '/api/chat' });
  return (
    <aside>
      <button onClick={() => complete(`Summarise product ${productId}`)}>Summarise</button>
      <div
        className="answer"
        // The model's HTML goes straight into the page: <img src=x onerror=...> runs as the shopper.
        // ruleid: output-html
        dangerouslySetInnerHTML={{ __html: completion }}
      />
      {/* ruleid: output-markdown */}
      <ReactMarkdown rehypePlugins={[rehypeRaw]}>{completion}</ReactMarkdown>
      {/* ok: output-html */}
      <p className="plain">{completion}</p>
    </aside>
  );
}
