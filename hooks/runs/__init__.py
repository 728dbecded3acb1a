"""Run the `docs_src` programs the pages show, and record what they did, for the pages.

`parse_requests` reads the requests of a directive's `run[...]`; `run_program` sends them to a
program's ASGI app in a child process and returns a `Transcript`, and `run_programs` does so for
many programs in one child; `RunCache` keeps transcripts by content (`get_many` runs the misses
in a few children side by side). Plain Python: nothing here imports MkDocs.
"""

from runs.cache import RunCache
from runs.requests import Request, parse_request, parse_requests
from runs.runner import run_program, run_programs
from runs.transcript import FileChange, RequestRun, Transcript

__all__ = [
    "FileChange",
    "Request",
    "RequestRun",
    "RunCache",
    "Transcript",
    "parse_request",
    "parse_requests",
    "run_program",
    "run_programs",
]
