"""Alt-text suggestions with Gemini (google-genai). The caller passes a caption the user typed."""
from google import genai
from google.genai import types

client = genai.Client()  # reads GEMINI_API_KEY from the environment

ALT_TEXT_INSTRUCTION = (
    "Rewrite the image caption in the user message as concise, descriptive alt text "
    "(at most 125 characters). Output only the alt text."
)


def suggest_alt_text(caption: str) -> str:
    response = client.models.generate_content(
        model="gemini-3-pro",
        contents=caption[:1000],
        config=types.GenerateContentConfig(
            system_instruction=ALT_TEXT_INSTRUCTION,
            max_output_tokens=200,
            temperature=0.2,
        ),
    )
    return (response.text or "").strip()
