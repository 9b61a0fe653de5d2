"""Box-drawing diagram + ratios -> region tree -> millimetre rectangles."""
