"""Every extension point Warta's core offers its capabilities, in one place, by build phase.

A build goes load → plan → render → index → check → publish (docs/architecture.md). Pelican's
signals drive loading and planning; after that the core's ``build.finish`` sends one signal per
phase, below, in its order. A capability uses these, the methods listed in HOOKS and the names
``warta_content`` exports, nothing else of the core (tests/test_architecture.py checks all three).
"""

from __future__ import annotations

from dataclasses import dataclass

from blinker import Namespace

_signals = Namespace()

# The phases after planning, sent in this order by build.finish at Pelican's ``finalized``; the
# sender is the Pelican object. A capability connects to the phase it takes part in.
# render → check: every queued page is written and the output record is saved.
pages_rendered = _signals.signal("warta.pages_rendered")
# check → index: the output is whole; search finishes its index.
output_checked = _signals.signal("warta.output_checked")
# index → check: the search index is written; it is checked against the archive.
site_indexed = _signals.signal("warta.site_indexed")
# check → publish: every check passed; the staging folder may replace the published site.
site_ready = _signals.signal("warta.site_ready")


@dataclass(frozen=True)
class Hook:
    name: str  # as a capability reaches it
    phase: str
    summary: str


HOOKS = (
    Hook(
        "build_state",
        "semua",
        "status build ini (state.py): arsip, catatan keluaran, situs terbit, bagian kapabilitas",
    ),
    Hook("BuildState.archive", "load", "seluruh rilis, sesi dan halaman yang sudah diperiksa"),
    Hook("BuildState.output", "plan", "OutputRecord build ini: setiap berkas ditulis lewat sini"),
    Hook("BuildState.published", "publish", "folder situs yang sedang tayang; build menulis di sampingnya"),
    Hook("BuildState.written", "render", "jalur → SHA-256 setiap berkas yang ditulis atau ditautkan build ini"),
    Hook("BuildState.searchable", "check", "alamat → berkas sumber setiap halaman yang wajib ada di indeks pencarian"),
    Hook("BuildState.if_failed", "semua", "pekerjaan latar yang dihentikan bila build gagal (pratinjau)"),
    Hook("BuildState.part", "semua", "status milik satu kapabilitas, dataclass-nya sendiri"),
    Hook("WartaGenerator.bind_build", "plan", "generator yang mengenal objek Pelican build ini"),
    Hook("WartaGenerator.write_page", "plan", "antre satu halaman (url/index.html) dengan remah roti dan JSON-LD"),
    Hook("WartaGenerator.write_paginated", "plan", "antre daftar berhalaman: hal/2/, hal/3/ …"),
    Hook("WartaGenerator.write_file", "plan", "antre satu berkas dari templat; reuse=True menautkan yang tak berubah"),
    Hook(
        "WartaGenerator.write_text",
        "plan",
        "teks (umpan, data) dibuat terakhir dari masukan bernama; ditautkan bila tetap",
    ),
    Hook("WartaGenerator.render_file", "plan", "antre satu berkas tanpa memeriksa pemakaian ulang"),
    Hook("OutputRecord.render", "plan", "antre pembuat teks untuk satu jalur; last= menaruhnya sesudah halaman"),
    Hook("OutputRecord.reused_or_key", "plan", "tautkan berkas terbit bila kunci masukannya sama, atau beri kuncinya"),
    Hook("OutputRecord.when_written", "render", "panggil balik begitu halaman-halaman ini tertulis (+ salinannya)"),
    Hook("OutputRecord.files", "check", "jalur → SHA-256 setiap berkas build ini"),
    Hook("OutputRecord.canonicals", "check", "alamat kanonik yang dinyatakan setiap halaman"),
    Hook("OutputRecord.out", "render", "folder tempat build ini menulis"),
    Hook("OutputRecord.published", "render", "folder situs terbit yang dipakai ulang"),
    Hook("OutputRecord.queue", "plan", "antrean halaman; None bila build merender langsung (pratinjau cepat)"),
    Hook("pages_rendered", "check", "sinyal: semua halaman tertulis dan catatan keluaran tersimpan"),
    Hook("output_checked", "index", "sinyal: keluaran lengkap dan lolos pemeriksaan; pencarian menuntaskan indeksnya"),
    Hook("site_indexed", "check", "sinyal: indeks pencarian tertulis; diperiksa terhadap arsip"),
    Hook("site_ready", "publish", "sinyal: semua pemeriksaan lolos; folder staging boleh menggantikan situs terbit"),
    Hook("remembered", "render", "di templat: keluaran makro untuk argumen yang sama dibuat sekali per build"),
    Hook(
        "register_kind",
        "load",
        "nyatakan jenis konten baru (kinds.py): skema, alamat, templat halaman dan daftar; inti membaca dan menulisnya",
    ),
    Hook("declared_kinds", "semua", "jenis konten yang dinyatakan; entrinya di Archive.declared[nama]"),
    Hook("capability_settings", "load", "pengaturan satu kapabilitas, diperiksa sekali (kunci asing: peringatan)"),
)
