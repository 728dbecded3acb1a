"""How the site is built: a build's state and caches, its steps, and what it adapts of its tools.

`site_hook.py` orders a build and calls these; they know MkDocs, mkdocs-static-i18n and
Material. The product packages (`variant_includes`, `translations`, `languages`, `highlights`)
know nothing of them.
"""
