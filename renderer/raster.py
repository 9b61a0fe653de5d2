"""A page of a finished PDF -> PNG bytes: the picture is the PDF, rasterised by PDFium.

The sheet is drawn once, to PDF; its PNG is that PDF page rasterised (``pypdfium2``) instead of a
second drawing of every artist by matplotlib's Agg.  The fonts are the subsets the PDF embeds, so
the picture shows exactly what prints.  The page is stretched to the whole pixels of
``export.png_size`` (A4 at 200 dpi: 2339 x 1654), rendered as RGB (the page is opaque) straight
into the rows of the PNG's image data, and written unfiltered at a low zlib level: on grid paper
that is both the fastest and about the smallest of the plain PNG filters.  The same PDF gives the
same bytes on every run and in every process."""

from __future__ import annotations

import ctypes
import struct
import threading
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_lock = threading.Lock()  # PDFium is not safe to call from two threads at once


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_file(width: int, height: int, rows: bytes | memoryview, dpi: int, level: int) -> bytes:
    """A PNG of 8-bit RGB ``rows``: each row its filter byte (0, none) and then its pixels."""
    ppm = int(dpi / 0.0254 + 0.5)  # pixels per metre, rounded as Pillow writes them
    return b"".join([
        PNG_SIGNATURE,
        _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
        _chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1)),
        _chunk(b"IDAT", zlib.compress(rows, level)),
        _chunk(b"IEND", b""),
    ])


def pdf_page_png(pdf: bytes, size: tuple[int, int], dpi: int, level: int, page: int = 0) -> bytes:
    """Page ``page`` of ``pdf`` as a PNG of ``size`` pixels (the page stretched to fill them)."""
    import pypdfium2  # noqa: F401 - importing the package starts PDFium
    import pypdfium2.raw as pdfium

    width, height = size
    stride = 3 * width + 1  # a row of the PNG's image data: its filter byte, then RGB
    rows = (ctypes.c_ubyte * (stride * height))()  # zeroed: every row's filter byte is 0 (none)
    with _lock:
        doc = pdfium.FPDF_LoadMemDocument64(pdf, len(pdf), None)  # read in place while the document is open
        if not doc:
            raise ValueError(f"PDFium cannot read the PDF (error {pdfium.FPDF_GetLastError()})")
        try:
            handle = pdfium.FPDF_LoadPage(doc, page)
            if not handle:
                raise ValueError(f"the PDF has no page {page + 1}")
            try:
                # the pixels go in after each row's filter byte: the rows are the PNG's image data as they are
                bitmap = pdfium.FPDFBitmap_CreateEx(width, height, pdfium.FPDFBitmap_BGR,
                                                    ctypes.addressof(rows) + 1, stride)
                try:
                    pdfium.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xFFFFFFFF)
                    pdfium.FPDF_RenderPageBitmap(bitmap, handle, 0, 0, width, height, 0,
                                                 pdfium.FPDF_REVERSE_BYTE_ORDER)  # RGB, not BGR
                finally:
                    pdfium.FPDFBitmap_Destroy(bitmap)
            finally:
                pdfium.FPDF_ClosePage(handle)
        finally:
            pdfium.FPDF_CloseDocument(doc)
    return png_file(width, height, memoryview(rows).cast("B"), dpi, level)
