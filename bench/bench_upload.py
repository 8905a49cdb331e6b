"""Benchmark of a photo upload's memory: prints figures, asserts nothing (the bound has its tests in
tests/web/test_bad_input.py).

Run: .venv/bin/python bench/bench_upload.py
Each case runs in a fresh Python process (so one case's peak does not hide the next) and prints the process's
peak resident memory above its baseline (RSS, `ru_maxrss`: Pillow's pixel buffers are C memory that tracemalloc
does not see; read from /proc/self/status where there is one) and the time taken:
  - "before": the photo code as it was (decode the whole image, turn it by EXIF, convert to RGBA, then shrink),
    kept here only to be measured;
  - "after": `conference.nominations.photos.reencode_photo`.
Images (made by the parent process, read from a file by each case): a one-colour RGBA PNG of 6,300 × 6,300 px
(about 150 KB on disk), the largest PNG accepted (8 megapixels: 3,200 × 2,500 px RGBA), the largest JPEG
accepted (6,000 × 6,000 px), a progressive CMYK JPEG of 6,000 × 6,000 px (libjpeg holds all its coefficients
whatever the reduction) and the largest one accepted (3,264 × 2,448 px).
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASES = ("png_6300_flat", "png_3200x2500_rgba", "jpeg_6000x6000", "jpeg_6000_progressive_cmyk",
         "jpeg_3264x2448_progressive_cmyk")


def _image(case: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    if case == "png_6300_flat":
        Image.new("RGBA", (6300, 6300), (200, 30, 30, 255)).save(out, format="PNG", optimize=True)
    elif case == "png_3200x2500_rgba":
        image = Image.new("RGBA", (3200, 2500), (0, 0, 0, 0))
        image.paste(Image.effect_noise((400, 400), 60).convert("RGBA"), (1400, 1000))
        image.save(out, format="PNG", optimize=True)
    elif case.endswith("progressive_cmyk"):  # libjpeg keeps every coefficient of a progressive JPEG at full size
        size = (6000, 6000) if case.startswith("jpeg_6000") else (3264, 2448)
        image = Image.new("RGB", size, (200, 30, 30))
        image.paste(Image.effect_noise((300, 300), 60).convert("RGB"), (10, 10))
        image.convert("CMYK").save(out, format="JPEG", quality=30, progressive=True, subsampling=0)
    else:
        Image.effect_noise((6000, 6000), 20).convert("RGB").save(out, format="JPEG", quality=15)
    return out.getvalue()


def _before(data: bytes) -> None:
    """The photo pipeline before the memory bound (the previous `reencode_photo`, checks left out)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        image.load()
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "L"):
            background = Image.new("RGB", image.size, "white")
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        image.thumbnail((800, 800))
        image.convert("RGB").save(io.BytesIO(), format="JPEG", quality=85, optimize=True)


def _after(data: bytes) -> str:
    from conference.core.errors import RuleViolation
    from conference.nominations.photos import reencode_photo

    try:
        photo = reencode_photo(data)
    except RuleViolation as refused:
        return f"refused: {refused}"
    return f"stored {photo.width} × {photo.height} px, {len(photo.content) // 1024} KB"


def _rss_mb() -> float:
    """This process's peak resident memory (MB): VmHWM, which starts afresh at exec (`ru_maxrss` would carry the
    parent's peak over to the child, hiding the case's own)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_one(case: str, which: str, path: str) -> None:
    """In this process: read the image's file, then measure one pipeline on it."""
    import PIL.Image  # noqa: F401  (imported before the baseline)

    import conference.nominations.photos  # noqa: F401

    data = Path(path).read_bytes()
    baseline = _rss_mb()
    start = time.perf_counter()
    outcome = _after(data) if which == "after" else (_before(data) or "processed")
    seconds = time.perf_counter() - start
    print(f"{case:32} {len(data) // 1024:6} KB  {which:6} peak +{_rss_mb() - baseline:7.1f} MB  "
          f"{seconds:5.2f} s  {outcome}")


def main() -> None:
    print("case" + " " * 30 + "file     code   memory above baseline  time   outcome")
    with tempfile.TemporaryDirectory() as folder:
        for case in CASES:
            path = Path(folder) / case
            path.write_bytes(_image(case))
            for which in ("before", "after"):
                subprocess.run([sys.executable, __file__, case, which, str(path)], check=True, cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})


if __name__ == "__main__":
    if len(sys.argv) == 4:
        run_one(*sys.argv[1:])
    else:
        main()
