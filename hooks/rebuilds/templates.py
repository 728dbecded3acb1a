"""Theme templates compiled once per process, not once per language and rebuild.

MkDocs makes a new Jinja environment for each build, and mkdocs-static-i18n builds each
language through MkDocs's `build`, so every template of the theme was compiled again for every
language, and again on every rebuild of `mkdocs serve`. Jinja's bytecode cache, the
environment's public `bytecode_cache`, keeps the compiled code by the template's name, with a
checksum of its source that Jinja checks before using it: an edited template is compiled anew.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory, by Jinja's key for each."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill `bucket` with the code kept for it, if any."""
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code Jinja just compiled."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()
