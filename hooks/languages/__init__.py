"""The languages of the site: which language a URL belongs to, its links, its search index,
its sitemap.

`links`, `search_index` and `sitemaps` are plain functions with no MkDocs import;
`search_entries` is the one place that reads what Material's search plugin keeps inside.
`site_hook.py` calls them for each language's build.
"""
