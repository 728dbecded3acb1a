"""The search index of one language, from the entries of its pages.

Each page's entries are encoded once, when the page is rendered, so that a rebuild which renders
a few pages encodes only theirs; an index is those pieces joined, byte for byte the JSON that
`json.dumps` gives for the whole (with Material's separators). It is written as UTF-8, its
letters as they are: escaped, every Cyrillic letter takes six bytes instead of two, which a
reader's browser downloads and parses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from languages.links import Language

# What Material's search plugin writes as an index's `config`, from its own settings, in order.
SETTINGS = ("lang", "separator", "pipeline", "fields")


def encode(value: Any) -> str:
    """Return `value` as Material writes its index."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)


def encode_entries(entries: Iterable[dict[str, Any]], language: Language) -> list[str]:
    """Return a page's entries encoded, each located from its language's root."""
    return [
        encode({**entry, "location": entry["location"].removeprefix(language.root)})
        for entry in entries
    ]


def language_index(settings: Mapping[str, Any], language: Language, entries: Iterable[str]) -> str:
    """Return the index of `language`, its pages' encoded `entries` with the search settings.

    `config.lang` becomes `[locale]`, so Material's search worker loads that language's lunr
    support alone (its stop words; see mkdocs.yml for why there is no stemmer).
    """
    config = {**{key: settings[key] for key in SETTINGS}, "lang": [language.locale]}
    return f'{{"config":{encode(config)},"docs":[{",".join(entries)}]}}'
