"""Where the text of a PDF lands: a small interpreter of page content streams.

pypdf extracts text but not the extent of each string, and the margins of a justified
page are where its lines start and end. This follows the text operators reportlab
writes (matrices, fonts, word and character spacing, Tj/TJ) and returns, for every
string shown, its page, font, size, baseline and left and right ends, computed from
the widths in the PDF's own font dictionaries.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]{4,8})>")


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m x n for PDF row-vector matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


@dataclass(frozen=True)
class Run:
    """One string shown on a page."""

    page: int  # 1-based
    text: str
    font: str  # BaseFont, e.g. "AAAAAA+LiberationSerif-Bold"
    size: float
    x0: float
    x1: float
    y: float  # baseline


@dataclass
class _Font:
    base: str
    first: int
    widths: list[float]
    unicode: dict[int, str]

    def width(self, code: int) -> float:
        index = code - self.first
        return self.widths[index] if 0 <= index < len(self.widths) else 0.0


def _font(obj: Any) -> _Font:
    font = obj.get_object()
    unicode: dict[int, str] = {}
    if "/ToUnicode" in font:
        data = font["/ToUnicode"].get_object().get_data()
        for code, value in _BFCHAR.findall(data):
            unicode[int(code, 16)] = bytes.fromhex(value.decode()).decode("utf-16-be")
    return _Font(
        base=str(font["/BaseFont"])[1:],
        first=int(font.get("/FirstChar", 0)),
        widths=[float(w) for w in font.get("/Widths", [])],
        unicode=unicode,
    )


def _bytes(operand: Any) -> bytes:
    if hasattr(operand, "get_original_bytes"):
        return bytes(operand.get_original_bytes())
    if isinstance(operand, bytes):
        return operand
    return str(operand).encode("latin-1")


class _TextState:
    """The graphics and text state the text operators change."""

    def __init__(self, page: int, fonts: dict[str, _Font], out: list[Run]) -> None:
        self.page, self.fonts, self.out = page, fonts, out
        self.ctm, self.stack = IDENTITY, list[Matrix]()
        self.tm = self.tlm = IDENTITY
        self.font: _Font | None = None
        self.size = self.leading = self.word = self.char = 0.0
        self.scale = 1.0

    def move(self, tx: float, ty: float) -> None:
        self.tm = self.tlm = _mul((1, 0, 0, 1, tx, ty), self.tlm)

    def show(self, raw: bytes) -> None:
        font = self.font
        assert font is not None, "text shown before a font was set"
        start = _mul(self.tm, self.ctm)
        advance = 0.0
        for code in raw:
            step = font.width(code) / 1000 * self.size + self.char
            if code == 32:
                step += self.word
            advance += step * self.scale
        self.tm = _mul((1, 0, 0, 1, advance, 0), self.tm)
        end = _mul(self.tm, self.ctm)
        text = "".join(font.unicode.get(code, "\ufffd") for code in raw)
        self.out.append(Run(self.page, text, font.base, self.size, start[4], end[4], start[5]))

    def do(self, op: str, operands: list[Any]) -> None:
        if op == "q":
            self.stack.append(self.ctm)
        elif op == "Q":
            self.ctm = self.stack.pop()
        elif op == "cm":
            self.ctm = _mul(_matrix(operands), self.ctm)
        elif op == "BT":
            self.tm = self.tlm = IDENTITY
        elif op == "Tm":
            self.tm = self.tlm = _matrix(operands)
        elif op in ("Td", "TD"):
            if op == "TD":
                self.leading = -float(operands[1])
            self.move(float(operands[0]), float(operands[1]))
        elif op == "T*":
            self.move(0, -self.leading)
        elif op == "TL":
            self.leading = float(operands[0])
        elif op == "Tf":
            self.font, self.size = self.fonts[operands[0]], float(operands[1])
        elif op == "Tw":
            self.word = float(operands[0])
        elif op == "Tc":
            self.char = float(operands[0])
        elif op == "Tz":
            self.scale = float(operands[0]) / 100
        elif op == "Tj":
            self.show(_bytes(operands[0]))
        elif op == "TJ":
            for part in operands[0]:
                if isinstance(part, int | float) or hasattr(part, "as_numeric"):
                    shift = -float(part) / 1000 * self.size * self.scale
                    self.tm = _mul((1, 0, 0, 1, shift, 0), self.tm)
                else:
                    self.show(_bytes(part))
        elif op in ("'", '"'):
            raise AssertionError(f"text operator {op!r} is not followed by this reader")


def _matrix(operands: list[Any]) -> Matrix:
    a, b, c, d, e, f = (float(v) for v in operands)
    return (a, b, c, d, e, f)


def runs(data: bytes) -> list[Run]:
    """Every string shown in the PDF ``data``, in content-stream order."""
    reader = PdfReader(io.BytesIO(data))
    out: list[Run] = []
    for number, page in enumerate(reader.pages, 1):
        resources = page["/Resources"]
        fonts = {name: _font(ref) for name, ref in resources.get("/Font", {}).items()}
        state = _TextState(number, fonts, out)
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            state.do(op.decode() if isinstance(op, bytes) else str(op), operands)
    return out
