"""The one error type of the include directive."""

from __future__ import annotations

import importlib

# Engines that report their own BuildError as one clean line and anything else with a
# traceback; raised from the Markdown extension, ours should read like theirs.
ENGINE_ERRORS = ("mkdocs.exceptions", "properdocs.exceptions")


def engine_build_errors() -> tuple[type[Exception], ...]:
    """Return the BuildError types of the installed engines, or plain Exception if there is none."""
    found: list[type[Exception]] = []
    for name in ENGINE_ERRORS:
        try:
            error = importlib.import_module(name).BuildError
        except (ImportError, AttributeError):
            continue
        # Under ProperDocs `mkdocs.*` is an alias of `properdocs.*`: one class, named twice.
        if error not in found:
            found.append(error)
    return tuple(found) or (Exception,)


class IncludeError(*engine_build_errors()):
    """An author's mistake in a directive, told as `page:line: directive: what is wrong`.

    The core raises it with the message alone; the page expander adds where it happened.
    """

    def __init__(
        self,
        message: str,
        *,
        page: str | None = None,
        line: int | None = None,
        directive: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.page = page
        self.line = line
        self.directive = directive

    def located(self, page: str, line: int, directive: str) -> IncludeError:
        """Return the same error with its page, line and directive text filled in."""
        return IncludeError(self.message, page=page, line=line, directive=directive)

    def __str__(self) -> str:
        place = f"{self.page}:{self.line}: " if self.page is not None else ""
        text = f"{self.directive}: " if self.directive is not None else ""
        return f"{place}{text}{self.message}"
