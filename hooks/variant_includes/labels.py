"""Every word the directive puts on a page, in each page language.

One row per label, one column per language: adding a language is adding one entry to each row.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "other_variants": {
        "en": "🤓 Other versions and variants",
        "pt": "🤓 Outras versões e variantes",
        "ru": "🤓 Другие версии и варианты",
    },
    "python": {
        "en": "Python {version}+",
        "pt": "Python {version}+",
        "ru": "Python {version}+",
    },
    "non_annotated": {
        "en": "{python} - non-Annotated",
        "pt": "{python} - sem Annotated",
        "ru": "{python} - без Annotated",
    },
    "tip": {
        "en": "Tip",
        "pt": "Dica",
        "ru": "Подсказка",
    },
    "prefer_annotated": {
        "en": "Prefer to use the `Annotated` version if possible.",
        "pt": "Prefira usar a versão com `Annotated`, se possível.",
        "ru": "По возможности используйте версию с `Annotated`.",
    },
    "omitted_above": {
        "en": "Code above omitted 👆",
        "pt": "Código acima omitido 👆",
        "ru": "Код выше опущен 👆",
    },
    "omitted_between": {
        "en": "Code here omitted 👈",
        "pt": "Código omitido aqui 👈",
        "ru": "Здесь код опущен 👈",
    },
    "omitted_below": {
        "en": "Code below omitted 👇",
        "pt": "Código abaixo omitido 👇",
        "ru": "Код ниже опущен 👇",
    },
    "include_error": {
        "en": "Include error",
        "pt": "Erro de inclusão",
        "ru": "Ошибка включения",
    },
}

LANGUAGES = frozenset.intersection(*(frozenset(row) for row in LABELS.values()))


def label(name: str, lang: str, **values: str) -> str:
    """Return label `name` in `lang`, with `{placeholders}` filled from `values`."""
    return LABELS[name][lang].format(**values)
