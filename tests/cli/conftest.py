"""Small real document folders for the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

VERORDENING = """Verordening maatschappelijke ondersteuning Gemeente Voorbeeld 2020

Artikel 1 Begripsbepalingen
In deze verordening wordt verstaan onder maatwerkvoorziening: een voorziening op maat.

Artikel 4 Aanvraag
1. Een cliënt kan een aanvraag indienen voor een maatwerkvoorziening.
2. Voor persoonlijke verzorging is de AWBZ voorliggend.
3. De cliënt wordt eerst geïndiceerd door de consulent.
"""

WERKINSTRUCTIE = """Werkinstructie huishoudelijke ondersteuning
Datum: 1 maart 2021
Versie: 2.1
Redacteur: team Wmo

Stap 1. Bespreek de gebruikelijke zorg van de huisgenoten.
Stap 2. Leg het resultaat vast in het verslag.
"""


@pytest.fixture()
def beleid(tmp_path: Path) -> Path:
    """A folder of two documents with findings (an error and warnings), as a user has it."""
    root = tmp_path / "beleid"
    (root / "werkinstructies").mkdir(parents=True)
    (root / "verordening-wmo-2020.txt").write_text(VERORDENING, encoding="utf-8")
    (root / "werkinstructies" / "huishoudelijke-ondersteuning.txt").write_text(WERKINSTRUCTIE, encoding="utf-8")
    return root
