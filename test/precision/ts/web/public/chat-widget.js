// Embeddable chat widget: streams text deltas from our own SSE endpoint and appends them as text nodes.
(function () {
  'use strict';

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  async function streamAnswer(question, target) {
    const response = await fetch('/api/assistant/stream', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question: question.slice(0, 4000) }),
    });
    if (!response.ok || !response.body) {
      target.textContent = 'The assistant is unavailable right now.';
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const events = buffer.split('\n\n');
      buffer = events.pop() || '';
      for (const event of events) {
        if (!event.startsWith('data: ')) continue;
        const payload = JSON.parse(event.slice(6));
        if (payload.delta) target.appendChild(document.createTextNode(payload.delta));
        if (payload.error) target.textContent = payload.error;
      }
    }
  }

  function mount(root) {
    const log = el('div', 'acme-chat-log');
    const form = el('form', 'acme-chat-form');
    const input = el('input', 'acme-chat-input');
    input.maxLength = 4000;
    input.placeholder = 'Ask a question';
    form.append(input, el('button', 'acme-chat-send', 'Send'));
    root.append(log, form);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const question = input.value.trim();
      if (!question) return;
      log.appendChild(el('p', 'acme-chat-user', question));
      const answer = el('p', 'acme-chat-bot');
      log.appendChild(answer);
      input.value = '';
      streamAnswer(question, answer).catch(() => {
        answer.textContent = 'Network error.';
      });
    });
  }

  document.querySelectorAll('[data-acme-chat]').forEach(mount);
})();
