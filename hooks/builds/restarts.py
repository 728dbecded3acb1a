"""Restart `mkdocs serve` when the Python code of the hooks changes.

MkDocs imports a hook once per process, so under `mkdocs serve` an edited hook (or a module it
imports) goes on running its old code, and an edit that breaks a hook makes the rebuild raise,
after which every request waits for a build that never comes. Once a hook's `.py` file changed,
the wrapped builder loads the config in a child process first: if that fails, it logs one line
naming the file and line and keeps serving the last good site; if not, it replaces the process
with the same command line. Open pages, whose live-reload poll fails while the server is down
and retries, then see a newer epoch and reload.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import mkdocs
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger

from builds.rebuilds import Stamp, changed_paths, stamp_trees

log = get_plugin_logger("restarts")

Stamps = dict[Path, Stamp]

# Loading the config imports every hook, which takes a second or two; a hang must not last.
CHECK_TIMEOUT = 120.0
# Run in the child: load the config and, on failure, print as JSON on the last line the error's
# type and message and the (file, line) of each frame. A config error (a hook file gone) is
# logged by MkDocs and raised as a bare "Aborted", so its logged messages are what it says.
CHECK_SCRIPT = """
import json, logging, sys, traceback
from mkdocs.config import load_config
logged = []
handler = logging.Handler(logging.ERROR)
handler.emit = lambda record: logged.append(record.getMessage())
logging.getLogger("mkdocs").addHandler(handler)
try:
    load_config(config_file=sys.argv[1])
except BaseException as error:
    if isinstance(error, SyntaxError):
        message, frames = error.msg, [(error.filename, error.lineno)]
    elif logged:
        message, frames = "; ".join(logged), [(sys.argv[1], None)]
    else:
        message, stack = str(error), traceback.extract_tb(error.__traceback__)
        frames = [(frame.filename, frame.lineno) for frame in stack]
    print(json.dumps({"type": type(error).__name__, "message": message, "frames": frames}))
    sys.exit(1)
"""


def stamp_hooks(hooks_dir: Path) -> Stamps:
    """Return the stamp of every `.py` file below `hooks_dir`, but caches and hidden names."""
    return {path: stamp for path, stamp in stamp_trees([hooks_dir]).items() if path.suffix == ".py"}


def changed_hooks(before: Stamps, after: Stamps) -> list[Path]:
    """Return the hook files added, removed or changed between two stampings, sorted."""
    return sorted(changed_paths(before, after))


def show_path(filename: str, project: Path) -> str:
    """Return `filename` relative to the project folder when it lies below it, else as it is."""
    path = Path(filename).resolve()
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else filename


def describe_failure(report: dict, project: Path, hooks_dir: Path) -> str:
    """Return `file:line: Type: message` from the child's report of a config that did not load.

    The place is the innermost frame in the hooks' code, where the author's edit most likely
    is, else the innermost frame (a SyntaxError's report has only the file it is in).
    """
    frames = report["frames"]
    in_hooks = [frame for frame in frames if Path(frame[0]).resolve().is_relative_to(hooks_dir)]
    filename, line = (in_hooks or frames)[-1]
    where = show_path(filename, project) + ("" if line is None else f":{line}")
    return f"{where}: {report['type']}: {report['message']}"


def check_hooks(config_file: str, hooks_dir: Path) -> str | None:
    """Load the config in a child process; return what failed, or None when it loaded."""
    project = Path(config_file).resolve().parent
    # -B: bytecode would land in hooks/, a watched folder, and trigger one more rebuild.
    command = [sys.executable, "-B", "-c", CHECK_SCRIPT, config_file]
    try:
        child = subprocess.run(command, capture_output=True, text=True, timeout=CHECK_TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"{show_path(config_file, project)}: loading took over {CHECK_TIMEOUT:.0f} s"
    if child.returncode == 0:
        return None
    try:
        report = json.loads(child.stdout.splitlines()[-1])
    except (IndexError, ValueError):  # the child died before it could report
        last = (child.stderr.strip().splitlines() or ["no output"])[-1]
        return f"{show_path(config_file, project)}: loading exited with {child.returncode}: {last}"
    return describe_failure(report, project, hooks_dir.resolve())


def restart_server(server: LiveReloadServer) -> NoReturn:
    """Replace this process with the same command line: same pid, address and options."""
    # What `mkdocs serve` does on exit, which exec skips: the new process builds into a new one.
    server.shutdown()
    shutil.rmtree(server.root, ignore_errors=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


def restart_on_hook_edits(
    server: LiveReloadServer, config_file: str, hooks_dir: Path
) -> LiveReloadServer:
    """Called from a hook's on_serve(server, config, builder): restart when the hooks change.

    Until a hook file changes after this call, a rebuild is MkDocs's own.
    """
    build = getattr(server, "builder", None)
    if not callable(build):
        raise PluginError(
            f"restarts: MkDocs {mkdocs.__version__}'s LiveReloadServer has no callable `builder` "
            "attribute any more, the rebuild that hooks/builds/restarts.py wraps to restart "
            "`mkdocs serve` when a hook changes: adapt restarts.py to how this MkDocs rebuilds"
        )
    project = Path(config_file).resolve().parent
    started = stamp_hooks(hooks_dir)

    def build_or_restart(*args: object, **kwargs: object) -> object:
        """Rebuild as MkDocs would, unless a hook changed: then check the hooks and restart."""
        changed = changed_hooks(started, stamp_hooks(hooks_dir))
        if not changed:
            return build(*args, **kwargs)
        failure = check_hooks(config_file, hooks_dir)
        if failure:
            # Returning, not raising: a failed rebuild would leave every request waiting.
            log.error(f"{failure}; serving the last good site until it is fixed")
            return None
        names = ", ".join(show_path(str(path), project) for path in changed)
        log.info(f"{names} changed: restarting the server")
        restart_server(server)

    server.builder = build_or_restart
    # A hook edit must reach the builder even when mkdocs.yml does not watch the hooks.
    server.watch(str(hooks_dir))
    return server
