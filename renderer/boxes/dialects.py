"""One grammar for every way people draw boxes in text: each dialect redrawn in light lines.

Light ``┌─┐│├┤└┘┬┴┼`` is what the readers understand.  Heavy ``┏━┓┃``, double
``╔═╗║``, rounded ``╭╮╰╯``, dashed ``┄┆`` and their mixtures (a double frame
around light boxes, ``╒╤╕`` single-double joints) are the same lines in
another pen: each character is mapped, by the directions its Unicode name
gives it (``BOX DRAWINGS DOUBLE DOWN AND RIGHT`` runs down and right), to
the light character running the same ways.

Plain ASCII (``+---+``, ``|``, ``+===+``) needs the lines around it: a ``+``
is a corner or a junction only where ``-``/``=`` runs or ``|`` lines meet
it, a ``-`` run is a line only where it ends on such a ``+`` or ``|``, and a
``|`` is a line only where it goes on (a column or two off, as hand-typed
borders drift) into a ``+`` corner above or below.  So ``Pre-training``,
``a -> b``, ``<|im_start|>`` and a markdown table's ``| a | b |`` stay text.

Every character keeps its terminal width (all of these are one column), so
the column arithmetic of the readers is the same before and after.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from .cells import char_widths

UP, DOWN, LEFT, RIGHT = 1, 2, 4, 8
_LIGHT = {
    DOWN | RIGHT: "┌", DOWN | LEFT: "┐", UP | RIGHT: "└", UP | LEFT: "┘",
    UP | DOWN: "│", LEFT | RIGHT: "─",
    UP | DOWN | RIGHT: "├", UP | DOWN | LEFT: "┤",
    LEFT | RIGHT | DOWN: "┬", LEFT | RIGHT | UP: "┴", UP | DOWN | LEFT | RIGHT: "┼",
    UP: "│", DOWN: "│", LEFT: "─", RIGHT: "─",
}
_WORDS = {"UP": UP, "DOWN": DOWN, "LEFT": LEFT, "RIGHT": RIGHT, "VERTICAL": UP | DOWN, "HORIZONTAL": LEFT | RIGHT}
ASCII_H = "-="
ASCII_V = "|"
ASCII_JOINT = "+"
MIN_RUN = 2  # a '-' run shorter than this is a hyphen, never a line
V_DRIFT = 3  # columns a hand-typed ASCII border may sit off the one above it
MAX_DRIFT = 8  # ... and farther along a line, where the drift of wide words before it adds up
# what a way of joining two lines' borders costs, in columns of drift:
PIPE_MISS = 6.0  # leaving a '|' unjoined (a '|' always goes on above and below)
JOINT_MISS = 1.0  # leaving a '+' unjoined (a corner often ends its line)
JOINT_TIE = 0.5  # joining a '+' rather than a '|' (on a tie, a border goes on into a border)
DRIFT = 0.5  # each column a join drifts
DRIFT_CHANGE = 1.0  # ... and each column of change in drift from the join to the left of it (drift adds up
#                     along a line, where wide words sit, so a line's joins keep to much the same drift)
RULE_END = 2.0  # going on down from a '+' a line comes into from above (├ rather than └)
NORMALIZE_CACHE = 256  # drawings remembered per process (a re-render of an unchanged layout reads them again)


@cache
def directions(ch: str) -> int:
    """The ways a box-drawing character runs (UP | DOWN | LEFT | RIGHT), 0 for anything else."""
    if not "\u2500" <= ch <= "\u257f":
        return 0
    name = unicodedata.name(ch, "")
    if "DIAGONAL" in name:
        return 0
    out = 0
    for word in name.split():
        out |= _WORDS.get(word, 0)
    return out


def light(ch: str) -> str:
    """``ch`` in light lines (a box-drawing character of any dialect), else ``ch`` itself."""
    d = directions(ch)
    return _LIGHT.get(d, ch) if d else ch


def light_line(text: str) -> str:
    """Every Unicode box-drawing character of a line in light lines (ASCII is left alone: it needs context)."""
    if not any("\u2500" <= c <= "\u257f" for c in text):
        return text
    return "".join(light(c) for c in text)


def normalize(lines: list[str] | tuple[str, ...]) -> list[str]:
    """The lines with every box drawing, whatever its dialect, in light lines; same widths, same lengths."""
    return list(_normalize(tuple(lines)))


@lru_cache(maxsize=NORMALIZE_CACHE)
def _normalize(lines: tuple[str, ...]) -> tuple[str, ...]:
    out = [light_line(s) for s in lines]
    if any(ASCII_JOINT in s or ASCII_V in s for s in out):
        out = _ascii(out)
    return tuple(out)


# --- ASCII ------------------------------------------------------------------------------


def _run_at(text: str, i: int, step: int) -> int:
    """Length of the run of ``-``/``=`` next to index ``i`` on the side ``step`` (-1 left, 1 right)."""
    n = 0
    j = i + step
    while 0 <= j < len(text) and text[j] in ASCII_H:
        n += 1
        j += step
    return n


def _is_joint(text: str, i: int) -> bool:
    """A ``+`` with a run of ``-``/``=`` on one side: maybe a corner or a junction (``a+b``, ``C++`` never)."""
    return text[i] == ASCII_JOINT and (_run_at(text, i, -1) >= MIN_RUN or _run_at(text, i, 1) >= MIN_RUN)


def _free(text: str, j: int) -> bool:
    return not 0 <= j < len(text) or text[j].isspace() or text[j] in ASCII_H + ASCII_V + ASCII_JOINT \
        or directions(text[j]) != 0


def _is_pipe(text: str, i: int) -> bool:
    """A ``|`` that may be a border: not glued to words on both sides (``<|im_start|>``, ``a|b`` are text)."""
    return text[i] == ASCII_V and (_free(text, i - 1) or _free(text, i + 1))


def _columns(lines: list[str]) -> list[list[int]]:
    out = []
    for s in lines:
        c, cols = 0, []
        for w in char_widths(s):
            cols.append(c)
            c += w
        out.append(cols)
    return out


def _join(k: int, nodes: list[dict[int, int]], cols: list[list[int]], drawn, joint,
          from_above) -> list[tuple[int, int]]:
    """Which points of line ``k`` go on into which of line ``k + 1``: the joins, left to right and never
    crossing, that leave fewest points unjoined and drift least.  Drift adds up along a line (each wide
    word moves the borders after it), so a join may be up to MAX_DRIFT columns off; an ASCII point
    meets a drawn line only in its own column.  Two ``+`` lines one right under the other are two
    boxes stacked (a bottom, then a top), never joined.  A ``+`` with no line coming into it from above
    (``from_above``) is a top corner and must go on down; one with a line from above is a bottom corner
    more often than the end of a rule (``├``)."""
    a = [i for i in sorted(nodes[k], key=lambda i: cols[k][i]) if nodes[k][i] & DOWN]
    b = [j for j in sorted(nodes[k + 1], key=lambda j: cols[k + 1][j]) if nodes[k + 1][j] & UP]
    if not a or not b:
        return []
    def miss(line: int, i: int) -> float:
        if joint(line, i) and (line > k or from_above(line, i)):
            return JOINT_MISS
        return PIPE_MISS

    inf = float("inf")
    f = [[0.0] * (len(b) + 1)] + [[inf] * (len(b) + 1) for _ in a]
    drift = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]  # drift of the last join on the best way here
    for x in range(1, len(b) + 1):
        f[0][x] = f[0][x - 1] + miss(k + 1, b[x - 1])
    how = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for y in range(1, len(a) + 1):
        i = a[y - 1]
        f[y][0] = f[y - 1][0] + miss(k, i)
        for x in range(1, len(b) + 1):
            j = b[x - 1]
            best, step, last = f[y - 1][x] + miss(k, i), 0, drift[y - 1][x]
            if f[y][x - 1] + miss(k + 1, j) < best:
                best, step, last = f[y][x - 1] + miss(k + 1, j), 1, drift[y][x - 1]
            d = cols[k + 1][j] - cols[k][i]
            either = drawn(k, i) or drawn(k + 1, j)
            stacked = joint(k, i) and joint(k + 1, j)
            cost = DRIFT * abs(d) + DRIFT_CHANGE * abs(d - drift[y - 1][x - 1])
            cost += JOINT_TIE if joint(k, i) or joint(k + 1, j) else 0.0
            if joint(k, i) and from_above(k, i):
                cost += RULE_END
            if not stacked and abs(d) <= (0 if either else MAX_DRIFT) and f[y - 1][x - 1] + cost < best:
                best, step, last = f[y - 1][x - 1] + cost, 2, d
            f[y][x], how[y][x], drift[y][x] = best, step, last
    out = []
    y, x = len(a), len(b)
    while y and x:
        step = how[y][x]
        if step == 2:
            out.append((a[y - 1], b[x - 1]))
            y, x = y - 1, x - 1
        elif step == 1:
            x -= 1
        else:
            y -= 1
    return out


def _run_end(text: str, i: int) -> int:
    """Index of the ``+`` at the other end of the ``-``/``=`` run leaving the ``+`` at ``i``, or -1."""
    for step in (1, -1):
        j = i + step
        while 0 <= j < len(text) and text[j] in ASCII_H:
            j += step
        if j != i + step and 0 <= j < len(text) and text[j] == ASCII_JOINT:
            return j
    return -1


def _plausible(k: int, pairs: list[tuple[int, int]], lines: list[str], cols: list[list[int]],
               joint) -> list[tuple[int, int]]:
    """The joins of lines ``k`` and ``k + 1`` less those that drift far into a corner whose line is met
    at this one end only: a border going on past a line that lacks it, into a box beside it."""
    down = {i for i, _ in pairs}
    up = {j for _, j in pairs}
    out = []
    for i, j in pairs:
        if abs(cols[k + 1][j] - cols[k][i]) > V_DRIFT:
            if joint(k + 1, j) and (e := _run_end(lines[k + 1], j)) >= 0 and e not in up:
                continue
            if joint(k, i) and (e := _run_end(lines[k], i)) >= 0 and e not in down:
                continue
        out.append((i, j))
    return out


def _ascii(lines: list[str]) -> list[str]:
    """ASCII lines redrawn: '|' and '+' joined line by line into vertical lines (_join), kept where they
    reach a corner or a drawn line, then '-'/'=' runs ending on them, then each joint by the ways it runs."""
    cols = _columns(lines)
    # the points vertical lines may pass: joints, pipes, and drawn characters running up or down
    nodes: list[dict[int, int]] = []  # per line: index -> the ways it may be joined (UP | DOWN)
    joints: set[tuple[int, int]] = set()
    for k, s in enumerate(lines):
        here: dict[int, int] = {}
        for i, ch in enumerate(s):
            d = directions(ch)
            if d & (UP | DOWN):
                here[i] = d & (UP | DOWN)
            elif ch == ASCII_JOINT and _is_joint(s, i):
                here[i] = UP | DOWN
                joints.add((k, i))
            elif ch == ASCII_V and _is_pipe(s, i):
                here[i] = UP | DOWN
        nodes.append(here)

    def drawn(k: int, i: int) -> bool:
        return directions(lines[k][i]) != 0

    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(p: tuple[int, int]) -> tuple[int, int]:
        while parent.setdefault(p, p) != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    links: dict[tuple[int, int], int] = {}
    for k in range(len(lines) - 1):
        pairs = _join(k, nodes, cols, drawn, lambda kk, ii: (kk, ii) in joints,
                      lambda kk, ii: bool(links.get((kk, ii), 0) & UP))
        for i, j in _plausible(k, pairs, lines, cols, lambda kk, ii: (kk, ii) in joints):
            links[(k, i)] = links.get((k, i), 0) | DOWN
            links[(k + 1, j)] = links.get((k + 1, j), 0) | UP
            parent[find((k, i))] = find((k + 1, j))
    points = {(k, i) for k, here in enumerate(nodes) for i in here if not drawn(k, i)} | set(links)
    anchored = {find(p) for p in joints} | {find(p) for p in links if drawn(*p)}
    anchored |= _bridged(points, anchored, find, cols, lines, links)
    vert = {p for p in points if not drawn(*p) and find(p) in anchored}

    hruns = [_hruns(k, s, vert, joints) for k, s in enumerate(lines)]
    ways: dict[tuple[int, int], int] = {}
    for p in sorted(vert | joints):
        k, i = p
        s, hrun = lines[k], hruns[k]
        d = links.get(p, 0) if p in vert else 0
        if s[i] == ASCII_V:
            d |= UP | DOWN
        if i > 0 and (hrun[i - 1] or directions(s[i - 1]) & RIGHT):
            d |= LEFT
        if i + 1 < len(s) and (hrun[i + 1] or directions(s[i + 1]) & LEFT):
            d |= RIGHT
        ways[p] = d
    for p, d in sorted(ways.items()):
        if d in (LEFT, RIGHT):
            ways[p] = d | _corner_turn(p, d, lines, cols, hruns, ways, nodes)
        elif lines[p[0]][p[1]] == ASCII_JOINT and d & (LEFT | RIGHT) in (LEFT, RIGHT) and d & (UP | DOWN) in (UP, DOWN):
            # one end of a rule whose border above or below is missing: like the rule's other end
            if _other_end(p, d, lines, hruns, ways) & (UP | DOWN) == UP | DOWN:
                ways[p] = d | UP | DOWN
    out: list[str] = []
    for k, s in enumerate(lines):
        chars = list(s)
        for i, ch in enumerate(s):
            if hruns[k][i]:
                chars[i] = "─"
                continue
            d = ways.get((k, i), 0)
            if not d or (ch == ASCII_JOINT and not d & (LEFT | RIGHT)):
                continue  # a '+' whose dashes turned out to be an arrow or a word: a plus sign after all
            chars[i] = _LIGHT[d]
        out.append("".join(chars))
    return out


GAP = 3  # lines a border may be missing on (typed without its '|') and still go on below


def _goes_on(p: tuple[int, int], way: int, lines: list[str], links: dict[tuple[int, int], int]) -> bool:
    """The line at ``p`` goes on ``way`` (UP or DOWN) though nothing meets it there: a '|' does, and so
    does a corner that has not turned yet (a top corner with nothing under it) or the end of a rule;
    a bottom corner ends its line."""
    k, i = p
    if lines[k][i] == ASCII_V:
        return True
    back = UP if way == DOWN else DOWN
    if not links.get(p, 0) & back:
        return True
    e = _run_end(lines[k], i)
    return e >= 0 and links.get((k, e), 0) & (UP | DOWN) == UP | DOWN


def _bridged(points: set[tuple[int, int]], anchored: set, find, cols: list[list[int]], lines: list[str],
             links: dict[tuple[int, int], int]) -> set:
    """Chains of ``|`` (or a lone one) that go on from a line of the drawing across a few lines lacking
    their border (hand-typed lines often do): anchored too."""
    ends: dict[tuple[int, int], list[tuple[int, int]]] = {}  # chain -> its points, top to bottom
    for p in sorted(points):
        ends.setdefault(find(p), []).append(p)
    out: set = set()
    changed = True
    while changed:
        changed = False
        good = anchored | out
        for chain, pts in ends.items():
            if chain in good:
                continue
            (tk, ti), (bk, bi) = pts[0], pts[-1]
            for other, opts in ends.items():
                if other not in good:
                    continue
                (ok_, oi), (obk, obi) = opts[0], opts[-1]
                above = (2 <= tk - obk <= GAP + 1 and abs(cols[tk][ti] - cols[obk][obi]) <= V_DRIFT
                         and lines[tk][ti] == ASCII_V and _goes_on((obk, obi), DOWN, lines, links))
                below = (2 <= ok_ - bk <= GAP + 1 and abs(cols[bk][bi] - cols[ok_][oi]) <= V_DRIFT
                         and lines[bk][bi] == ASCII_V and _goes_on((ok_, oi), UP, lines, links))
                if above or below:
                    out.add(chain)
                    changed = True
                    break
    return out


def _hruns(k: int, s: str, vert: set[tuple[int, int]], joints: set[tuple[int, int]]) -> list[bool]:
    """Per character of line ``k``: part of a ``-``/``=`` run that ends on a joint or a vertical line."""
    line_at = {i for i in range(len(s)) if (k, i) in vert or (k, i) in joints or directions(s[i])}
    hrun = [False] * len(s)
    i = 0
    while i < len(s):
        if s[i] not in ASCII_H:
            i += 1
            continue
        j = i
        while j < len(s) and s[j] in ASCII_H:
            j += 1
        arrow = (j < len(s) and s[j] in "<>") or (i > 0 and s[i - 1] in "<>")
        if j - i >= MIN_RUN and not arrow and (i - 1 in line_at or j in line_at):
            hrun[i:j] = [True] * (j - i)
        i = j
    return hrun


def _other_end(p: tuple[int, int], d: int, lines: list[str], hruns: list[list[bool]],
               ways: dict[tuple[int, int], int]) -> int:
    """The ways the character at the other end of the line leaving ``p`` runs (0 when none)."""
    k, i = p
    step = -1 if d & LEFT else 1
    j = i + step
    while 0 <= j < len(lines[k]) and hruns[k][j]:
        j += step
    if not 0 <= j < len(lines[k]):
        return 0
    return ways.get((k, j), directions(lines[k][j]))


def _corner_turn(p: tuple[int, int], d: int, lines: list[str], cols: list[list[int]], hruns: list[list[bool]],
                 ways: dict[tuple[int, int], int], nodes: list[dict[int, int]]) -> int:
    """UP or DOWN for a ``+`` that ends a line but meets no vertical (its border drifted too far):
    the way the corner at the line's other end turns, else the side where a border is nearest."""
    k, i = p
    other = _other_end(p, d, lines, hruns, ways)
    if other & (UP | DOWN) and other & (UP | DOWN) != UP | DOWN:
        return other & (UP | DOWN)
    col = cols[k][i]
    for kk, way in ((k + 1, DOWN), (k - 1, UP)):
        if 0 <= kk < len(lines) and any(abs(cols[kk][jj] - col) <= 2 * V_DRIFT for jj in nodes[kk]):
            return way
    return 0
