"""Seeded hand wobble in millimetres, computed once per mark (as rough.js does).

The same mark wobbles the same way in every output (PDF and PNG alike),
and two different marks never wobble in lockstep.
"""

from __future__ import annotations

import math
import zlib
from functools import lru_cache

import numpy as np

from .. import theme

Point = tuple[float, float]
WOBBLE_CACHE = 2048  # wobbly paths remembered per process (about 100 a sheet; a re-render draws them again)


def seed_of(*parts: object) -> int:
    key = repr(tuple(round(p, 2) if isinstance(p, float) else p for p in _flat(parts)))
    return zlib.crc32(key.encode("utf-8"))


def _flat(parts: tuple) -> list:
    out: list = []
    for p in parts:
        if isinstance(p, (tuple, list)):
            out.extend(_flat(tuple(p)))
        else:
            out.append(p)
    return out


def wobbly_segment(a: Point, b: Point, rng: np.random.Generator, amp: float) -> np.ndarray:
    """Points along a..b displaced sideways by a slow, irregular wobble."""
    ax, ay = a
    bx, by = b
    length = math.hypot(bx - ax, by - ay)
    n = max(2, int(length / theme.WOBBLE_STEP) + 1)
    t = np.linspace(0.0, 1.0, n)
    if amp <= 0 or length < theme.WOBBLE_MIN_LENGTH:
        return np.column_stack([ax + (bx - ax) * t, ay + (by - ay) * t])
    s = t * length
    off = np.zeros(n)
    for _ in range(theme.WOBBLE_WAVES):
        wave = theme.WOBBLE_WAVE * rng.uniform(*theme.WOBBLE_WAVE_SPREAD)
        phase = rng.uniform(0, 2 * math.pi)
        off += np.sin(2 * math.pi * s / wave + phase) * rng.uniform(*theme.WOBBLE_WAVE_WEIGHTS)
    off *= amp * min(1.0, length / theme.WOBBLE_FULL_LENGTH) / theme.WOBBLE_NORM
    nx, ny = -(by - ay) / length, (bx - ax) / length
    return np.column_stack([ax + (bx - ax) * t + nx * off, ay + (by - ay) * t + ny * off])


def wobbly_path(points: tuple[Point, ...], closed: bool, wobble: float, seed: int) -> np.ndarray:
    """One continuous wobbly path through the points (a new array; the path is remembered per process)."""
    return _wobbly_path(tuple(map(tuple, points)), closed, wobble, seed).copy()


@lru_cache(maxsize=WOBBLE_CACHE)
def _wobbly_path(points: tuple[Point, ...], closed: bool, wobble: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    pts = list(points) + ([points[0]] if closed else [])
    amp = theme.WOBBLE_AMP * wobble
    parts = []
    for a, b in zip(pts, pts[1:]):
        seg = wobbly_segment(a, b, rng, amp)
        parts.append(seg if not parts else seg[1:])
    if not parts:
        return np.array(pts, dtype=float)
    return np.vstack(parts)


def sketchy_sides(points: tuple[Point, ...], wobble: float, seed: int) -> list[np.ndarray]:
    """The sides of a closed shape drawn as separate strokes that overshoot their corners (new
    arrays; the sides are remembered per process)."""
    return [side.copy() for side in _sketchy_sides(tuple(map(tuple, points)), wobble, seed)]


@lru_cache(maxsize=WOBBLE_CACHE)
def _sketchy_sides(points: tuple[Point, ...], wobble: float, seed: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    amp = theme.WOBBLE_AMP * wobble
    out = []
    n = len(points)
    for k in range(n):
        a, b = points[k], points[(k + 1) % n]
        length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        o1 = theme.CORNER_OVERSHOOT * rng.uniform(*theme.CORNER_OVERSHOOT_SPREAD) * wobble
        o2 = theme.CORNER_OVERSHOOT * rng.uniform(*theme.CORNER_OVERSHOOT_SPREAD) * wobble
        a2 = (a[0] - ux * o1, a[1] - uy * o1)
        b2 = (b[0] + ux * o2, b[1] + uy * o2)
        out.append(wobbly_segment(a2, b2, rng, amp))
    return tuple(out)
