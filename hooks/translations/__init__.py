"""Keeping translations true to their English pages: stamps, drift, status, banners.

Pure functions over page texts and the docs folder, with no MkDocs import: `site_hook.py`
wires them into the build, and `docs-translations` (cli.py) into an author's shell.
"""
