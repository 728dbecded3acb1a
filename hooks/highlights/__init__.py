"""Code blocks highlighted once, not once per page, language and rebuild.

`use_cache` makes superfences highlight python, bash, json and text blocks through a
`HighlightCache` (its public custom-fence option); `highlight_texts` highlights Markdown texts
ahead of the pages and returns the blocks to keep. Plain Python-Markdown: nothing here knows MkDocs.
"""

from highlights.blocks import HighlightCache, highlight_texts, use_cache

__all__ = ["HighlightCache", "highlight_texts", "use_cache"]
