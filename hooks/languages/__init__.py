"""Search per language and language links: which language a URL belongs to, its links, its files.

Pure functions over URLs, the search index and the sitemap, with no MkDocs import:
`language_hook.py` wires them into the build of each language.
"""
