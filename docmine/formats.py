"""Which files docmine reads, and what it says about the ones it does not.

    >>> unsupported("brief.doc")
    ('Word 97-2003-document (.doc): dit formaat leest docmine niet', 'sla het op als .docx of PDF en controleer opnieuw')
"""

from __future__ import annotations

import stat

SUPPORTED_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".pdf", ".docx", ".html", ".htm", ".xml"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}  # images of pages: read when OCR can read them
OCR_INSTALL = 'pip install "docmine[ocr]" en apt-get install tesseract-ocr tesseract-ocr-nld'
SUPPORTED_TEXT = "PDF, DOCX, tekst en Markdown (.txt, .md), HTML en CVDR-XML"
# Files of docmine's own sample corpus that are about the documents, not documents themselves.
SKIP_NAMES = {"EXPECTED.yaml", "README.md"}

_SAVE_AS = "sla het op als .docx of PDF en controleer opnieuw"
_KINDS: dict[str, tuple[str, str]] = {}
for _suffixes, _what, _hint in (
    ((".doc",), "Word 97-2003-document", _SAVE_AS),
    ((".odt", ".ott"), "OpenDocument-tekst", _SAVE_AS),
    ((".rtf",), "RTF-document", _SAVE_AS),
    ((".wpd", ".pages"), "tekstverwerkerbestand", _SAVE_AS),
    ((".png", ".jpg", ".jpeg", ".tif", ".tiff"), "afbeelding (alleen met OCR te lezen, en OCR is hier niet beschikbaar of staat uit)",
     f"is het een scan van een document? Installeer OCR ({OCR_INSTALL}), of draai zonder --no-ocr"),
    ((".gif", ".bmp", ".webp", ".heic"), "afbeelding",
     "is het een scan van een document? Sla hem op als PNG, TIFF of PDF (docmine leest scans met OCR)"),
    ((".xls", ".xlsx", ".ods", ".csv", ".tsv"), "spreadsheet", "docmine controleert beleidsteksten, geen tabellen in een rekenblad"),
    ((".ppt", ".pptx", ".odp", ".key"), "presentatie", "exporteer de presentatie als PDF als de tekst mee moet doen"),
    ((".msg", ".eml"), "e-mail", "sla de bijlage of de tekst apart op als PDF, DOCX of tekst"),
    ((".zip", ".7z", ".rar", ".tar", ".gz"), "archief", "pak het archief uit in de map die u controleert"),
    ((".json", ".yaml", ".yml", ".ini", ".toml"), "gegevens- of instellingenbestand", ""),
):
    for _s in _suffixes:
        _KINDS[_s] = (_what, _hint)


def suffix(name: str) -> str:
    """``Path(name).suffix`` of a plain file name, without building a Path."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def unsupported(name: str) -> tuple[str, str]:
    """(reason, hint) for a file docmine does not read, by its name."""
    suf = suffix(name).lower()
    if name in SKIP_NAMES:
        return (f"{name} beschrijft de verzameling en is zelf geen beleidsdocument",
                "hernoem het bestand als het toch gecontroleerd moet worden")
    what, hint = _KINDS.get(suf, ("", ""))
    if what:
        return f"{what} ({suf}): dit formaat leest docmine niet", hint or f"docmine leest {SUPPORTED_TEXT}"
    if suf:
        return f"bestandsformaat {suf} wordt niet ondersteund", f"docmine leest {SUPPORTED_TEXT}"
    return "bestand zonder extensie wordt niet gelezen", f"geef het de extensie van zijn formaat; docmine leest {SUPPORTED_TEXT}"


def special_kind(mode: int) -> str | None:
    """What a file of ``mode`` (``os.stat``) is when it is a FIFO, a socket or a device (DM115),
    else None.

    >>> import stat
    >>> special_kind(stat.S_IFIFO), special_kind(stat.S_IFREG)
    ('een FIFO (named pipe)', None)
    """
    if stat.S_ISFIFO(mode):
        return "een FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "een socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaat"
    return None
