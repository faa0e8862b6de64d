// LangChain.js chain for release-note drafting. The prompt template keeps instructions in the system
// message and the user's notes in a single human variable.
import { ChatAnthropic } from '@langchain/anthropic';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';

const model = new ChatAnthropic({
  model: 'claude-sonnet-4-6',
  maxTokens: 1500,
  maxRetries: 2,
  temperature: 0.3,
});

const prompt = ChatPromptTemplate.fromMessages([
  [
    'system',
    'You turn engineering change notes into customer-facing release notes. Group them under Added, Changed and Fixed. ' +
      'Do not mention internal ticket numbers.',
  ],
  ['human', '{notes}'],
]);

const chain = prompt.pipe(model).pipe(new StringOutputParser());

export async function draftReleaseNotes(notes: string): Promise<string> {
  return chain.invoke({ notes: notes.slice(0, 12_000) });
}
