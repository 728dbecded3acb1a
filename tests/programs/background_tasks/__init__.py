"""Behaviour tests of docs_src/background_tasks/, one module per tutorial."""

import pytest

# The shared checks assert like tests do; rewriting shows the values when one fails.
pytest.register_assert_rewrite(f"{__name__}.route_checks")
