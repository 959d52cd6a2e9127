"""The language of what a client or participant receives: e-mails and PDFs in their own language.

A client's or participant's `language` (set on the case's forms and API) decides; without one,
PDFs are written in the organisation's language (the default, German) and e-mails in German with
an English part, as before. Pages follow the reader (the account's choice or the browser).
"""

from django.conf import settings

# An e-mail to someone whose language is not known: the organisation's language, then English.
DEFAULT_EMAIL_LANGUAGES = (settings.LANGUAGE_CODE, "en")


def own_language(language: str | None) -> str:
    """The person's language if it is one the product speaks, else ""."""
    code = (language or "").split("-")[0].lower()
    return code if code in {key for key, _name in settings.LANGUAGES} else ""


def document_language(language: str | None) -> str:
    """The language of a PDF or letter to the person: their own, else the organisation's default."""
    return own_language(language) or settings.LANGUAGE_CODE


def email_languages(language: str | None) -> tuple[str, ...]:
    """The parts of an e-mail to the person: their own language alone, else German and English."""
    own = own_language(language)
    return (own,) if own else DEFAULT_EMAIL_LANGUAGES
