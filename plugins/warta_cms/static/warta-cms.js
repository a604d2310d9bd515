/* Warta's additions to Decap CMS: the Indonesian interface, the alt-text rule, and previews that
   look like the published pages (the site's own CSS, the same structure as release.html and
   session.html). Loaded after decap-cms.js, which leaves initialising to the end of this file. */
(function () {
  "use strict";
  var CMS = window.CMS, h = window.h, createClass = window.createClass;

  // Decap has no Indonesian; what is missing here falls back to its English.
  CMS.registerLocale("id", {
    auth: { login: "Masuk", loggingIn: "Sedang masuk…", loginWithGitHub: "Masuk dengan GitHub",
      loginWithGitLab: "Masuk dengan GitLab", loginWithGitea: "Masuk dengan Gitea" },
    app: {
      header: { content: "Konten", workflow: "Alur kerja", media: "Media", quickAdd: "Tulis baru" },
      app: { errorHeader: "Konfigurasi penyunting tidak dapat dimuat", configErrors: "Kesalahan konfigurasi",
        checkConfigYml: "Periksa config.yml (dibuat oleh Warta dari skema konten).",
        loadingConfig: "Memuat konfigurasi…", waitingBackend: "Menunggu penyimpanan…" },
      notFoundPage: { header: "Tidak ditemukan" }
    },
    collection: {
      sidebar: { collections: "Koleksi", allCollections: "Semua koleksi", searchAll: "Cari semua", searchIn: "Cari di" },
      collectionTop: { sortBy: "Urutkan", viewAs: "Tampilan", viewAsList: "Tampilan daftar", viewAsGrid: "Tampilan kisi",
        newButton: "+ %{collectionLabel} baru", newButtonAriaLabel: "Tulis %{collectionLabel} baru",
        ascending: "Naik", descending: "Turun", searchResults: "Hasil pencarian \"%{searchTerm}\"",
        searchResultsInCollection: "Hasil pencarian \"%{searchTerm}\" di %{collection}", filterBy: "Saring", groupBy: "Kelompokkan" },
      entries: { loadingEntries: "Memuat tulisan…", cachingEntries: "Menyiapkan tulisan…",
        longerLoading: "Ini bisa makan waktu beberapa menit", noEntries: "Belum ada tulisan" },
      groups: { other: "Lainnya", negateLabel: "Bukan %{label}" },
      defaultFields: { author: { label: "Penulis" }, updatedOn: { label: "Diubah" } }
    },
    editor: {
      editorControl: { field: { optional: "tidak wajib", widgetLabel: "kolom %{widgetLabel}" } },
      editorControlPane: { widget: {
        required: "%{fieldLabel} wajib diisi.", regexPattern: "%{fieldLabel}: %{pattern}",
        processing: "%{fieldLabel} sedang diproses.", range: "%{fieldLabel} harus antara %{minValue} dan %{maxValue}.",
        min: "%{fieldLabel} sedikitnya %{minValue}.", max: "%{fieldLabel} paling banyak %{maxValue}.",
        rangeCount: "%{fieldLabel} harus berisi %{minCount} sampai %{maxCount} pilihan.",
        rangeCountExact: "%{fieldLabel} harus berisi tepat %{count} pilihan.",
        rangeMin: "%{fieldLabel}: pilih sedikitnya %{minCount}.", rangeMax: "%{fieldLabel}: paling banyak %{maxCount}.",
        invalidPath: "'%{path}' bukan jalur yang sah", pathExists: "Jalur '%{path}' sudah ada" } },
      editor: { onLeavePage: "Tinggalkan halaman ini? Perubahan yang belum disimpan akan hilang.",
        onDeleteWithUnsavedChanges: "Hapus tulisan ini beserta perubahan yang belum disimpan?",
        onDeletePublishedEntry: "Hapus tulisan ini? Rilis yang sudah terbit sebaiknya dicabut, bukan dihapus.",
        loadingEntry: "Memuat tulisan…", confirmLoadBackup: "Ada salinan cadangan tulisan ini di peramban. Pakai salinan itu?" },
      editorInterface: { togglePreview: "Tampilkan/sembunyikan pratinjau", toggleScrollSync: "Gulir bersamaan" },
      editorToolbar: { publishing: "Menerbitkan…", publish: "Terbitkan", published: "Terbit", duplicate: "Gandakan",
        publishNow: "Simpan sekarang", publishAndCreateNew: "Simpan lalu tulis baru", publishAndDuplicate: "Simpan lalu gandakan",
        deleteEntry: "Hapus tulisan", deletePublishedEntry: "Hapus tulisan", saving: "Menyimpan…", save: "Simpan",
        deleting: "Menghapus…", updating: "Memperbarui…", backCollection: " Menulis di koleksi %{collectionLabel}",
        unsavedChanges: "Belum disimpan", changesSaved: "Tersimpan", draft: "Draf", ready: "Siap" },
      editorWidgets: {
        markdown: { bold: "Tebal", italic: "Miring", strikethrough: "Coret", code: "Kode", link: "Tautan",
          linkPrompt: "Alamat tautan", headings: "Judul bagian", quote: "Kutipan", bulletedList: "Daftar berbutir",
          numberedList: "Daftar bernomor", addComponent: "Sisipkan", richText: "Teks", markdown: "Markdown",
          toggleMode: { rich: "Ganti ke mode teks", markdown: "Ganti ke mode Markdown" } },
        image: { choose: "Pilih foto", chooseDifferent: "Ganti foto", remove: "Hapus foto" },
        file: { choose: "Pilih berkas", chooseDifferent: "Ganti berkas", remove: "Hapus berkas" },
        headingOptions: { headingOne: "Judul 1", headingTwo: "Judul 2", headingThree: "Judul 3",
          headingFour: "Judul 4", headingFive: "Judul 5", headingSix: "Judul 6" },
        datetime: { now: "Sekarang", clear: "Kosongkan", setToNow: "Isi %{fieldLabel} dengan waktu sekarang" },
        list: { add: "Tambah %{item}", addType: "Tambah %{item}" },
        object: { expand: "Buka", collapse: "Tutup" }
      }
    },
    mediaLibrary: {
      mediaLibraryCard: { draft: "Belum disimpan", copy: "Salin", copyUrl: "Salin alamat", copyPath: "Salin jalur", copyName: "Salin nama", copied: "Tersalin" },
      mediaLibrary: { onDelete: "Hapus media yang dipilih?", fileTooLarge: "Berkas terlalu besar (paling besar %{size} kB)." },
      mediaLibraryModal: { loading: "Memuat…", close: "Tutup", noResults: "Tidak ada hasil.", noAssetsFound: "Belum ada berkas.",
        noImagesFound: "Belum ada foto.", images: "Foto", mediaAssets: "Berkas media", search: "Cari…",
        uploading: "Mengunggah…", upload: "Unggah", download: "Unduh", deleting: "Menghapus…",
        deleteSelected: "Hapus yang dipilih", chooseSelected: "Pakai yang dipilih" }
    },
    ui: {
      default: { goBackToSite: "Kembali ke situs" },
      errorBoundary: { title: "Galat", details: "Terjadi galat — ", reportIt: "laporkan kepada pengelola situs.",
        detailsHeading: "Rincian", recoveredEntry: { heading: "Tulisan yang diselamatkan",
          warning: "Salin tulisan ini ke tempat lain sebelum meninggalkan halaman!", copyButtonLabel: "Salin" } },
      settingsDropdown: { logOut: "Keluar", account: "Pilihan akun" },
      toast: { onFailToLoadEntries: "Tulisan gagal dimuat: %{details}", onFailToPersist: "Tulisan gagal disimpan: %{details}",
        onFailToDelete: "Tulisan gagal dihapus: %{details}",
        missingRequiredField: "Ada kolom yang belum benar (lihat tanda merah). Perbaiki dulu, lalu simpan.",
        entrySaved: "Tulisan tersimpan", entryPublished: "Tulisan terbit", onFailToAuth: "%{details}",
        onLoggedOut: "Anda telah keluar; simpan salinan tulisan lalu masuk lagi",
        onBackendDown: "Layanan penyimpanan sedang terganggu. Lihat %{details}" }
    }
  });

  // image_alt: required as soon as the entry has an image (the reader's rule, reader.Builder._image).
  var AltControl = createClass({
    isValid: function () {
      // getEntry: the entry as it is now (the entry prop is the one the form opened with).
      var entry = this.props.getEntry ? this.props.getEntry() : this.props.entry;
      var image = entry && entry.getIn(["data", "image"]);
      if (image && !String(this.props.value || "").trim()) {
        return { error: { message: "Teks alternatif foto wajib diisi bila ada foto: tuliskan apa yang tampak di foto, untuk pembaca layar." } };
      }
      return true;
    },
    render: function () {
      var props = this.props;
      return h("input", {
        type: "text", id: props.forID, className: props.classNameWrapper, value: props.value || "",
        onChange: function (event) { props.onChange(event.target.value); },
        onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle
      });
    }
  });
  CMS.registerWidget("warta-alt", AltControl, createClass({ render: function () { return h("span", {}, this.props.value); } }));

  // Dates as the site shows them: "Selasa, 22 Maret 2022, 10.00 WIB" (templating.py).
  var DAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember"];
  function longDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(String(value || ""));
    if (!m) return "";
    var day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    var text = DAYS[day.getUTCDay()] + ", " + (+m[3]) + " " + MONTHS[+m[2] - 1] + " " + m[1];
    return m[4] ? text + ", " + m[4] + "." + m[5] + " WIB" : text;
  }
  function labels(collection, name) {
    var field = collection.get("fields").find(function (f) { return f.get("name") === name; });
    var found = {};
    if (field && field.get("options")) field.get("options").forEach(function (o) { found[o.get("value")] = o.get("label"); });
    return found;
  }
  function names(props, name) {
    var known = labels(props.collection, name), chosen = props.entry.getIn(["data", name]);
    return chosen ? chosen.toArray().map(function (slug) { return known[slug] || slug; }).join(", ") : "";
  }
  // A photo just uploaded through the local backend is in content/media/ at once, but the preview
  // server shows it only after its rebuild a moment later: try again a few times.
  function retry(event) {
    var img = event.target, tries = +(img.dataset.tries || 0);
    if (tries >= 20) return;
    img.dataset.tries = tries + 1;
    setTimeout(function () { img.src = img.src.split("?")[0] + "?coba=" + (tries + 1); }, 500);
  }
  // A photo uploaded with this entry stays in the browser until the entry is saved: show that copy
  // (Decap's getAsset takes the "/media/…" value for an address on the site, where it is not yet).
  function assetUrl(props, value) {
    var name = String(value).split("/").pop(), files = props.entry.get("mediaFiles");
    var draft = files && files.find(function (f) { return String(f.get("path")).split("/").pop() === name && f.get("url"); });
    return draft ? draft.get("url") : String(props.getAsset(value));
  }
  function leadImage(props) {
    var data = function (key) { return props.entry.getIn(["data", key]); };
    if (!data("image")) return null;
    return h("figure", { className: "lead-image" },
      h("img", { src: assetUrl(props, data("image")), alt: data("image_alt") || "", onError: retry }),
      data("image_credit") ? h("figcaption", {}, "Foto: " + data("image_credit")) : null);
  }

  var ReleasePreview = createClass({
    render: function () {
      var props = this.props, data = function (key) { return props.entry.getIn(["data", key]); };
      var type = labels(props.collection, "type")[data("type")] || "";
      return h("main", { className: "wrap warta-preview" }, h("article", { className: "release" },
        h("header", { className: "release-header" },
          h("p", { className: "release-kicker" }, h("span", { className: "type-badge" }, type),
            data("number") ? h("span", { className: "release-number" }, " Nomor " + data("number")) : null),
          h("h1", {}, data("title")),
          h("p", { className: "release-date" }, (data("location") ? data("location") + ", " : "") + longDate(data("date"))),
          h("dl", { className: "release-facts" }, h("dt", {}, "Instansi"), h("dd", {}, names(props, "agencies")),
            h("dt", {}, "Tema"), h("dd", {}, names(props, "themes")))),
        leadImage(props),
        h("div", { className: "release-body" }, props.widgetFor("body"))));
    }
  });

  var SessionPreview = createClass({
    render: function () {
      var props = this.props, data = function (key) { return props.entry.getIn(["data", key]); };
      var rows = function (key) { var list = data(key); return list && list.toArray ? list.toArray().filter(Boolean) : []; };
      var chapters = rows("chapters").map(function (c, i) {
        return h("li", { key: i }, h("span", { className: "chapter-at" }, c.get("at")), " ", c.get("title"));
      });
      var speakers = rows("speakers").map(function (s, i) {
        return h("li", { key: i }, (s.get("name") || "") + (s.get("role") ? " — " + s.get("role") : ""));
      });
      return h("main", { className: "wrap warta-preview" }, h("article", { className: "session" },
        h("header", {}, h("h1", {}, data("title")),
          h("p", { className: "session-when" }, longDate(data("date"))),
          data("topic") ? h("p", { className: "session-topic" }, data("topic")) : null),
        leadImage(props),
        speakers.length ? h("section", {}, h("h2", {}, "Narasumber"), h("ul", {}, speakers)) : null,
        chapters.length ? h("section", {}, h("h2", {}, "Bab"), h("ol", { className: "chapters" }, chapters)) : null,
        h("div", { className: "session-notes" }, props.widgetFor("body"))));
    }
  });

  CMS.registerPreviewStyle(document.documentElement.dataset.siteCss);
  CMS.registerPreviewTemplate("rilis", ReleasePreview);
  (document.documentElement.dataset.sessionCollections || "").split(" ").filter(Boolean).forEach(function (name) {
    CMS.registerPreviewTemplate(name, SessionPreview);
  });
  CMS.init();
})();
