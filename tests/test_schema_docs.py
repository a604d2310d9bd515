"""The field tables editors read must name exactly the fields the schema declares (warta_content/schema.py).

The README's editor's guide has one table per content kind (release, session, page) and one for the
data files; a field declared but missing from its table, or a table row the schema does not know,
fails here, as does a wrong "wajib" column. The open-data columns (docs/feeds-and-data.md) are the
export's own (warta_opendata/records.py), held to its FIELDS the same way.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from warta_content.archive import RESERVED
from warta_content.schema import DATA_FILES, PAGE, RELEASE, SESSION, Kind, front_matter_names
from warta_opendata.records import FIELDS as OPEN_DATA_FIELDS

README = (ROOT / "README.md").read_text(encoding="utf-8")
# The heading each kind's table follows (the first table after it).
HEADINGS = {"release": "### 1. Menulis rilis baru", "session": "### Sesi warga", "page": "### Halaman tetap"}
DATA_HEADING = "### Data: pemerintah daerah, instansi, tema, seri"


def _table(text: str, heading: str, header: str) -> list[list[str]]:
    """The rows (cells, without the header and the rule) of the first table starting with ``header``
    after ``heading``."""
    assert heading in text, f"no heading {heading!r}"
    after = text[text.index(heading) :]
    assert header in after, f"no table {header!r} after {heading!r}"
    lines = after[after.index(header) :].split("\n")
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def _names(cell: str) -> list[str]:
    """The field names a cell gives in backticks, not counting examples in parentheses."""
    return re.findall(r"`([^`]+)`", re.sub(r"\([^)]*\)", "", cell))


def _documented(kind: Kind) -> dict[str, str]:
    """field → its "wajib" cell, from the README's table for ``kind``."""
    found = {}
    for first, required, *_ in _table(README, HEADINGS[kind.name], "| kolom | wajib | isi |"):
        for name in _names(first):
            assert name not in found, f"{kind.name}: {name} has two rows"
            found[name] = required
    return found


@pytest.mark.parametrize("kind", [RELEASE, SESSION, PAGE], ids=lambda k: k.name)
def test_the_readme_documents_every_field_the_schema_declares(kind):
    documented = _documented(kind)
    declared = front_matter_names(kind)
    missing, unknown = sorted(declared - set(documented)), sorted(set(documented) - declared)
    assert not missing, f"{kind.name}: declared in schema.py, missing from the README's table: {missing}"
    assert not unknown, f"{kind.name}: in the README's table, not declared in schema.py: {unknown}"
    says_yes = {name for name, cell in documented.items() if cell == "ya"}
    wrong = sorted(says_yes ^ kind.required())
    assert not wrong, f"{kind.name}: the README's 'wajib' column is wrong for {wrong}"


def test_the_readme_documents_every_data_file_field():
    rows = _table(README, DATA_HEADING, "| berkas | kolom wajib | kolom pilihan |")
    documented = {_names(file)[0]: (set(_names(required)), set(_names(optional))) for file, required, optional in rows}
    assert set(documented) == {data.file for data in DATA_FILES}
    for data in DATA_FILES:
        required, optional = documented[data.file]
        assert required == data.required(), f"{data.file}: required fields in the README differ from schema.py"
        assert optional == data.names() - data.required(), f"{data.file}: optional fields differ from schema.py"


def test_the_readme_names_every_data_file_entrys_inner_field():
    """The schedule's own fields (weekday, start, end) are shown in the README's example entry."""
    section = README[README.index(DATA_HEADING) :]
    section = section[: section.index("\n### ", 1)]
    for data in DATA_FILES:
        for field in data.fields:
            for item in field.items:
                assert re.search(rf"^\s+{item.name}:", section, re.M), f"{data.file}: {field.name}.{item.name}"


def test_the_readme_lists_every_reserved_page_slug():
    (slug_row,) = [row for row in _table(README, HEADINGS["page"], "| kolom | wajib | isi |") if row[0] == "`slug`"]
    listed = re.search(r"bagian situs \(([^)]*)\)", slug_row[2])
    assert listed, slug_row
    given = set(re.findall(r"`([^`]+)`", listed[1]))
    assert given == RESERVED, f"missing: {sorted(RESERVED - given)}, not reserved: {sorted(given - RESERVED)}"


def test_the_open_data_doc_documents_every_column():
    doc = (ROOT / "docs/feeds-and-data.md").read_text(encoding="utf-8")
    rows = _table(doc, "## Open data", "| field | content |")
    documented = [name for row in rows for name in _names(row[0])]
    assert documented == list(OPEN_DATA_FIELDS), "docs/feeds-and-data.md: the columns, in the export's order"
