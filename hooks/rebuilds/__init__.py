"""Rebuilds under `mkdocs serve --dirty` that redo exactly the pages a change touches.

MkDocs's dirty build renders only the pages whose Markdown file is newer than their HTML, and
leaves the others' titles empty in the navigation. The rebuild hook tells MkDocs which pages a
change touches (its own file, the programs it includes, the English page a translation
follows), hands the navigation the titles of the pages it skips, and rebuilds everything when a
change reaches the navigation or the setup.
"""
