"""The include directive: `<* path hl[...] ln[...] title["..."] *>` puts a program in a page.

Markdown in, Markdown out, with no MkDocs import: `site_hook.py` wires it into MkDocs.
"""
