// Alt-text suggestions with Gemini (@google/genai), server-side only.
import 'server-only';
import { GoogleGenAI } from '@google/genai';

const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });

const INSTRUCTION =
  'Rewrite the caption in the user message as concise alt text for screen readers (at most 125 characters). Output only the alt text.';

export async function altTextFor(caption: string): Promise<string> {
  const response = await ai.models.generateContent({
    model: 'gemini-3-pro',
    contents: caption.slice(0, 1000),
    config: {
      systemInstruction: INSTRUCTION,
      maxOutputTokens: 200,
      temperature: 0.2,
    },
  });
  return (response.text ?? '').trim().slice(0, 125);
}
