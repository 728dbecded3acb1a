"""Every word the translation checks put on a page, in each page language.

Links are inline HTML: MkDocs checks Markdown links against the pages of the language being
built, and the English original is not one of them.

One row per label, one entry per language: adding a language is adding one entry to each row.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "missing_title": {
        "en": "Not translated yet",
        "pt": "Página ainda não traduzida",
        "ru": "Страница ещё не переведена",
    },
    "missing_text": {
        "en": "What follows is the <a href='{url}'>English original</a> of this page.",
        "pt": "A seguir está o <a href='{url}'>original em inglês</a> desta página.",
        "ru": "Ниже приведён <a href='{url}'>английский оригинал</a> этой страницы.",
    },
    "outdated_title": {
        "en": "Translation out of date",
        "pt": "Tradução desatualizada",
        "ru": "Перевод устарел",
    },
    "outdated_text": {
        "en": "The <a href='{url}'>English original</a> has changed since this translation.",
        "pt": "O <a href='{url}'>original em inglês</a> mudou desde esta tradução.",
        "ru": "<a href='{url}'>Английский оригинал</a> изменился после этого перевода.",
    },
    "drifted_title": {
        "en": "Translation differs from the English page",
        "pt": "A tradução difere da página em inglês",
        "ru": "Перевод расходится с английской страницей",
    },
    "english_only_text": {
        "en": "This page exists only in English.",
        "pt": "Esta página existe apenas em inglês.",
        "ru": "Эта страница есть только на английском.",
    },
    "language": {
        "en": "Language",
        "pt": "Idioma",
        "ru": "Язык",
    },
    "page": {
        "en": "Page",
        "pt": "Página",
        "ru": "Страница",
    },
    "source": {
        "en": "source",
        "pt": "original",
        "ru": "оригинал",
    },
    "translated": {
        "en": "translated",
        "pt": "traduzida",
        "ru": "переведена",
    },
    "outdated": {
        "en": "outdated",
        "pt": "desatualizada",
        "ru": "устарела",
    },
    "missing": {
        "en": "missing",
        "pt": "não traduzida",
        "ru": "не переведена",
    },
    "english-only": {
        "en": "English only",
        "pt": "só em inglês",
        "ru": "только на английском",
    },
    "drifted": {
        "en": "drifted",
        "pt": "divergente",
        "ru": "расходится",
    },
}

LANGUAGES = frozenset.intersection(*(frozenset(row) for row in LABELS.values()))


def label(name: str, lang: str, **values: str) -> str:
    """Return label `name` in `lang`, with `{placeholders}` filled from `values`."""
    return LABELS[name][lang].format(**values)
