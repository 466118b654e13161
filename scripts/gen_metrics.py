"""Generate vnadmin_docs/layout/data/times-metrics.json from Liberation Serif.

Liberation Serif 2 is metric-compatible with Times New Roman: every glyph has the same
advance width. We store advance widths (font units per 1000 em) for the characters an
official Vietnamese document uses, so the layout can measure text without any font file
on the machine (Windows clerks have Times New Roman; CI has Liberation; both agree).

Run:  .venv/bin/python scripts/gen_metrics.py /usr/share/fonts/truetype/liberation2
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

STYLES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bolditalic": "LiberationSerif-BoldItalic.ttf",
}


def wanted_chars() -> list[str]:
    chars = [chr(c) for c in range(0x20, 0x7F)]
    chars += [chr(c) for c in range(0xA0, 0x250)]
    chars += [chr(c) for c in range(0x1EA0, 0x1F00)]  # Vietnamese precomposed
    chars += list("–—‘’“”…•№€")
    return sorted({c for c in chars if unicodedata.category(c)[0] != "C"})


def main(folder: str) -> None:
    out: dict[str, dict[str, int]] = {}
    for style, name in STYLES.items():
        font = TTFont(str(Path(folder) / name))
        cmap = font.getBestCmap()
        hmtx = font["hmtx"]
        upem = font["head"].unitsPerEm
        widths: dict[str, int] = {}
        for ch in wanted_chars():
            glyph = cmap.get(ord(ch))
            if glyph is None:
                continue
            widths[ch] = round(hmtx[glyph][0] * 1000 / upem)
        out[style] = widths
    target = Path(__file__).resolve().parents[1] / "vnadmin_docs/layout/data/times-metrics.json"
    target.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True, indent=0), "utf-8")
    print(f"wrote {target} ({sum(len(v) for v in out.values())} widths)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
