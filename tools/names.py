"""The fixed vocabulary of the synthetic archive: governments, agency kinds, themes, series, people."""

IMAGES = ("foto/rapat.png", "foto/lapangan.png", "foto/pelayanan.png", "foto/warga.png")
WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
TYPES = {"siaran-pers": 0.45, "berita": 0.35, "pengumuman": 0.12, "klarifikasi": 0.08}
TYPE_NAMES = {
    "siaran-pers": "Siaran Pers",
    "berita": "Berita",
    "klarifikasi": "Klarifikasi",
    "pengumuman": "Pengumuman",
}
GOVERNMENTS = (
    ("kota-sukamaju", "Kota", "Sukamaju", "Mekarsari Cibening Tanjungrejo Pasirjati Sukadamai Karangtengah"),
    ("kabupaten-tanjungsari", "Kabupaten", "Tanjungsari", "Cilebak Sumberjaya Wanasari Pagerwangi Sindangrasa"),
    ("kota-bandar-baru", "Kota", "Bandar Baru", "Pelabuhan Kampungbaru Sungaikunyit Tanahmerah Bukitindah"),
)
AGENCY_KINDS = (
    ("humas", "Bagian Humas Sekretariat Daerah", "Humas"),
    ("diskominfo", "Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("dinkes", "Dinas Kesehatan", "Dinkes"),
    ("disdik", "Dinas Pendidikan", "Disdik"),
    ("dinsos", "Dinas Sosial", "Dinsos"),
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("dlh", "Dinas Lingkungan Hidup", "DLH"),
    ("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR"),
    ("dishub", "Dinas Perhubungan", "Dishub"),
    ("bpbd", "Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("diskopukm", "Dinas Koperasi dan Usaha Kecil Menengah", "Diskop UKM"),
    ("disnaker", "Dinas Tenaga Kerja", "Disnaker"),
    ("disparbud", "Dinas Pariwisata dan Kebudayaan", "Disparbud"),
    ("distan", "Dinas Pertanian", "Distan"),
)
THEMES = (
    ("kesehatan", "Kesehatan", "Puskesmas, imunisasi, gizi dan kesehatan masyarakat."),
    ("pendidikan", "Pendidikan", "Sekolah, penerimaan peserta didik baru dan beasiswa."),
    ("sosial", "Sosial", "Bantuan sosial, anak, lansia dan penyandang disabilitas."),
    ("kependudukan", "Kependudukan", "KTP elektronik, kartu keluarga dan akta."),
    ("lingkungan-hidup", "Lingkungan Hidup", "Sampah, udara, air dan ruang terbuka hijau."),
    ("infrastruktur", "Infrastruktur", "Jalan, jembatan, drainase dan bangunan publik."),
    ("perhubungan", "Perhubungan", "Angkutan umum, lalu lintas dan parkir."),
    ("ekonomi-umkm", "Ekonomi dan UMKM", "Usaha kecil, pasar dan ketenagakerjaan."),
    ("kebencanaan", "Kebencanaan", "Banjir, longsor, kebakaran dan kesiapsiagaan."),
    ("pelayanan-publik", "Pelayanan Publik", "Perizinan dan standar layanan."),
    ("komunikasi-publik", "Komunikasi Publik", "Keterbukaan informasi dan kanal aduan."),
    ("pariwisata-budaya", "Pariwisata dan Budaya", "Wisata, seni dan adat."),
)
SERIES_NAMES = (
    "Sapa Warga",
    "Bincang Sehat",
    "Ruang Terbuka",
    "Ngopi Bareng Kepala Daerah",
    "Dialog Pendidikan",
    "Kabar Desa",
    "Ruang UMKM",
    "Siaga Bencana",
    "Warga Bertanya",
    "Jendela Layanan",
)

ROLES = ("Narasumber", "Pemandu acara", "Narasumber pendamping")
GIVEN = ("Agus", "Budi", "Dewi", "Eko", "Fitri", "Hendra", "Indah", "Joko", "Kartika", "Lestari", "Made", "Nur")
FAMILY = ("Santoso", "Wijaya", "Lubis", "Siregar", "Nasution", "Pratama", "Saputra", "Hidayat", "Kurniawan")
