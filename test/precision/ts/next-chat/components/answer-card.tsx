import { useState } from 'react';

type Props = {
  question: string;
  answer: string;
  sources: { id: number; title: string; url: string }[];
};

const ALLOWED_SOURCE_HOSTS = new Set(['docs.acme.example', 'help.acme.example']);

function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && ALLOWED_SOURCE_HOSTS.has(parsed.hostname) ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

// Model output is rendered as text: React escapes it.
export function AnswerCard({ question, answer, sources }: Props) {
  const [copied, setCopied] = useState(false);
  return (
    <article className="rounded-lg border p-4">
      <h3 className="font-medium">{question}</h3>
      <p className="mt-2 whitespace-pre-wrap text-sm">{answer}</p>
      <ul className="mt-3 text-xs text-gray-500">
        {sources.map((source) => {
          const href = safeHref(source.url);
          return <li key={source.id}>{href ? <a href={href} rel="noopener noreferrer" target="_blank">{source.title}</a> : source.title}</li>;
        })}
      </ul>
      <button
        type="button"
        onClick={async () => {
          await navigator.clipboard.writeText(answer);
          setCopied(true);
        }}
      >
        {copied ? 'Copied' : 'Copy answer'}
      </button>
    </article>
  );
}
