"""Every number of the look, in one place (STYLE.md made concrete).

Lengths are millimetres unless the name ends in ``_PT`` (points).
"""

from __future__ import annotations

from pathlib import Path

# --- page -----------------------------------------------------------------
PAGE_W = 297.0
PAGE_H = 210.0
MARGIN = 9.0  # safe margin on every side (>= 8 mm: school printers clip ~5 mm)
FOOTER_H = 4.0  # strip at the bottom of the usable area that holds the footer
GUTTER = 3.0  # space between boxes side by side and between bands
PT_MM = 25.4 / 72.0  # one typographic point in millimetres
PDF_W_PT = PAGE_W / PT_MM  # 841.89
PDF_H_PT = PAGE_H / PT_MM  # 595.28
DEFAULT_DPI = 200

# --- paper ----------------------------------------------------------------
PAPER = "#fdfcf7"
GRID = "#d6e4f0"
GRID_PITCH = 5.0
GRID_WIDTH_PT = 0.25

# --- ink ------------------------------------------------------------------
PEN = "#2b2b2b"
PEN_SOFT = "#5a5a5a"  # footer and sub-labels
PEN_WIDTH_PT = 1.0
BOX_WIDTH_PT = 1.1
THIN_WIDTH_PT = 0.7
# STYLE.md's orange (#e07b24) is darkened to #b35c10: it writes headers and lead-ins, and text
# must keep 4.5:1 against the paper when printed in grey.
ACCENTS = ("#2f6fb3", "#2e8b57", "#b35c10", "#c8453b", "#7a4fb5")
MARKERS = ("#ffe066", "#b5e8a3", "#ffb3c7", "#a8d8ff", "#ffd19a")
MARKER_ALPHA = 0.45
TICK_GREEN = "#2e8b57"
CROSS_RED = "#c8453b"
CHIP_SPECIAL = "#f6d9c7"  # special tokens (<|im_start|>) on chips
CHIP_PLAIN = "#dcebf7"  # ordinary code / text tokens on chips
CHIP_EDGE = "#8a8a8a"
PANEL = "#f1f0ea"  # code panel
STICKY = "#fff3a8"
STICKY_CLASH = MARKERS[0]  # the highlighter that would not show on the note...
STICKY_MARKER = MARKERS[2]  # ...and the one used on it instead
STICKY_EDGE = "#9c8838"  # 3.6:1 on the paper in grey: the note's outline still prints
STICKY_SHADOW = "#000000"
STICKY_SHADOW_ALPHA = 0.10
HEADER_FILL_ALPHA = 0.18  # pale accent fill of table header rows

# --- hand-drawn lines -----------------------------------------------------
WOBBLE_AMP = 0.35  # mm, amplitude of the slow wobble
WOBBLE_WAVE = 40.0  # mm, typical wavelength
WOBBLE_STEP = 1.5  # mm between points of a resampled stroke
CORNER_OVERSHOOT = 0.8  # mm a box side runs past its corner
BOX_RADIUS = 1.2  # mm
ARROW_HEAD = 1.8  # mm

# --- writing --------------------------------------------------------------
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
HAND_FONT_FILE = "NanumPenScript_400Regular.ttf"
EMOJI_FONT_FILE = "NotoEmoji_400Regular.ttf"
HAND = "Nanum Pen"  # the family name matplotlib registers Nanum Pen Script under
EMOJI = "Noto Emoji"
SYMBOL = "DejaVu Sans"  # bundled with matplotlib: → ↓ ✓ □ •
MONO = "DejaVu Sans Mono"
# Relative size of each face next to the handwriting, so that glyphs look alike
# (Nanum's cap height is 0.41 em, DejaVu's 0.73 em, emoji about 1 em).
FACE_SCALE = {HAND: 1.0, EMOJI: 0.62, SYMBOL: 0.66, MONO: 0.66}

TITLE_PT = 30.0
SUBTITLE_OVER_TITLE = 0.55  # the banner's subtitle, relative to its title (16.5 pt at 30 pt)
BANNER_TITLE_EM = 1.05  # height the banner's title line takes, in ems of the title
BANNER_SUB_EM = 0.62 * 1.1  # ... and its subtitle line, in ems of the title
BANNER_PAD = 1.5  # room kept free above and below the banner's writing
HEADER_PT_MAX = 17.0
HEADER_PT_MIN = 11.0
HEADER_OVER_BODY = 1.3  # header size relative to the fitted body size
BODY_PT_MAX = 14.0
BODY_PT_MIN = 7.0
BODY_PT_STEP = 0.25
FOOTER_PT = 9.0
QR_SIZE = 15.0  # the lecture's QR code at the right end of the title banner
QR_PAD = 2.4  # room kept free around the QR code inside the banner
LINE_GAP = 1.12  # line pitch in ems
BLOCK_GAP = 0.45  # space between blocks, in ems of the body size
BOLD_OFFSET = 0.09  # mm between the two passes of simulated bold
BOX_PAD = 1.8  # inner padding of a region box
HEADER_GAP = 1.0  # space below a header line
COLUMN_GAP = 4.0  # between newspaper columns inside a region
MIN_COLUMN_W = 45.0  # a region splits into newspaper columns no narrower than this
INDENT_EM = 1.2  # list indent
BAND_HEADING_PT_MAX = 14.0
