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
    "full_file_preview": {
        "en": "👀 Full file preview",
        "pt": "👀 Visualização do arquivo completo",
        "ru": "👀 Весь файл",
    },
    "run_title": {
        "en": "▶️ What happens when it runs",
        "pt": "▶️ O que acontece ao executá-lo",
        "ru": "▶️ Что происходит при запуске",
    },
    "run_start": {
        "en": "Start the program:",
        "pt": "Inicie o programa:",
        "ru": "Запустите программу:",
    },
    "run_request": {
        "en": "Send a request:",
        "pt": "Envie uma requisição:",
        "ru": "Отправьте запрос:",
    },
    "run_response": {
        "en": "The response, `{status}`:",
        "pt": "A resposta, `{status}`:",
        "ru": "Ответ, `{status}`:",
    },
    "run_written_before": {
        "en": "**Before** the response was complete, the program wrote to `{path}`, which held:",
        "pt": "**Antes** de a resposta terminar, o programa escreveu em `{path}`, que tinha:",
        "ru": "**До** завершения ответа программа записала в `{path}`, и там было:",
    },
    "run_written_after": {
        "en": "**After** the response was sent, the program wrote to `{path}`, which holds:",
        "pt": "**Depois** de a resposta ser enviada, o programa escreveu em `{path}`, que tem:",
        "ru": "**После** отправки ответа программа записала в `{path}`, и теперь там:",
    },
    "run_removed_before": {
        "en": "**Before** the response was complete, the program removed `{path}`.",
        "pt": "**Antes** de a resposta terminar, o programa removeu `{path}`.",
        "ru": "**До** завершения ответа программа удалила `{path}`.",
    },
    "run_removed_after": {
        "en": "**After** the response was sent, the program removed `{path}`.",
        "pt": "**Depois** de a resposta ser enviada, o programa removeu `{path}`.",
        "ru": "**После** отправки ответа программа удалила `{path}`.",
    },
    "run_error": {
        "en": "Run error",
        "pt": "Erro de execução",
        "ru": "Ошибка запуска",
    },
}

LANGUAGES = frozenset.intersection(*(frozenset(row) for row in LABELS.values()))


def label(name: str, lang: str, **values: str) -> str:
    """Return label `name` in `lang`, with `{placeholders}` filled from `values`."""
    return LABELS[name][lang].format(**values)
