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
DEFAULT_DPI = 200
PNG_ZLIB_LEVEL = 1  # fast to write; the grid paper compresses well anyway

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
WOBBLE_MIN_LENGTH = 0.5  # mm: a shorter stroke is drawn straight
WOBBLE_WAVES = 2  # the wobble is this many slow waves summed...
WOBBLE_WAVE_SPREAD = (0.5, 1.5)  # ...each of WOBBLE_WAVE times a share drawn from this range...
WOBBLE_WAVE_WEIGHTS = (0.4, 1.0)  # ...and of a weight drawn from this one
WOBBLE_NORM = 1.4  # the sum is divided by this, to stay near WOBBLE_AMP
WOBBLE_FULL_LENGTH = 12.0  # mm: a shorter stroke wobbles less, in proportion
CORNER_OVERSHOOT_SPREAD = (0.1, 1.0)  # each end overshoots CORNER_OVERSHOOT times a share drawn from this range
SKETCHY_MIN_WOBBLE = 0.6  # a four-cornered outline with more hand than this is drawn as four overshooting sides
FILL_WOBBLE = 0.6  # a fill's edge has this share of its outline's hand
ARROW_WOBBLE = 0.5  # a straight arrow's shaft wobbles this share of WOBBLE_AMP...
ARROW_BENT_WOBBLE = 0.3  # ...a curved one has this hand (1 = a box's)
ARROW_HEAD_DEG = 28  # each barb of an arrowhead leaves the shaft at this angle...
ARROW_HEAD_JITTER_DEG = 4  # ...give or take up to this much
DASH_PATTERN = (3.0, 2.5)  # a dashed line: dash and gap, in line widths
MARKER_SKEW = 0.08  # a highlighter stroke's ends slant by up to this share of its height...
MARKER_JITTER = 0.3  # ...its ends move by up to this many mm...
MARKER_WOBBLE = 0.3  # ...and its edge has this hand (1 = a box's)

# --- writing --------------------------------------------------------------
# Installed, the fonts are the package cheatsheet/fonts/; in a checkout they are the top-level fonts/.
_HERE = Path(__file__).resolve().parent
FONT_DIR = _HERE / "fonts" if (_HERE / "fonts").is_dir() else _HERE.parent / "fonts"
HAND_FONT_FILE = "NanumPenScript_400Regular.ttf"
EMOJI_FONT_FILE = "NotoEmoji_400Regular.ttf"
CJK_FONT_FILE = "NotoSansKR_400Regular.ttf"
HAND = "Nanum Pen"  # the family name matplotlib registers Nanum Pen Script under
EMOJI = "Noto Emoji"
CJK = "Noto Sans KR"  # CJK punctuation, Hanja, full-width forms, maths the pen lacks
SYMBOL = "DejaVu Sans"  # bundled with matplotlib: → ↓ ✓ □ •
MATH = "STIXGeneral"  # bundled with matplotlib: what DejaVu lacks of maths and arrows
MONO = "DejaVu Sans Mono"
PLACEHOLDER = "placeholder"  # no face: a character drawn as a red box with a diagonal
# Every character is written in the first face of the chain that has it.
TEXT_CHAIN = (HAND, EMOJI, SYMBOL, CJK, MATH)
MONO_CHAIN = (MONO, HAND, EMOJI, SYMBOL, CJK, MATH)
# Relative size of each face next to the handwriting, so that glyphs look alike:
# Nanum's capitals are 0.41-0.56 em and its Hangul 0.52-0.71 em tall, DejaVu's and
# Noto Sans KR's capitals 0.73 em and Noto Sans KR's Hangul and Hanja 0.90 em,
# STIX's capitals 0.67 em, an emoji about 1 em.
# The monospace face is sized by the handwriting's x-height (an "x" of Nanum is 0.331 em tall, one of
# DejaVu Sans Mono 0.547 em: tests/compose/text/test_fonts.py measures them), so that a line of code and a
# line of notes look the same size; like the handwriting it has no floor of its own (VISUAL_FLOOR).
FACE_SCALE = {HAND: 1.0, EMOJI: 0.62, CJK: 0.66, SYMBOL: 0.66, MATH: 0.72, MONO: 0.605, PLACEHOLDER: 1.0}
# Faces whose smallest size is the handwriting's smallest seen through their scale (TEXT_PT_MIN x scale
# looks as large as TEXT_PT_MIN of the handwriting); the others are never drawn below TEXT_PT_MIN.
VISUAL_FLOOR = frozenset({MONO})
# Nanum's letters stand about 0.13 em above their baseline; the printed faces' letters stand on
# it: they are raised this much (ems of the nominal size) to sit on the same line.
FACE_RAISE = {CJK: 0.12, SYMBOL: 0.1, MATH: 0.1, MONO: 0.1, PLACEHOLDER: 0.1}
PLACEHOLDER_INK = CROSS_RED  # what could not be written stands out
PLACEHOLDER_BOX_EM = 0.62  # side of the placeholder's box; it takes one em of the line
PLACEHOLDER_WIDTH_PT = 0.8

TITLE_PT = 30.0
SUBTITLE_OVER_TITLE = 0.55  # the banner's subtitle, relative to its title (16.5 pt at 30 pt)
BANNER_TITLE_EM = 1.05  # height the banner's title line takes, in ems of the title
BANNER_SUB_EM = 0.62 * 1.1  # ... and its subtitle line, in ems of the title
BANNER_PAD = 1.5  # room kept free above and below the banner's writing
BANNER_LINE_OVER_BOX = 1.3  # the banner's outline, relative to a box's
BANNER_FILL_ALPHA = 0.22  # the banner's paper: the first highlighter ink, this strong
BANNER_SHADOW = 0.8  # mm: the offset outline under the banner
BANNER_SIDE_ROOM = 8.0  # mm the banner's title leaves free beside it
BANNER_TITLE_INK_EM = 0.9  # height of the title's writing, in ems (it is centred by it)...
BANNER_SUB_INK_EM = 1.25  # ...and of the subtitle's line, in ems of the subtitle
BANNER_TITLE_BASE_EM = 0.72  # the title's baseline below the top of its writing
BANNER_SUB_BASE_EM = 1.35  # the subtitle's baseline below the title's, in ems of the subtitle
TITLE_PT_STEP = 0.5  # a title or band heading too wide for its room shrinks by this much at a time
HEADER_PT_MAX = 17.0
HEADER_PT_MIN = 11.0
HEADER_OVER_BODY = 1.3  # header size relative to the fitted body size
HEADER_OVER_BODY_MIN = 1.12  # ...and at least this, above HEADER_PT_MAX
BODY_PT_MAX = 14.0  # the largest body a region's own fit (layout previews, check) tries
BODY_PT_SPARSE_MAX = 20.0  # the largest page body: a sparse sheet writes larger, not small in empty boxes
BODY_PT_MIN = 7.0  # no body below this, unless a warning names the region
TEXT_PT_MIN = 7.0  # no text drawn below this, whatever its face's scale (chips, labels, icons)
BODY_PT_FLOOR = 6.0  # the hard floor of a region shrunk to fit (with a warning)
BODY_PT_STEP = 0.25
BODY_SPREAD_PT = 1.0  # regions of one sheet write within this of each other: a roomy one larger, a tight one smaller
FILL_MIN = 0.6  # ...when its content covers less than this share of its box height
# Content whose writing at the hard floor covers more than this many times the page's body can never be
# fitted, whatever the search moves (pictures shrink to 70 %, area ~0.5): the verdict comes at once.
HOPELESS_AREA = 2.5
FIT_TOLERANCE = 0.25  # bands and columns may give or take this share of their own size
# A move beyond the tolerance is warned about only when it is also more than this share of the page (a band) or of
# its band's width (a column): authors write ratios in steps of 5 % (10, 15, 20 ...), so a move of at most one step
# stays within what the number they wrote says.  Not with --exact, which warns about every move.
RATIO_STEP = 0.05
MIN_COLUMN_SHARE = 0.15  # a column never gives away more than leaves it this share of its band
FOOTER_PT = 9.0
FOOTER_INDENT = 1.0  # mm in from the left margin
FOOTER_DESCENT = 0.3  # of the footer's size, below its baseline (kept inside the safe margin)
QR_PAD = 5.0  # room the code's white border and margin take inside the banner (for the band's height)
QR_SIZE = 15.0  # width of the QR code's modules (never less: phones read it from a printed page)
QR_QUIET_MODULES = 2  # white border around the code, in modules; with QR_MARGIN of pale banner beyond it the
# light zone before the banner's frame is over the standard 4 modules
QR_MARGIN = 1.2  # between the code's white border and the banner's frame
TITLE_PT_MIN = 12.0  # the banner's title shrinks to fit down to this
TEXT_ASCENT_EM = 0.78  # baseline below the top of a line, in ems
LINE_GAP = 1.12  # line pitch in ems
BLOCK_GAP = 0.45  # space between blocks, in ems of the body size
FLOW_WORD_MAX = 25.0  # mm: a flow node's word wider than this may wrap inside it
TABLE_PAD_EM = 0.6  # a table cell's padding left and right, in ems (a hand-drawn rule wobbles by ~0.5 mm)
TABLE_VPAD_EM = 0.3  # ...and above and below
REPEAT_MIN_WORDS = 4  # a block of at least this many words that one region writes twice is drawn once
SPREAD_TO = 0.75  # a column that fills less of its box's body is spaced out towards this share...
SPREAD_GAP_MAX_LINES = 1.0  # ...each gap between whole groups growing by at most this many lines
BOLD_OFFSET = 0.09  # mm between the two passes of simulated bold (PNG, SVG)
BOLD_STROKE_PT = 0.28  # in a PDF, the outline stroke that thickens the one pass of simulated bold
EM_RULE_BELOW_EM = 0.06  # *italic* is underlined: the rule this far below the baseline, in ems
EM_RULE_WIDTH = 0.9  # its width, times THIN_WIDTH_PT
EM_RULE_WOBBLE = 0.3  # the hand in it and in a strike-through (1 = a box's)
STRIKE_ABOVE_EM = 0.36  # ~~strike~~: the line through the letters' middle, this far above the baseline
STRIKE_WIDTH = 1.0  # its width, times THIN_WIDTH_PT
STRIKE_PAST = 0.3  # mm it runs past the words each side
BOX_PAD = 1.8  # inner padding of a region box
HEADER_GAP = 1.0  # space below a header line
COLUMN_GAP = 4.0  # between newspaper columns inside a region
MIN_COLUMN_W = 45.0  # a region splits into newspaper columns no narrower than this
PICTURE_MIN_SHARE = 0.7  # a picture too wide for its column at the body size is drawn this much smaller at most
SHORT_LIST_ITEMS = 3  # a list of at most this many items never splits across newspaper columns...
LIST_SPLIT_MIN_ITEMS = 2  # ...a longer one leaves at least this many items on each side of a split
INDENT_EM = 1.2  # list indent
BAND_HEADING_ROOM_EM = 1.35  # the room above a band's boxes, in ems of its heading...
BAND_HEADING_CLEAR_EM = 0.12  # ...with the heading's underline this far above the box below it
BAND_HEADING_INDENT = 1.0  # mm: a band heading starts this far in from its band's boxes
BAND_HEADING_SIDE_ROOM = 10.0  # mm it leaves free beside it
BAND_HEADING_PT = 14.0  # a band heading written on the paper above its boxes; more on a sheet whose headers are larger
# Highlighter under bold words.
MARKER_PAD_EM = 0.12  # overhang each side
MARKER_TOP_EM = 0.18  # its top below the line's top...
MARKER_H_EM = 0.78  # ...and its height
# Chips (`code` and special tokens written on a tinted rounded box).
CHIP_SCALE = 1.0  # chip text size relative to the body (the mono face has its own scale)
CHIP_PAD_EM = 0.3  # chip padding each side, in ems of the body size
CHIP_GAP_EM = 0.12  # room between two chips side by side
CHIP_H_EM = 0.95  # the box's height...
CHIP_TOP_EM = 0.08  # ...its top below the line's top
CHIP_INSET = 0.15  # mm the box stops short of the chip's room each side
CHIP_ROUND = 2.2  # the corners' radius is the box's height over this...
CHIP_RADIUS_MAX = 1.0  # ...up to this many mm
CHIP_EDGE_WIDTH = 0.8  # the box's outline, times THIN_WIDTH_PT
CHIP_WOBBLE = 0.4  # the hand in the box (1 = a box's)
CHIP_TEXT_RAISE_EM = 0.03  # the chip's words sit this much above the line's baseline
PLACEHOLDER_WOBBLE = 0.3  # the hand in a placeholder's box and diagonal
# Lines of a region: list markers, tree strokes, check boxes, section headings.
SUBHEADING_OVER_BODY = 1.12  # a heading line inside a region, relative to the body
TEXT_WORD_MAX = 30.0  # mm of a line's widest word that the region's narrowest column keeps
ATTRIBUTION_MAX_CHARS = 40  # "- Zack" under a quote signs it when this short...
ATTRIBUTION_MAX_WORDS = 5  # ...in at most this many words
HYPHEN_BREAK_FILL = 0.6  # a line breaks after a compound's hyphen only when the space before fills less of it
FORMULA_KEEP_CHARS = 16  # a bracketed group without Hangul up to this many characters (a formula) stays on one line
GLYPH_MIN_EM = 0.6  # a list marker (•, 1., ✅) takes at least this room...
GLYPH_GAP_EM = 0.35  # ...and this gap before the words
TREE_INDENT_EM = 1.1  # the words of a tree sub-item (└─) or a check box line start this far in
TREE_X_EM = 0.35  # the tree stroke: its stem this far in...
TREE_TOP_EM = 0.05  # ...from this far below the line's top...
TREE_FOOT_EM = 0.62  # ...down to its foot...
TREE_FOOT_W_EM = 0.5  # ...which runs this far right
CHECKBOX_EM = 0.55  # a check box's side...
CHECKBOX_X_EM = 0.15  # ...this far in...
CHECKBOX_TOP_EM = 0.3  # ...and this far below the line's top
CHECK_TICK = ((0.15, 0.5), (0.42, 0.82), (1.05, -0.2))  # the tick of a done task (- [x]), in box sides
ITEM_MARK_WOBBLE = 0.5  # the hand in tree strokes and check boxes (1 = a box's)
HEADING_ASCENT_EM = 0.8  # a section heading's baseline below its top
HEADING_ICON_GAP_EM = 0.3  # between the heading's icon and its title
HEADING_RULE_BELOW_EM = 0.1  # its underline below its last line...
HEADING_RULE_PAST_EM = 0.3  # ...running this far past the title...
HEADING_RULE_WIDTH = 1.3  # ...this thick, times PEN_WIDTH_PT
HEADING_BELOW_EM = 0.3  # the heading takes this much room below its lines
CODE_PAD_EM = 0.4  # code panel padding, in ems of the body size
CODE_BASELINE_EM = 0.78  # baseline of a code row below its top
CODE_HANG_EM = 1.2  # hanging indent of a wrapped code line's continuation rows (the hook sits in it)
CODE_PANEL_WOBBLE = 0.3  # the hand in the panel's paper (1 = a box's)
# The hook (↪) drawn in a wrapped code row's hanging indent.
HOOK_W = 0.62  # its width, a share of CODE_HANG_EM
HOOK_X_EM = 0.15  # its stem this far in...
HOOK_TOP_EM = 0.2  # ...from this far below the row's top...
HOOK_FOOT_EM = 0.62  # ...down to its foot
HOOK_BEND = 0.3  # the bend's middle point, a share of its radius in from the corner
HOOK_BARB_EM = 0.22  # the head's barbs: this long...
HOOK_BARB_SPREAD = 0.8  # ...and this share of it apart from the shaft
HOOK_WIDTH = 0.9  # times THIN_WIDTH_PT
HOOK_WOBBLE = 0.2  # the hand in the hook (1 = a box's)
CODE_FORCE_READ = 64  # characters of a too-long code token read at first to find where its row ends
CODE_MIN_CONT_SHARE = 0.5  # continuation rows keep at least this share of the panel's width
CODE_MIN_W_MAX = 40.0  # mm: a code block never asks for a wider column than this

# --- blocks of a region's column ----------------------------------------------
# Boxed blocks (frames, chains, tables, drawings, cost bars) keep room for their lines' wobble.
BLOCK_INK_TOP = 0.3  # mm above the block's top line
BLOCK_INK_ROOM = 0.6  # mm the block measures beyond its lines: BLOCK_INK_TOP above, the rest below
# Tables (TABLE_PAD_EM and TABLE_VPAD_EM above).
TABLE_HEADER_WOBBLE = 0.3  # the hand in the header row's tint (1 = a box's)
TABLE_HEAD_RULE = 1.4  # the rule under the header row, times THIN_WIDTH_PT
# Chains and flows of boxes (A → B → C, ↓ between stages).
FLOW_GAP_EM = 2.4  # room for an arrow between nodes of a chain
FLOW_DOWN_EM = 1.5  # room for an arrow between stages
FLOW_PAD_EM = 0.4  # inside a node, round its words
FLOW_ACROSS_EM = 18  # a ↓ flow turns across when each box gets its words or half this many ems
FLOW_FILL_ALPHA = 0.18
FLOW_ARROW_CLEAR_EM = 0.3  # between an arrow across and the boxes it joins...
FLOW_DOWN_CLEAR_EM = 0.25  # ...and an arrow downwards
FLOW_ARROW_HEAD_EM = 0.5
# Box drawings (a diagram typed in box-drawing characters, redrawn by hand).
DRAWING_COL_EM = 0.5  # one terminal column, in ems of the drawing's text (more where a label needs it)
DRAWING_TEXT_ROW_EM = 1.3  # a row of words...
DRAWING_RULE_ROW_EM = 0.62  # ...a row of lines only...
DRAWING_BLANK_ROW_EM = 0.4  # ...an empty row
DRAWING_LABEL_SLACK = 0.3  # columns of a label's room it may write past
DRAWING_BOX_WIDTH = 0.9  # a box's line, times BOX_WIDTH_PT
DRAWING_BOX_FILL_ALPHA = 0.16  # the tint of an innermost box
DRAWING_ARROW_MIN_COLS = 3  # an arrow across is at least this many columns long
DRAWING_ARROW_WIDTH = 1.5  # an arrow across, times PEN_WIDTH_PT...
DRAWING_ARROW_HEAD_EM = 0.6  # ...and its head
DRAWING_ARROW_CLEAR_EM = 0.25  # an arrow across keeps this far from the words and borders beside it...
DRAWING_ARROW_LEAST_EM = 1.4  # ...and is at least this long (the words after it move right to make room)
DRAWING_DOWN_INSET_EM = 0.1  # an arrow down its row stops this far from the row's edges...
DRAWING_DOWN_HEAD_EM = 0.45  # ...and has this head
DRAWING_LABEL_RAISE_EM = 0.05  # a label sits this much above its row's middle
DRAWING_TAG_PAD_EM = 0.25  # a [boxed] label's tag: room beside its words...
DRAWING_TAG_ABOVE_EM = 0.1  # ...above them...
DRAWING_TAG_BELOW_EM = 1.05  # ...and its bottom this far below their top, in ems of the label
DRAWING_TAG_FILL_ALPHA = 0.25
# Cost bars ("name: $$ note" rows).
COST_LABEL_GAP_EM = 0.6  # after the widest name
COST_UNIT_EM = 1.6  # one $ of bar at most...
COST_UNIT_MIN = 0.5  # ...and at least (mm)
COST_SPARE_EM = 4.5  # beside the bar: room for its $ tag and gaps
COST_NOTE_MIN_W = 10.0  # mm a note wraps to at the least
COST_NOTE_WORD_MAX = 20.0  # mm of a note's widest word that the block's narrowest width keeps
COST_ROW_LINES = 1.25  # a row's height, in lines of its note
COST_ROW_TOP_EM = 0.2  # a row's words below its top
COST_BAR_TOP_EM = 0.18  # the bar below the row's top...
COST_BAR_EM = 0.9  # ...and its height
COST_MOST_INK = ACCENTS[3]  # the dearest row's bar...
COST_INK = ACCENTS[1]  # ...and the others
COST_FILL_ALPHA = 0.35
COST_NOTCH = 0.25  # the slanted notch between two $ of a bar reaches this share of a $ each side
COST_NOTCH_WOBBLE = 0.2  # the hand in the notches (1 = a box's)
COST_TAG_GAP_EM = 0.4  # between the bar and its $ tag...
COST_NOTE_GAP_EM = 0.6  # ...and between the tag and the note
# A titled frame round blocks.
FRAME_PAD_EM = 0.5  # inside the frame, round its blocks
FRAME_TITLE_GAP = 0.5  # mm below the frame's title
FRAME_WIDTH = 0.9  # the frame's line, a share of BOX_WIDTH_PT
# Before / after: two tinted panels with a big arrow between.
BEFORE_FILL = MARKERS[4]
AFTER_FILL = MARKERS[1]
BEFORE_AFTER_FILL_ALPHA = 0.18
BEFORE_AFTER_PAD_EM = 0.5  # inside a panel
BEFORE_AFTER_ARROW_EM = 3.0  # between panels side by side, room for the arrow...
BEFORE_AFTER_DOWN = 0.8  # ...and this share of it between panels one above the other
BEFORE_AFTER_ARROW_INSET_EM = 0.5  # side by side: the arrow's ends this far from the panels...
BEFORE_AFTER_ARROW_CLEAR_EM = 0.3  # ...one above the other: this far
BEFORE_AFTER_ARROW_WIDTH = 2.2  # the arrow's line, times PEN_WIDTH_PT
BEFORE_AFTER_ARROW_HEAD_EM = 0.9
BEFORE_AFTER_TOP = 0.4  # mm above the panels
BEFORE_AFTER_ROOM = 0.8  # mm the block measures beyond its panels and arrow
# A quote as a sticky note.
QUOTE_PAD_EM = 0.6  # inside the note
QUOTE_TILT_DEG = -1.0  # the note is turned this much (negative: anticlockwise)
QUOTE_SIDE_INSET = 1.0  # mm beside the turned note (its corners swing out by h/2 * sin(tilt))
QUOTE_SHADOW_DX = 0.8  # mm the note's shadow lies to the right...
QUOTE_SHADOW_DY = 0.9  # ...and below
QUOTE_SHADOW_ROOM = 1.2  # mm the block keeps for the shadow, in width and in height
QUOTE_TOP = 0.3  # mm above the note, beyond what its turn swings up
QUOTE_MIN_SPARE = 2  # mm a note's narrowest width keeps beyond its widest word and padding
QUOTE_WOBBLE = 0.3  # the hand in the note's outline (1 = a box's)

# --- diagrams -------------------------------------------------------------
# Flow charts (mermaid flowchart/graph and A → B chains); lengths in ems of the body size.
GRAPH_GAP_EM = 2.6  # between ranks of a chart drawn across, room for the arrows
GRAPH_ROW_GAP = 0.7  # a chart drawn downwards keeps this share of GRAPH_GAP_EM between ranks
GRAPH_SEP_EM = 0.9  # between nodes of one rank
GRAPH_PAD_EM = 0.45  # inside a node, round its words
GRAPH_NODE_MAX_EM = 12.0  # a node's words wrap past this width
# A decision diamond holds its words' box (with GRAPH_PAD_EM round it) inside its four sides: the
# box's corner lies on a side when the diamond is W times as wide and W / (W - 1) times as tall.
GRAPH_DIAMOND_WIDEN = 1.8
GRAPH_DIAMOND_CLEAR_EM = 0.15  # between a diamond's words' box and its sides (at the box's corners)
GRAPH_DIAMOND_WRAP_EM = 7.0  # a diamond's words wrap past this width (a squarer box needs a smaller diamond)
GRAPH_HEX_POINT = 0.45  # a hexagon's pointed ends reach this share of its height out past its words' box
GRAPH_ARROW_HEAD_EM = 0.5
GRAPH_ARROW_GAP = 0.6  # mm between an arrow's ends and the boxes it joins
GRAPH_SLANT_DEG = 75.0  # an arrow leaves (enters) a side of a box at most this far from square to it
GRAPH_BEND_EM = 1.6  # a curved arrow (a way back round a row of nodes) bulges this far out...
GRAPH_BEND_STEPS = (1.0, 2.0, 3.5)  # ...or this many times as far, to clear the nodes in its way
GRAPH_SPREAD = 0.6  # arrows sharing a side of a box spread over this share of it...
GRAPH_SPREAD_EM = 0.8  # ...at most this far apart
GRAPH_TOP = 0.5  # mm above a chart's first row (the box lines' wobble)
GRAPH_BOTTOM = 0.5  # mm below its last row
GRAPH_LOOP_RX_EM = 1.2  # a node's arrow to itself: half-width of the arc over its top (at least)...
GRAPH_LOOP_RY_EM = 1.3  # ...and its height
GRAPH_LOOP_RX_PART = 5  # the arc's half-width is also at least the node's width over this
GRAPH_LOOP_FLAT = 0.9  # the arc's height, a share of GRAPH_LOOP_RY_EM; it is...
GRAPH_LOOP_FROM_DEG = 200  # ...drawn from this angle...
GRAPH_LOOP_TO_DEG = -20  # ...to this one (0 = the right, 90 = up)...
GRAPH_LOOP_STEP_DEG = 20  # ...a point every this many degrees
GRAPH_LOOP_WOBBLE = 0.2  # the hand in the arc (1 = a box's)
# Nodes (flow charts, mind maps, sequence participants).
NODE_ROUND_MAX = 2.5  # mm: a round node's corners' radius, at most (else half its height)
NODE_FILL_ALPHA = 0.2  # a node's tint
DIAGRAM_WOBBLE = 0.3  # the hand in frames, tags, notes, lifelines and loops (1 = a box's)
DIAGRAM_FINE_WOBBLE = 0.2  # ...in small strokes: leader lines, stick figures, slices' paint
# Edge labels sit beside their line on a patch of paper, never on a node or another label.
EDGE_LABEL_SCALE = 1.0  # size relative to the body: diagram labels are written at the body size
EDGE_LABEL_MAX_EM = 9.0  # a label wraps past this width
EDGE_LABEL_CLEAR_EM = 0.25  # between a label and its line
BACKING_PAD_EM = 0.12  # paper round a label's words
# Subgraphs: a labelled frame round their nodes.
GROUP_PAD_EM = 0.6  # inside a frame, round its nodes
GROUP_TITLE_GAP_EM = 0.25  # between the frame's title and its nodes
GROUP_FILL = "#efece0"  # a frame's paper, a shade darker than the page; nested frames darker still
GROUP_FILL_ALPHA = 0.55
# Mind maps.
MIND_GAP_EM = 2.2  # the curve between the root and a branch
MIND_LEAF_GAP_EM = 1.4  # the stroke between a branch and its leaves
MIND_CURVE_POINTS = 14  # points along each curve (a cubic Bézier, ends included)
MIND_BRANCH_SEP_EM = 0.5
MIND_PAD_EM = 0.4
MIND_ROOT_SHARE = 0.22  # the root's words wrap no narrower than this share of the width (or its widest word)
MIND_LEAF_MIN_EM = 6  # the narrowest width counts leaves at least this wide
MIND_TOP = 0.5  # mm above the map...
MIND_ROOM = 1.0  # ...and the room it measures beyond its nodes
MIND_ROOT_FILL = MARKERS[0]
MIND_ROOT_FILL_ALPHA = 0.5
MIND_BRANCH_WIDTH = 1.4  # the curve to a branch, times PEN_WIDTH_PT
MIND_BRANCH_WOBBLE = 0.3  # ...and the hand in it (1 = a box's)
MIND_BRANCH_FILL_ALPHA = 0.35
MIND_LEAF_MID = 0.45  # the stroke to a leaf meets it this share of a line below its top...
MIND_LEAF_CLEAR_EM = 0.3  # ...this far before its words
MIND_LEAF_WOBBLE = 0.2  # the hand in the stroke (1 = a box's)
# Sequence diagrams.
SEQ_PAD_EM = 0.4  # inside a participant's box and a note
SEQ_SEP_EM = 1.0  # between two participants' boxes
SEQ_GAP_MAX_EM = 16.0  # lifelines spread over a wide column up to this far apart
SEQ_ACTOR_MAX_EM = 9.0  # a participant's name wraps past this width
SEQ_LABEL_MAX_EM = 14.0  # a message's words wrap past this width
SEQ_NOTE_MAX_EM = 12.0  # a note's words wrap past this width
SEQ_CLEAR_EM = 0.15  # between a message's words and its arrow, and round them
SEQ_ROW_GAP_EM = 0.35  # between one message (note, frame line) and the next
SEQ_SELF_W_EM = 1.4  # a message to oneself: the loop's width...
SEQ_SELF_H_EM = 0.8  # ...and height
SEQ_FRAME_PAD_EM = 0.45  # a loop/alt/opt frame reaches this far past what it holds
SEQ_TAG_PAD_EM = 0.15  # inside the tag ("loop", "alt") at a frame's corner
SEQ_FIGURE_EM = 1.9  # an actor's stick figure, head to feet; the rest in shares of that height:
SEQ_FIGURE_WIDTH = 0.5  # arm span
SEQ_FIGURE_HEAD = 0.16  # radius of the head
SEQ_FIGURE_ARMS = 0.42  # arms this far down
SEQ_FIGURE_HIP = 0.62  # legs part here
SEQ_FIGURE_STRIDE = 0.42  # feet apart, as a share of the arm span, each side
SEQ_MESSAGE_WOBBLE = 0.5  # a message's line without a head
SEQ_CROSS_EM = 0.35  # half the size of the cross at the end of a lost message
SEQ_LIFELINE_WIDTH_PT = 0.6
SEQ_NOTE_FILL = STICKY
SEQ_NOTE_EDGE = STICKY_EDGE
SEQ_NOTE_INSET = 0.35  # mm: a note's paper stops short of its outline, which stays in sight
# Pie charts.
PIE_MAX_R_EM = 6.0  # the pie's radius: at most...
PIE_MIN_R_EM = 2.2  # ...and at least (else its labels go below it, as a key)
PIE_LEADER_EM = 1.2  # from the rim to the labels' column
PIE_ELBOW_EM = 0.45  # a leader line leaves the slice straight out for this long
PIE_LABEL_CAPS_EM = (12.0, 8.0, 5.0)  # a label wraps past the first of these widths that leaves room
PIE_TURN_STEP = 15  # degrees: the pie turns in these steps to where its labels sit best
PIE_TURN_MOST = 16  # a pie of more slices is not turned: each turn weighs every pair of its leaders
PIE_LABEL_SEP_EM = 0.15  # between two labels of a column
PIE_SWATCH_EM = 0.8  # the colour square before a label of the key
PIE_ARC_STEP = 6.0  # degrees between the points of an arc
PIE_FILL_ALPHA = 0.85  # slices in the highlighter inks...
PIE_ACCENT_ALPHA = 0.45  # ...then in the accent inks, lighter
PIE_WOBBLE = 0.5
PIE_SIZE_WEIGHT = 2.0  # turning the pie: an em more radius is worth this many ems less label travel

# --- the author's overlay (cheatsheet layout --overlay) ----------------------
OVERLAY_INK = "#d1127a"  # magenta: no ink of the sheet is near it
OVERLAY_WIDTH_PT = 1.3  # a leaf region's outline
OVERLAY_PARENT_WIDTH_PT = 0.9  # a band or column holding regions: dashed, thinner
OVERLAY_LABEL_PT = 7.5
OVERLAY_LABEL_PAD = 0.8  # mm of paper around a label's lines
OVERLAY_INSET = 1.0  # mm between a region's outline and its label
OVERLAY_ASCENT_EM = 0.8  # a label's baseline below its line's top
OVERLAY_LEGEND_BOTTOM = 1.0  # mm between the legend's last line and the page's bottom edge
OVERLAY_TITLE_CHARS = 48  # a region's title is cut to this many characters in its label
OVERLAY_BACKING = "#ffffff"
OVERLAY_Z = 3  # above the page's own lines, backings and labels

# --- the layout preview (cheatsheet layout --preview) ------------------------
PREVIEW_PARENT_INK = ACCENTS[0]  # a band or column holding regions (a leaf region is in PEN)
PREVIEW_LABEL_PT = 12.0
PREVIEW_LABEL_X = 1.5  # mm: a region's label starts this far in...
PREVIEW_LABEL_BASE = 5.0  # ...with its baseline this far down


def header_pt(body_pt: float) -> float:
    """A region header's size for a body size: HEADER_OVER_BODY of it within the header range, and
    never less than HEADER_OVER_BODY_MIN of the body it heads (a sparse sheet writes above the range)."""
    within = min(HEADER_PT_MAX, max(HEADER_PT_MIN, body_pt * HEADER_OVER_BODY))
    return max(within, body_pt * HEADER_OVER_BODY_MIN)


def band_heading_pt(body_pt: float) -> float:
    """A band heading's size: BAND_HEADING_PT, or a region header's size when that is larger, so
    that a heading above boxes is never written smaller than the headers inside them."""
    return max(BAND_HEADING_PT, header_pt(body_pt))
