"""A folder of hostile files beside good releases (test and bench helper): deep HTML, a text that yields more chunks
than Chroma takes in one write, binary junk, empty files, broken PDFs, invalid UTF-8."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV_CORPUS = REPO / "tests" / "data" / "dev" / "corpus"
GOOD = {  # file -> (question, words the answer must hold)
    "dev-03-singapore-mission.txt": (
        "When will the free trade agreement between the European Union and Singapore enter into force?",
        "21 November 2019"),
    "dev-05-japan-missie.txt": (
        "Hoeveel Brusselse bedrijven namen deel aan de economische missie naar Japan in december 2022?", "61"),
}
DEPTH = 3000  # well past Python's recursion limit (1,000)
# Files whose text survives, with a warning: (file, bytes, a word that must be in the text as written).
MOSTLY_UTF8 = ("Brussels hosts a café summit on urban cooling\n\nThe café summit on urban cooling took place in "
               "Brussels on 4 May 2023.").encode("utf-8")
LATIN1_WITH_JUNK = ("Brussels hosts a café forum on heat waves\n\nThe café forum on heat waves met in Brussels on "
                    "5 May 2023.").encode("latin-1")


def _deep(open_tag: str, close_tag: str = "", depth: int = DEPTH) -> str:
    return f"<html><body><h1>Deep</h1>{open_tag * depth}Deep text.{close_tag * depth}</body></html>"


def hostile_files(max_batch: int) -> dict[str, bytes]:
    """Every hostile file by name; `huge.txt` yields more than `max_batch` chunks (from few distinct texts)."""
    rng = random.Random(9)
    paragraph = ("The Region's archive holds this paragraph many times over, so that one file yields more chunks than "
                 "the store accepts in a single write while the embedding model sees only a few distinct texts. " * 2)
    files = {
        "deep-divs.html": _deep("<div>", "</div>"),
        "deep-spans.html": _deep("<span>", "</span>"),
        "deep-blockquotes.html": _deep("<blockquote>", "</blockquote>"),
        "deep-lists.html": _deep("<ul><li>", "</li></ul>", DEPTH // 2),
        "deep-tables.html": _deep("<table><tr><td>", "</td></tr></table>", DEPTH // 3),
        "deep-unclosed.html": _deep("<section><p><b><i>"),
        "huge.txt": "A very long archive file\n\n" + "\n\n".join([paragraph] * (2 * max_batch + 400)),
        "empty.txt": "",
        "blank.md": " \n\t\n",
        "empty.html": "<html><body></body></html>",
        "script-only.html": "<html><body><script>alert(1)</script></body></html>",
    }
    out = {name: text.encode("utf-8") for name, text in files.items()}
    out.update({
        "binary.txt": bytes(rng.randrange(256) for _ in range(20_000)),
        "nul-bytes.md": b"Title\n\nText with \x00 NUL \x00 bytes.",
        "junk.pdf": bytes(rng.randrange(256) for _ in range(5_000)),
        "bad.pdf": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF",
        "truncated.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 50 >>\nstream\nBT /F1 12 Tf",
        "utf8-with-junk.txt": MOSTLY_UTF8[:60] + b"\xff\xfe\x81" + MOSTLY_UTF8[60:],
        "latin1-with-junk.txt": LATIN1_WITH_JUNK + b" \x81\x8d",
        "utf16-no-bom.txt": "Brussels and Quito\n\nA text in UTF-16 without a byte-order mark.".encode("utf-16-le"),
    })
    return out


def make_hostile_folder(folder: Path, max_batch: int) -> Path:
    """The hostile files plus the GOOD releases (copied from the development corpus) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in hostile_files(max_batch).items():
        (folder / name).write_bytes(data)
    for name in GOOD:
        shutil.copy(DEV_CORPUS / name, folder / name)
    return folder
