"""Marks -> matplotlib artists on one Axes spanning the page in millimetres."""
