"""The search index of one language, cut out of the index that holds them all."""

from __future__ import annotations

import json
from collections.abc import Sequence

from languages.links import Language, belongs_to


def split_index(index: str, language: Language, languages: Sequence[Language]) -> str:
    """Return the index of `language` alone, its locations relative to the language's root.

    `index` is the JSON that Material's search plugin writes; `config.lang` becomes `[locale]`,
    so Material's search worker loads that language's lunr support alone (its stop words; see
    mkdocs.yml for why there is no stemmer).
    """
    data = json.loads(index)
    if not isinstance(data, dict) or not {"config", "docs"} <= data.keys():
        raise ValueError("a search index is an object with `config` and `docs`")
    docs = [
        {**doc, "location": doc["location"].removeprefix(language.root)}
        for doc in data["docs"]
        if belongs_to(doc["location"], language, languages)
    ]
    split = {**data, "config": {**data["config"], "lang": [language.locale]}, "docs": docs}
    # The separators Material writes its index with.
    return json.dumps(split, separators=(",", ":"))
