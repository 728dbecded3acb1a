"""The app the uvicorn tests serve: a docs_src program, its task maybe slowed down or broken.

uvicorn imports it as `served_app:app` with this folder as its app dir, in a process of its own;
the environment says what to serve:

- `SERVED_PROGRAM`: the program's file;
- `SERVED_TASK`: the name of the program's task function, to wrap (optional);
- `SERVED_TASK_DELAY`: seconds the wrapped task sleeps before doing its work;
- `SERVED_TASK_RAISES`: if set, the wrapped task raises RuntimeError with this message
  instead of working.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from program_loader import load_program

program = load_program(Path(os.environ["SERVED_PROGRAM"]))
task_name = os.environ.get("SERVED_TASK")
if task_name:
    task = getattr(program, task_name)
    delay = float(os.environ.get("SERVED_TASK_DELAY", "0"))
    failure = os.environ.get("SERVED_TASK_RAISES")

    def changed_task(*args: Any, **kwargs: Any) -> None:
        """Sleep, then fail or do the program's own work."""
        time.sleep(delay)
        if failure:
            raise RuntimeError(failure)
        task(*args, **kwargs)

    # The route looks the task up in the module's globals when it calls add_task, so the
    # replacement is what runs; the route itself is the program's, unchanged.
    setattr(program, task_name, changed_task)

app = program.app
