"""Highlights carried from the named file to a variant that rewrites it.

The golden files show both programs, a `>` before each highlighted line: the named file with
its `hl`, then the variant with the lines the highlight was carried to.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from variant_includes.align import align_lines, carry_lines
from variant_includes.sources import read_code

TOPIC = Path(__file__).parents[2] / "docs_src" / "background_tasks"


def show_carried(named: str, variant: str, hl: set[int]) -> str:
    """Both programs, numbered, with `>` before the highlighted and the carried lines."""
    named_lines = textwrap.dedent(named).splitlines()
    variant_lines = textwrap.dedent(variant).splitlines()
    carried = set(carry_lines(hl, align_lines(named_lines, variant_lines)))
    out = []
    for title, lines, marked in [("named", named_lines, hl), ("variant", variant_lines, carried)]:
        out.append(f"== {title}")
        out += [
            f"{'>' if number in marked else ' '} {number:2} {line}".rstrip()
            for number, line in enumerate(lines, start=1)
        ]
    return "\n".join(out) + "\n"


# A block that sits one level deeper in the named file, inside a `with`: its nested closing
# brackets, each level's `},`, match the next level's `},` of the variant character for character.
INDENTED_NAMED = """\
    def save(record, store, lock):
        with lock:
            data = {
                "id": record.id,
                "owner": {
                    "name": record.owner,
                    "address": {
                        "city": record.city,
                    },
                },
                "tags": {
                    "kind": record.kind,
                },
            }
            store.put(data)
        return data
"""
INDENTED_VARIANT = """\
    def save(record, store):
        data = {
            "id": record.id,
            "owner": {
                "name": record.owner,
                "address": {
                    "city": record.city,
                },
            },
            "tags": {
                "kind": record.kind,
            },
        }
        store.put(data)
        return data
"""

# A call spread over lines in the named file, joined into one in the variant.
SPLIT_CALL = """\
    def notify(client, email):
        response = client.post(
            "/send-notification/",
            json={"email": email},
            timeout=5,
        )
        return response.json()
"""
JOINED_CALL = """\
    def notify(client, email):
        response = client.post("/send-notification/", json={"email": email}, timeout=5)
        return response.json()
"""

# A signature on one line in the named file, one parameter a line in the variant.
JOINED_SIGNATURE = """\
    @app.get("/items/")
    async def read_items(skip: int = 0, limit: int = 10, q: str | None = None):
        return {"skip": skip, "limit": limit, "q": q}
"""
SPLIT_SIGNATURE = """\
    @app.get("/items/")
    async def read_items(
        skip: int = 0,
        limit: int = 10,
        q: str | None = None,
    ):
        return {"skip": skip, "limit": limit, "q": q}
"""

# An `Annotated[Thing, Body(...)]` parameter against `thing: Thing = Body(...)`: the examples
# sit a level deeper, and three lines of the one are a single line of the other.
ANNOTATED_BODY = """\
    @app.put("/things/{thing_id}")
    async def replace_thing(
        *,
        thing_id: int,
        thing: Annotated[
            Thing,
            Body(
                examples={
                    "small": {
                        "label": "A small thing",
                        "value": {
                            "name": "Pin",
                            "weight": 0.1,
                        },
                    },
                    "large": {
                        "label": "A large thing",
                        "value": {
                            "name": "Anvil",
                        },
                    },
                },
            ),
        ],
    ):
        return {"thing_id": thing_id, "thing": thing}
"""
PLAIN_BODY = """\
    @app.put("/things/{thing_id}")
    async def replace_thing(
        *,
        thing_id: int,
        thing: Thing = Body(
            examples={
                "small": {
                    "label": "A small thing",
                    "value": {
                        "name": "Pin",
                        "weight": 0.1,
                    },
                },
                "large": {
                    "label": "A large thing",
                    "value": {
                        "name": "Anvil",
                    },
                },
            },
        ),
    ):
        return {"thing_id": thing_id, "thing": thing}
"""

# (golden file, named program, variant, highlighted lines of the named program)
REWRITES = [
    ("align-indented-block.txt", INDENTED_NAMED, INDENTED_VARIANT, set(range(3, 16))),
    ("align-joined-call.txt", SPLIT_CALL, JOINED_CALL, {4}),
    ("align-joined-call-close.txt", SPLIT_CALL, JOINED_CALL, {6}),
    ("align-split-call.txt", JOINED_CALL, SPLIT_CALL, {2}),
    ("align-split-signature.txt", JOINED_SIGNATURE, SPLIT_SIGNATURE, {2}),
    ("align-joined-signature.txt", SPLIT_SIGNATURE, JOINED_SIGNATURE, {4}),
    ("align-annotated-body.txt", ANNOTATED_BODY, PLAIN_BODY, set(range(7, 24))),
    ("align-annotated-body-back.txt", PLAIN_BODY, ANNOTATED_BODY, set(range(5, 22))),
]


@pytest.mark.parametrize(("name", "named", "variant", "hl"), REWRITES, ids=[r[0] for r in REWRITES])
def test_highlight_lands_on_the_rewritten_lines(name, named, variant, hl, golden):
    """Re-indented, joined, split and Annotated rewrites carry the highlight to their lines."""
    golden(name, show_carried(named, variant, hl))


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("tutorial002_an_py310.py", [13, 16, 22, 25]),
        ("tutorial002_an_py39.py", [13, 16, 22, 25]),
        ("tutorial002_an.py", [14, 17, 23, 26]),
        ("tutorial002_py310.py", [11, 14, 20, 23]),
        ("tutorial002.py", [13, 16, 22, 25]),
    ],
)
def test_highlights_follow_the_code(name, lines):
    """hl[13,16,22,25] of tutorial002_an_py310 lands on the same statements in every variant."""
    named = read_code(TOPIC / "tutorial002_an_py310.py")
    variant = read_code(TOPIC / name)
    carried = carry_lines({13, 16, 22, 25}, align_lines(named, variant))
    assert carried == lines
    roles = ["def get_query(", "background_tasks.add_task(", "Depends(get_query)", "add_task("]
    assert all(role in variant[n - 1] for role, n in zip(roles, carried, strict=True))


def test_line_without_counterpart_is_dropped():
    """The `Annotated` import has no counterpart in a file that does not use it."""
    named = read_code(TOPIC / "tutorial002_an_py310.py")
    plain = read_code(TOPIC / "tutorial002_py310.py")
    assert carry_lines({1, 3}, align_lines(named, plain)) == [1]


def test_closing_brackets_do_not_pair_across_calls():
    """Joining an inner call leaves its `)` with the joined line, not with the outer `)`."""
    named = ["run(", "    inner(", "        a,", "    ),", ")"]
    variant = ["run(", "    inner(a),", ")"]
    assert align_lines(named, variant) == {1: (1,), 2: (2,), 3: (2,), 4: (2,), 5: (3,)}


def test_punctuation_ending_a_line_stays_with_it():
    """The `:` of a split signature's `):` does not pair with the `:` of a `with` line after it.

    The call after the `with` is longer than the signature, so the longest shared run of tokens
    starts at that `:`: `: r = f(k=5, j=6)`.
    """
    named = ["def g(", "    p: int = 2,", "):", "    r = f(k=5, j=6)"]
    variant = ["def g(p: int = 2):", "    with lock:", "        r = f(", "            k=5,"]
    variant += ["            j=6,", "        )"]
    assert align_lines(named, variant) == {1: (1,), 2: (1,), 3: (1,), 4: (3, 4, 5, 6)}


def test_punctuation_cut_off_a_run_is_left_to_its_own_line():
    """That stray `:` stays free for the `):` line, which then pairs with the other `):`."""
    named = ["def g(", "    f(a),", "):", '    r = h(k="v", j=1)']
    variant = ["def g(", "    f(", "        a,", "    ),", "):", "    with lock:", "        r = h("]
    variant += ['            k="v",', "            j=1,", "        )"]
    assert align_lines(named, variant) == {1: (1,), 2: (2, 3, 4), 3: (5,), 4: (7, 8, 9, 10)}


def test_blank_lines_do_not_anchor_the_alignment():
    """Runs of blank lines are alike everywhere: the `def` between them still finds its lines."""
    named = ["", "", 'def g(k="v"):', "", ""]
    variant = ["", "with lock:", "", "def g(", '    k="v",', "):", "", ""]
    assert carry_lines({3}, align_lines(named, variant)) == [4, 5, 6]


# --- The property: for any small program and any rewrite of it, a highlight lands only on
# the counterparts of its line, and on all of them. Each line of a program is built from
# "atoms" (a call's head, an argument, a call's closing bracket, a statement); a rewrite keeps
# the atoms and moves line breaks and indentation, so two lines are counterparts when they
# share an atom.


# The model is mutable, unlike the code's dataclasses: a rewrite changes a program in place.
@dataclass
class Call:
    """A call, a signature when it heads a `def`: a head atom, arguments, a closing atom."""

    id: int
    args: list[Call | int]  # an int is an argument's atom
    split: bool


@dataclass
class Statement:
    """A line (`call` None), a call, a blank line, or a `def` / `with` holding a body."""

    id: int
    kind: str  # "line", "blank", "call", "def" or "with"
    call: Call | None = None
    body: list[Statement] = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    """One rendered line and the atoms it shows."""

    text: str
    atoms: frozenset[str]


def atoms_of(call: Call) -> frozenset[str]:
    """Every atom of a call, its nested calls included."""
    atoms = {f"head{call.id}", f"close{call.id}"}
    for arg in call.args:
        atoms |= atoms_of(arg) if isinstance(arg, Call) else {f"arg{arg}"}
    return frozenset(atoms)


def arg_text(atom: int) -> str:
    """An argument, positional or keyword, as a program would have it."""
    return [f"a{atom}", f'k{atom}="v{atom}"', f"p{atom}: int = {atom}"][atom % 3]


def joined_text(call: Call, head: str) -> str:
    """A call on one line."""
    inner = ", ".join(
        joined_text(arg, f"f{arg.id}(") if isinstance(arg, Call) else arg_text(arg)
        for arg in call.args
    )
    return f"{head}{inner})"


def render_call(call: Call, head: str, close: str, depth: int) -> list[Line]:
    """A call split one argument a line (black's style, trailing comma), or joined."""
    pad = "    " * depth
    if not call.split:
        return [Line(pad + joined_text(call, head) + close[1:], atoms_of(call))]
    lines = [Line(pad + head, frozenset({f"head{call.id}"}))]
    for arg in call.args:
        if isinstance(arg, Call):
            lines += render_call(arg, f"f{arg.id}(", "),", depth + 1)
        else:
            lines.append(Line(f"{pad}    {arg_text(arg)},", frozenset({f"arg{arg}"})))
    return [*lines, Line(pad + close, frozenset({f"close{call.id}"}))]


def render(statements: list[Statement], depth: int = 0) -> list[Line]:
    """A program's lines."""
    pad = "    " * depth
    lines: list[Line] = []
    for statement in statements:
        atom = frozenset({f"statement{statement.id}"})
        if statement.kind == "blank":
            lines.append(Line("", atom))
        elif statement.kind == "line":
            lines.append(Line(f"{pad}x{statement.id} = y{statement.id} + 1", atom))
        elif statement.kind == "call":
            lines += render_call(
                statement.call, f"r{statement.id} = f{statement.call.id}(", ")", depth
            )
        elif statement.kind == "def":
            lines += render_call(statement.call, f"def g{statement.call.id}(", "):", depth)
            lines += render(statement.body, depth + 1)
        else:
            lines.append(Line(f"{pad}with lock{statement.id}:", atom))
            lines += render(statement.body, depth + 1)
    return lines


@st.composite
def programs(draw: st.DrawFn) -> list[Statement]:
    """A small program of lines, blank lines, calls (nested, split or not) and `def` blocks."""
    ids = iter(range(1, 10_000))

    def call(depth: int) -> Call:
        args: list[Call | int] = []
        for _ in range(draw(st.integers(1, 3))):
            nested = depth < 2 and draw(st.booleans())
            args.append(call(depth + 1) if nested else next(ids))
        return Call(next(ids), args, split=draw(st.booleans()))

    def block(depth: int) -> list[Statement]:
        statements = []
        for _ in range(draw(st.integers(1, 4))):
            kinds = ["line", "blank", "call", "def"] if depth < 1 else ["line", "blank", "call"]
            kind = draw(st.sampled_from(kinds))
            statement = Statement(next(ids), kind)
            if kind in {"call", "def"}:
                statement.call = call(0)
            if kind == "def":
                statement.body = block(depth + 1)
            statements.append(statement)
        return statements

    return block(0)


def calls_in(statements: list[Statement]) -> list[tuple[Call, bool]]:
    """Every call and whether it stands on lines of its own (at top, or in a split call)."""

    def walk(call: Call, own_lines: bool) -> list[tuple[Call, bool]]:
        found = [(call, own_lines)]
        for arg in call.args:
            if isinstance(arg, Call):
                found += walk(arg, own_lines and call.split)
        return found

    found = []
    for statement in statements:
        if statement.call is not None:
            found += walk(statement.call, True)
        found += calls_in(statement.body)
    return found


def blocks_in(statements: list[Statement]) -> list[list[Statement]]:
    """Every list of statements: the program's, and each body."""
    return [statements] + [b for s in statements if s.body for b in blocks_in(s.body)]


@st.composite
def rewrites(draw: st.DrawFn) -> tuple[list[Line], list[Line]]:
    """A program and a rewrite of it: blocks indented under a `with`, calls joined or split."""
    statements = draw(programs())
    before = render(statements)
    for step in range(draw(st.integers(1, 3))):
        movable = [call for call, own_lines in calls_in(statements) if own_lines]
        if movable and draw(st.booleans()):
            call = draw(st.sampled_from(movable))
            call.split = not call.split
        else:
            block = draw(st.sampled_from(blocks_in(statements)))
            start = draw(st.integers(0, len(block) - 1))
            end = draw(st.integers(start + 1, len(block)))
            block[start:end] = [Statement(-1 - step, "with", body=block[start:end])]
    after = render(statements)
    return (after, before) if draw(st.booleans()) else (before, after)


@settings(max_examples=400, deadline=None)
@given(rewrites())
def test_highlight_lands_on_every_counterpart_and_nowhere_else(pair):
    """Each line's highlight lands on exactly the lines that share an atom with it.

    Blank lines have nothing to tell them apart, so a blank line need only land on blank lines.
    """
    named, variant = pair
    mapping = align_lines([line.text for line in named], [line.text for line in variant])
    for number, line in enumerate(named, start=1):
        carried = carry_lines({number}, mapping)
        if line.text:
            counterparts = [n for n, other in enumerate(variant, 1) if line.atoms & other.atoms]
            assert carried == counterparts, (number, line.text)
        else:
            assert all(variant[n - 1].text == "" for n in carried), (number, carried)
