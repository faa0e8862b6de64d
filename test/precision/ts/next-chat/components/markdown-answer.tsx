// Renders assistant markdown without raw HTML or images; links are limited to our own docs hosts.
import ReactMarkdown, { defaultUrlTransform } from 'react-markdown';
import remarkGfm from 'remark-gfm';

const LINK_HOSTS = new Set(['docs.acme.example', 'status.acme.example']);

function allowlistedUrl(url: string): string {
  const safe = defaultUrlTransform(url);
  try {
    const parsed = new URL(safe);
    return parsed.protocol === 'https:' && LINK_HOSTS.has(parsed.hostname) ? parsed.toString() : '';
  } catch {
    return '';
  }
}

export function MarkdownAnswer({ markdown }: { markdown: string }) {
  return (
    <div className="prose prose-sm">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        disallowedElements={['img']}
        unwrapDisallowed
        urlTransform={allowlistedUrl}
        components={{ a: ({ href, children }) => <a href={href} rel="noopener noreferrer nofollow" target="_blank">{children}</a> }}
      >
        {markdown}
      </ReactMarkdown>
    </div>
  );
}
