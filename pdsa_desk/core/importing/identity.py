"""Telling the same thing apart from a different one: names, Salesforce record ids, and won / lost stage names.

* Names (reps, teams, stages, loss reasons, channels) are Unicode-normalised (NFC) and their whitespace collapsed
  before they are matched or stored, so a decomposed "Zoë" (``o`` + combining diaeresis) is the same rep as the
  composed one, and "Ann  Lee " is "Ann Lee".
* Salesforce writes a record's id with 15 characters (case-sensitive) or 18 (the 15 plus a 3-character checksum of
  their letter case). An 18-character id whose last three characters are that checksum is the same record as its
  first 15: both find the same opportunity, whatever the mapping's ``source`` is called.
* Won and lost stages are recognised by name in common CRM spellings and languages (:func:`outcome_of_stage`).
"""

from __future__ import annotations

import re
import unicodedata

_SF_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_SF_ID = re.compile(r"[0-9A-Za-z]{15}")


def clean_name(text: str) -> str:
    """``text`` in NFC with runs of whitespace made one space and the ends trimmed."""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.strip()  # the common case, without splitting
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def name_key(text: str) -> str:
    """What names are matched by: cleaned, ignoring case."""
    return clean_name(text).casefold()


_UPPER = str.maketrans({**{chr(c): "1" for c in range(65, 91)},
                        **{ch: "0" for ch in "0123456789abcdefghijklmnopqrstuvwxyz"}})


def salesforce_checksum(id15: str) -> str:
    """The 3-character suffix Salesforce adds to a 15-character id (from the case of its letters: per block of
    five, bit i set when character i is an upper-case letter)."""
    flags = id15.translate(_UPPER)
    return "".join(_SF_CHARS[int(flags[start:start + 5][::-1], 2)] for start in (0, 5, 10))


def salesforce_short(ext: str) -> str | None:
    """The 15-character form of a Salesforce id (18 characters with a valid checksum, or 15 alphanumerics); None
    for anything else."""
    if len(ext) == 18 and _SF_ID.fullmatch(ext[:15]) and ext[15:].upper() == salesforce_checksum(ext[:15]):
        return ext[:15]
    if len(ext) == 15 and _SF_ID.fullmatch(ext):
        return ext
    return None


def salesforce_long(ext: str, short: str | None = None) -> str | None:
    """The 18-character form of an id :func:`salesforce_short` recognises (``short``: its 15, when known)."""
    short = short or salesforce_short(ext)
    if short is None:
        return None
    return short + (ext[15:].upper() if len(ext) == 18 else salesforce_checksum(short))


# ------------------------------------------------------------------------------------------ won and lost
_WON = {
    "won", "closedwon", "dealwon", "win", "wonclosed", "closedwin", "gewonnen", "abgeschlossengewonnen",
    "auftraggewonnen", "gagne", "gagnee", "affairegagnee", "conclugagne", "ganado", "ganada", "cerradoganado",
    "cerradaganada", "vinto", "vinta", "chiusovinto", "ganho", "ganha", "fechadoganho", "fechadaganha",
    "vunnen", "vundet", "wygrana", "wygrany",
}
_LOST = {
    "lost", "closedlost", "deallost", "loss", "lostclosed", "closedloss", "verloren", "abgeschlossenverloren",
    "auftragverloren", "perdu", "perdue", "affaireperdue", "concluperdu", "perdido", "perdida", "cerradoperdido",
    "cerradaperdida", "perso", "persa", "chiusoperso", "fechadoperdido", "fechadaperdida", "forlorad", "tabt",
    "tapt", "przegrana", "przegrany",
}
WON = "won"
LOST = "lost"


def _key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def outcome_of_stage(name: str) -> str | None:
    """``"won"`` or ``"lost"`` when a CRM stage's name says the deal was won or lost (Closed Won, Won,
    Gewonnen, Gagné, Ganado …; Closed Lost, Lost, Verloren, Perdu, Perdido …), else None."""
    key = _key(name)
    if key in _WON:
        return WON
    if key in _LOST:
        return LOST
    words = set(re.findall(r"[a-z]+", unicodedata.normalize("NFKD", name.casefold())))
    if words & {"won", "gewonnen", "gagne", "ganado", "vinto", "ganho"} and not words & {"not", "nicht", "pas"}:
        return WON
    if words & {"lost", "verloren", "perdu", "perdido", "perso"} and not words & {"not", "nicht", "pas"}:
        return LOST
    return None
