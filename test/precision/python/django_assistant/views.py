"""Writing assistant view for signed-in users (Django + django-ratelimit)."""
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit
from openai import OpenAI, OpenAIError

from .models import Draft

logger = logging.getLogger(__name__)
client = OpenAI(api_key=settings.OPENAI_API_KEY, timeout=45.0)

MAX_DRAFT_CHARS = 6000
EDITOR_PROMPT = (
    "You are a careful copy editor. Fix grammar, spelling and punctuation in the user's text. "
    "Keep the author's voice. Return only the corrected text."
)


@login_required
@require_POST
@ratelimit(key="user", rate="15/m", block=True)
def proofread(request: HttpRequest) -> JsonResponse:
    text = request.POST.get("text", "")[:MAX_DRAFT_CHARS]
    if not text.strip():
        return JsonResponse({"error": "Nothing to proofread."}, status=400)
    try:
        completion = client.chat.completions.create(
            model="gpt-5.1",
            max_completion_tokens=2048,
            messages=[
                {"role": "system", "content": EDITOR_PROMPT},
                {"role": "user", "content": text},
            ],
        )
    except OpenAIError:
        logger.exception("proofread failed for user %s", request.user.pk)
        return JsonResponse({"error": "The editor is unavailable, please try again."}, status=502)

    corrected = completion.choices[0].message.content or ""
    # The ORM binds values as query parameters.
    Draft.objects.create(owner=request.user, original=text, corrected=corrected)
    return JsonResponse({"corrected": corrected})
