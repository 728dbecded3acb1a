"""The languages of the site: which language a URL belongs to, its links, its search index,
its sitemap; and, for `mkdocs build`, each language built in a process of its own.

`links`, `search_index`, `sitemaps`, `processes` and `site_merge` are plain functions with no
MkDocs import; `search_entries` and `i18n_builds` are the two places that read what Material's
search plugin and mkdocs-static-i18n keep inside; `language_hook.py` and
`parallel_languages_hook.py` wire them into each language's build.
"""
