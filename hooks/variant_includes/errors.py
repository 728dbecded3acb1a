"""The one error type of the include directive."""

from __future__ import annotations


class IncludeError(Exception):
    """An author's mistake in a directive, told as `page:line: directive: what is wrong`.

    The core raises it with the message alone; the page expander adds where it happened. The
    Markdown extension turns it into the engine's own build error (extension.py).
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
