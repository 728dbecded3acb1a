"""The include directive: `<* path hl[...] ln[...] title["..."] *>` puts a program in a page.

`{! path !}` pastes the raw text of a file, typically inside a fenced code block.
Markdown in, Markdown out, with no MkDocs import: `site_hook.py` wires it into MkDocs.
"""
