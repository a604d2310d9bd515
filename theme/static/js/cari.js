// /cari/: our own search page on Pagefind's JavaScript API (no PagefindUI).
// The URL is the state: ?q=…&instansi=…&tema=…&jenis=…&tahun=…&pemda=…&seri=…&dari=YYYY-MM&sampai=YYYY-MM&urut=terbaru
// (a parameter may repeat: values of one filter are alternatives, different filters must all match),
// so a search can be shared as a link and Back/Forward restore it.
(() => {
  const root = document.getElementById("cari");
  if (!root) return;
  const form = root.querySelector("[data-cari-form]");
  const input = form.elements.q;
  const status = root.querySelector("[data-cari-status]");
  const list = root.querySelector("[data-cari-results]");
  const more = root.querySelector("[data-cari-more]");
  const facets = [...root.querySelectorAll("[data-facet]")];
  const FACET_KEYS = facets.map((el) => el.dataset.facet);
  const PER_PAGE = Number(root.dataset.perPage) || 10;
  const PAGE_TITLE = document.title;
  const NO_MONTH = "0000-00"; // a month no page carries: an empty date range matches nothing
  // Every entry carries this word. Pagefind answers a search without words by downloading the whole
  // index, so "only filters" searches this word instead: one index chunk.
  const ALL_WORD = root.dataset.all;
  let pagefind = null;
  let months = []; // every YYYY-MM in the index, from Pagefind's filter totals
  let shown = { results: [], count: 0, state: null };
  let generation = 0; // a newer search makes older, slower ones drop their output
  let typing = null;

  document.querySelector("[data-cari-nojs]").hidden = true;
  root.hidden = false;
  const panel = root.querySelector("[data-saring-panel]");
  panel.open = window.matchMedia("(min-width: 52rem)").matches;

  // ---- state <-> URL <-> controls ----

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const state = { q: (params.get("q") || "").trim(), filters: {}, dari: "", sampai: "", urut: "" };
    for (const key of FACET_KEYS) {
      const values = params.getAll(key).filter(Boolean);
      if (values.length) state.filters[key] = [...new Set(values)];
    }
    for (const key of ["dari", "sampai"]) {
      const value = params.get(key) || "";
      state[key] = /^\d{4}-\d{2}$/.test(value) ? value : "";
    }
    state.urut = params.get("urut") === "terbaru" ? "terbaru" : "";
    return state;
  }

  function readControls() {
    const state = {
      q: input.value.trim(),
      filters: {},
      dari: root.querySelector("#cari-dari").value,
      sampai: root.querySelector("#cari-sampai").value,
      urut: root.querySelector('input[name="urut"]:checked')?.value || "",
    };
    for (const key of FACET_KEYS) {
      const values = [...root.querySelectorAll(`input[name="${key}"]:checked`)].map((box) => box.value);
      if (values.length) state.filters[key] = values;
    }
    return state;
  }

  function showState(state) {
    input.value = state.q;
    for (const box of root.querySelectorAll("[data-facet] input")) {
      box.checked = (state.filters[box.name] || []).includes(box.value);
    }
    root.querySelector("#cari-dari").value = state.dari;
    root.querySelector("#cari-sampai").value = state.sampai;
    for (const radio of root.querySelectorAll('input[name="urut"]')) radio.checked = radio.value === state.urut;
  }

  function toUrl(state) {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const key of FACET_KEYS) for (const value of state.filters[key] || []) params.append(key, value);
    for (const key of ["dari", "sampai", "urut"]) if (state[key]) params.set(key, state[key]);
    const query = params.toString();
    return location.pathname + (query ? `?${query}` : "");
  }

  // ---- Pagefind ----

  async function load() {
    if (!pagefind) {
      const api = await import(root.dataset.pagefind);
      await api.options({
        baseUrl: new URL(root.dataset.base, location.href).pathname,
        excerptLength: Number(root.dataset.excerpt) || 30,
      });
      // Archives built in shards (per year or per government) search as one: each shard's bundle is merged in.
      for (const bundle of JSON.parse(root.dataset.merge || "[]")) {
        await api.mergeIndex(new URL(bundle, location.href).pathname);
      }
      // Loading the filter totals once makes every search report counts per filter value.
      const totals = await api.filters();
      months = Object.keys(totals.bulan || {}).sort();
      pagefind = api;
    }
    return pagefind;
  }

  // Pagefind has no range filter: every page carries a `bulan` (YYYY-MM) filter, and a range
  // becomes "any of the months between dari and sampai" — exact, and counted like any filter.
  function monthsBetween(dari, sampai) {
    let [low, high] = [dari || "0000-00", sampai || "9999-99"];
    if (low > high) [low, high] = [high, low];
    const inside = months.filter((m) => m >= low && m <= high);
    return inside.length ? inside : [NO_MONTH];
  }

  function pagefindFilters(state, leaveOut = null) {
    const filters = {};
    for (const [key, values] of Object.entries(state.filters)) {
      if (key !== leaveOut) filters[key] = { any: values };
    }
    if (state.dari || state.sampai) filters.bulan = { any: monthsBetween(state.dari, state.sampai) };
    return filters;
  }

  function searchOptions(state, leaveOut = null) {
    const options = { filters: pagefindFilters(state, leaveOut) };
    // Without words there is no relevance to rank by: the newest first.
    if (!state.q || state.urut === "terbaru") options.sort = { tanggal: "desc" };
    return options;
  }

  // Counts beside each value: what ticking it would give. Values of one filter are alternatives,
  // so a filter with ticked values is counted as if it were not applied (one extra search, no download).
  async function facetCounts(api, state, search) {
    const counts = { ...search.filters };
    for (const key of Object.keys(state.filters)) {
      const without = await api.search(state.q || ALL_WORD, searchOptions(state, key));
      counts[key] = without.filters[key] || {};
    }
    return counts;
  }

  async function run(state) {
    const mine = ++generation;
    list.setAttribute("aria-busy", "true");
    try {
      const api = await load();
      const search = await api.search(state.q || ALL_WORD, searchOptions(state));
      const counts = await facetCounts(api, state, search);
      if (mine !== generation) return;
      shown = { results: search.results, count: 0, state };
      list.replaceChildren();
      await showMore(false);
      showCounts(counts);
      document.title = state.q ? `“${state.q}” — ${PAGE_TITLE}` : PAGE_TITLE;
    } catch (error) {
      if (mine !== generation) return;
      status.textContent = "Pencarian tidak dapat dimuat. Muat ulang halaman ini, atau jelajahi arsip menurut instansi, tema atau tanggal.";
      console.error(error);
    } finally {
      if (mine === generation) list.removeAttribute("aria-busy");
    }
  }

  // ---- output ----

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text; // metadata is raw text: never innerHTML
    return node;
  }

  function resultItem(data) {
    const meta = data.meta || {};
    const kind = (data.filters?.jenis || [""])[0];
    const card = el("article", "card hasil");
    const line = el("p", "card-meta");
    line.append(el("span", `badge badge-${kind}`, meta.jenis || ""));
    if (meta.tanggal) {
      const time = el("time", "", meta.tanggal_teks || meta.tanggal);
      time.dateTime = meta.tanggal;
      line.append(" ", time);
    }
    const title = el("h3", "card-title");
    const link = el("a", "", meta.title || data.url);
    link.href = data.url;
    title.append(link);
    card.append(line, title);
    if (meta.image) {
      const image = el("img", "hasil-gambar");
      Object.assign(image, { src: meta.image, alt: "", loading: "lazy", decoding: "async" });
      card.append(image);
    }
    const excerpt = el("p", "card-summary");
    excerpt.innerHTML = data.excerpt; // Pagefind escapes the page text and adds only <mark> around matches
    card.append(excerpt);
    if (meta.instansi) card.append(el("p", "card-tags", meta.instansi));
    const item = el("li");
    item.append(card);
    return item;
  }

  async function showMore(moveFocus) {
    const mine = generation;
    more.disabled = true; // a second click while loading would add the same results twice
    const next = shown.results.slice(shown.count, shown.count + PER_PAGE);
    const pages = await Promise.all(next.map((result) => result.data()));
    more.disabled = false;
    if (mine !== generation) return;
    const items = pages.map(resultItem);
    list.append(...items);
    shown.count += items.length;
    more.hidden = shown.count >= shown.results.length;
    announce();
    if (moveFocus && items[0]) items[0].querySelector("a").focus();
  }

  function announce() {
    const { state, count } = shown;
    const total = shown.results.length;
    const number = total.toLocaleString("id-ID");
    const what = state.q ? `${number} hasil untuk “${state.q}”` : `${number} entri`;
    const narrowed = Object.keys(pagefindFilters(state)).length ? " dengan saringan yang dipilih" : "";
    const order = !state.q || state.urut === "terbaru" ? ", terbaru dulu" : "";
    status.textContent = total
      ? `${what}${narrowed}${order}. Menampilkan ${count.toLocaleString("id-ID")}.`
      : `Tidak ada hasil${state.q ? ` untuk “${state.q}”` : ""}${narrowed}. Coba kata lain atau hapus saringan.`;
  }

  function showCounts(counts) {
    for (const facet of facets) {
      const key = facet.dataset.facet;
      let chosen = 0;
      for (const option of facet.querySelectorAll("[data-option]")) {
        const box = option.querySelector("input");
        const n = counts[key]?.[box.value] ?? 0;
        option.querySelector("[data-count]").textContent = `(${n.toLocaleString("id-ID")})`;
        option.hidden = n === 0 && !box.checked;
        chosen += box.checked ? 1 : 0;
      }
      facet.querySelector("[data-chosen]").textContent = chosen ? `· ${chosen} dipilih` : "";
    }
    const { state } = shown;
    const active = Object.keys(state.filters).length + (state.dari || state.sampai ? 1 : 0);
    panel.querySelector("[data-saring-active]").textContent = active ? `· ${active} aktif` : "";
  }

  // ---- events ----

  function commit(how) {
    clearTimeout(typing);
    const state = readControls();
    const url = toUrl(state);
    if (url !== location.pathname + location.search) history[how](state, "", url);
    run(state);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    commit("pushState");
  });
  input.addEventListener("input", () => {
    clearTimeout(typing);
    if (pagefind && input.value.trim()) pagefind.preload(input.value.trim());
    // While typing, the address follows without filling the history with every letter.
    typing = setTimeout(() => commit("replaceState"), 300);
  });
  root.querySelector(".cari-saring").addEventListener("change", () => commit("pushState"));
  root.querySelector("[data-cari-reset]").addEventListener("click", () => {
    showState({ q: input.value.trim(), filters: {}, dari: "", sampai: "", urut: "" });
    commit("pushState");
  });
  more.addEventListener("click", () => showMore(true));
  window.addEventListener("popstate", () => {
    const state = readUrl();
    showState(state);
    run(state);
  });

  const initial = readUrl();
  showState(initial);
  run(initial);
})();
