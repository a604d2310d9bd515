"""Indonesian-like prose for the synthetic corpus: roots plus affixes, drawn with Zipf-like frequencies.

The text is not meant to read as real Indonesian; it is meant to look like it to the parts of a
build that care about text — Markdown, summaries, the search indexer's stemmer and word lists —
with a vocabulary of a few thousand distinct words in which a few are very common and most are rare.
"""

from __future__ import annotations

import bisect
import itertools
import random


def _words(text: str) -> list[str]:
    return text.split()


# The most frequent words of press-release prose, most frequent first; they take the top ranks.
FUNCTION_WORDS = _words("""
yang dan di ke dari untuk dengan pada ini itu dalam tidak akan juga ada oleh atau sudah telah
bisa dapat lebih karena para serta agar sebagai tersebut kami kita mereka ia saat bagi hingga
masih setiap semua antara kepada melalui secara sejak tahun warga pemerintah kota kabupaten daerah
kepala dinas bagian program kegiatan layanan masyarakat wilayah kecamatan kelurahan desa bapak ibu
menurut kata ujarnya jelasnya tambahnya sebanyak sekitar hari pekan bulan pagi siang sore malam
tersebut selama sebelum sesudah setelah namun tetapi sedangkan sehingga maka bahwa jika apabila
bila seperti yakni yaitu misalnya termasuk tentang terhadap tanpa sampai sangat cukup hanya pula
pun lagi baru belum sedang harus perlu ingin mau boleh mungkin tentu segera kembali bersama sendiri
lain beberapa banyak sedikit seluruh sebagian tiap masing masing-masing salah satu dua tiga empat
lima enam tujuh delapan sembilan sepuluh ratus ribu juta miliar persen rupiah nomor tanggal pukul
""")

# Plain nouns and adjectives that take no affixes here (some get -nya).
NOUNS = _words("""
jalan jembatan sekolah puskesmas posyandu pasar kantor balai gedung taman sungai saluran drainase
banjir sampah air listrik lampu rumah lahan sawah kebun ternak ikan beras minyak gula harga anggaran
dana bantuan beasiswa vaksin imunisasi obat dokter bidan perawat guru murid siswa mahasiswa petani
nelayan pedagang buruh pegawai aparatur camat lurah bupati wali wakil sekretaris ketua anggota dewan
rapat forum musyawarah sosialisasi pelatihan lomba festival pameran upacara apel peringatan
kunjungan peninjauan data informasi aplikasi situs akun media sosial hoaks berita pesan surat dokumen
formulir syarat jadwal lokasi alamat telepon loket antrean tiket kartu akta identitas penduduk
keluarga anak balita remaja pemuda lansia perempuan disabilitas komunitas relawan tokoh agama adat
budaya seni olahraga wisata kuliner usaha modal koperasi industri investasi pajak retribusi izin
tanah ruang hijau udara iklim cuaca hujan kemarau musim gempa kebakaran longsor angin pohon bibit
pupuk benih panen irigasi bendungan kolam pompa truk motor mobil bus angkutan terminal halte parkir
lalu lintas kecelakaan keamanan ketertiban posko tenda dapur umum logistik gizi stunting demam
baik buruk besar kecil tinggi rendah panjang pendek cepat lambat mudah sulit murah mahal aman rawan
bersih kotor sehat sakit ramah terbuka tertutup penting utama khusus resmi digital daring luring
strategis prioritas terpadu berkelanjutan produktif inovatif transparan akuntabel optimal maksimal
""")

# Roots that take Indonesian affixes; the forms are built below, so the vocabulary grows from these.
ROOTS = _words("""
bangun kerja layan bantu didik sehat tanam atur kelola guna laksana capai tingkat bina latih ajar
periksa catat lapor daftar salur terima beri buka tutup pakai pilih rencana susun tata timbang ukur
awas jaga rawat pelihara baik ubah tambah kurang hitung bayar jual beli sewa pinjam simpan kirim
antar jemput ambil bawa angkut pindah tinggal huni tempat isi kosong cari temu kenal tahu dengar
lihat tonton baca tulis cetak terbit siar umum sampai jelas tegas tanya jawab minta mohon usul
pinta dukung dorong gerak ikut sertakan libat hadir undang sambut rayakan resmi tetap tentu putus
sepakat janji rencana anggar biaya dana modal untung rugi hasil produksi olah kemas pasar promosi
iklan tawar pesan pakai rakit pasang bongkar bersih cuci sapu angkat buang pilah daur tampung
alir genang serap resap tanggul keruk gali timbun aspal cor cat pagar tembok atap lantai pintu
jendela kunci jaga ronda patroli razia tertib tindak sanksi denda hukum adil damai rukun gotong
royong bagi tolong santun sumbang zakat infak sedekah wakaf pupuk benih semai petik panen tuai
giling tumbuh kembang hidup mati lahir nikah cerai pindah datang pergi pulang tiba angkat lantik
tugas jabat pimpin arah kendali awas uji coba teliti kaji analisis nilai evaluasi pantau amat
cegah tangan obat suntik rawat rujuk rawat inap jalan periksa timbang ukur gizi makan minum masak
saji hidang bagi salur antre tunggu layan tanggap respons adu keluh saran kritik puji apresiasi
hormat sambut harap yakin percaya ragu takut khawatir tenang sabar semangat lelah istirahat libur
tunda batal ganti tukar banding saing lomba menang kalah juara raih dapat peroleh kumpul himpun
satu padu serasi selaras imbang tepat cermat hemat boros lindung selamat evakuasi ungsi bakar padam
sedia siap siaga tanggul rendam surut naik turun luas sempit dekat jauh hubung sambung putus rusak
perbaik ganti renovasi revitalisasi normalisasi modernisasi digitalisasi integrasi validasi
verifikasi sosialisasi edukasi literasi informasi komunikasi koordinasi kolaborasi partisipasi
""")


def _nasal(root: str, base: str) -> str:
    """``meN-`` / ``peN-`` with Indonesian nasal assimilation: base is ``me`` or ``pe``."""
    first = root[0]
    if first in "aiueo":
        return base + "ng" + root
    if first == "k":
        return base + "ng" + root[1:]
    if first in "gh":
        return base + "ng" + root
    if first == "p" and root[1:2] in tuple("aiueo"):
        return base + "m" + root[1:]
    if first in "bfvp":
        return base + "m" + root
    if first == "t" and root[1:2] in tuple("aiueo"):
        return base + "n" + root[1:]
    if first in "dcjzt":
        return base + "n" + root
    if first == "s" and root[1:2] in tuple("aiueo"):
        return base + "ny" + root[1:]
    return base + root


def word_forms(root: str) -> list[str]:
    """The affixed forms of one root: me-, di-, ber-, ter-, pe-/-an, per-/-an, ke-/-an, -kan, -i, -an."""
    ber = "be" + root if root.startswith("r") else "ber" + root
    forms = [
        root,
        _nasal(root, "me"),
        _nasal(root, "me") + "kan",
        _nasal(root, "me") + "i",
        "di" + root,
        "di" + root + "kan",
        "di" + root + "i",
        ber,
        "ter" + root,
        _nasal(root, "pe"),
        _nasal(root, "pe") + "an",
        "per" + root + "an",
        "ke" + root + "an",
        root + "an",
        root + "nya",
    ]
    return [form for form in forms if "ii" not in form]  # "direnovasii" is not a word


def vocabulary(rng: random.Random) -> list[str]:
    """Every distinct word, in rank order: function words first, the rest in a seeded order."""
    derived = {form for root in ROOTS for form in word_forms(root)}
    derived |= set(NOUNS) | {noun + "nya" for noun in NOUNS}
    head = list(dict.fromkeys(FUNCTION_WORDS))
    tail = sorted(derived - set(head))
    rng.shuffle(tail)
    return head + tail


class Prose:
    """Draws words with weight 1/rank (Zipf's law) and strings them into sentences and paragraphs."""

    def __init__(self, rng: random.Random, names: list[str] = ()):
        self.rng = rng
        self.words = vocabulary(rng)
        self.cum = list(itertools.accumulate(1.0 / rank for rank in range(1, len(self.words) + 1)))
        self.names = list(names)  # agency names and places, dropped into sentences now and then
        self._common = set(FUNCTION_WORDS[:80])

    def draw(self, count: int) -> list[str]:
        total = self.cum[-1]
        randoms = self.rng.random
        return [self.words[bisect.bisect(self.cum, randoms() * total)] for _ in range(count)]

    def sentence(self, count: int | None = None) -> str:
        drawn = self.draw(count or self.rng.randint(7, 22))
        words = [w for i, w in enumerate(drawn) if i == 0 or w != drawn[i - 1]]  # no "yang yang"
        if self.names and self.rng.random() < 0.25:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(self.names))
        if len(words) > 9 and self.rng.random() < 0.5:
            cut = self.rng.randrange(3, len(words) - 3)
            words[cut] += ","
        text = " ".join(words)
        if self.rng.random() < 0.06:
            return '"' + text[0].upper() + text[1:] + '," ujarnya.'
        return text[0].upper() + text[1:] + "."

    def paragraph(self, target: int) -> tuple[str, int]:
        """About ``target`` words of sentences; returns the text and its word count."""
        parts, count = [], 0
        while count < target:
            parts.append(self.sentence())
            count += len(parts[-1].split())
        return " ".join(parts), count

    def title(self, low: int = 6, high: int = 12) -> str:
        """A headline: mostly content words (the commonest function words are dropped), capitalised."""
        count = self.rng.randint(low, high)
        words = self.content_words(count)
        if self.rng.random() < 0.5:
            words.insert(self.rng.randrange(1, len(words)), self.rng.choice(("dan", "untuk", "di", "bagi")))
        return " ".join(w if len(w) < 4 else w[0].upper() + w[1:] for w in words)

    def phrase(self, low: int = 2, high: int = 5) -> str:
        """A heading, topic or list item: content words, only the first capitalised."""
        text = " ".join(self.content_words(self.rng.randint(low, high)))
        return text[0].upper() + text[1:]

    def content_words(self, count: int) -> list[str]:
        """``count`` words that are not among the commonest function words."""
        words: list[str] = []
        while len(words) < count:
            words += [w for w in self.draw(count * 2) if w not in self._common]
        return words[:count]
