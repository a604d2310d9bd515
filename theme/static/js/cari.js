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
  // Pagefind adds this filter to every page of one bundle (its mergeFilter option), so that one
  // bundle can be searched alone: "0" is the first, then in the order they were merged.
  const PART = "bagian";
  // An archive with no entry has no index: every search finds nothing.
  const NOTHING = { search: async () => ({ results: [], filters: {} }), preload: () => {} };
  let pagefind = null;
  let bundles = 0; // how many bundles were merged into one search
  let months = []; // every YYYY-MM in the index, from Pagefind's filter totals
  let shown = { source: null, count: 0, state: null };
  let excluded = new Set(); // bundles where a word of the query matched only a short token (wordsOnly)
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

  // This archive's shards of years (newest first, the first one loads Pagefind), then the indexes of
  // other sites in WARTA_SEARCH["merge"], all searched as one through Pagefind's mergeIndex.
  async function load() {
    if (!pagefind && !root.dataset.pagefind) pagefind = NOTHING;
    if (!pagefind) {
      const sites = Promise.all(JSON.parse(root.dataset.merge || "[]").map(bundlesOf));
      const api = await import(root.dataset.pagefind);
      const excerptLength = Number(root.dataset.excerpt) || 30;
      const own = { baseUrl: new URL(root.dataset.base, location.href).pathname, excerptLength };
      await api.options({ ...own, mergeFilter: { [PART]: "0" } });
      const others = [
        ...JSON.parse(root.dataset.shards || "[]").map((path) => [path, own]),
        ...(await sites).flat().map((path) => [path, { excerptLength }]),
      ];
      await Promise.all(
        others.map(([path, options], i) => {
          const tagged = { ...options, mergeFilter: { [PART]: String(i + 1) } };
          return api.mergeIndex(new URL(path, location.href).pathname, tagged);
        }),
      );
      bundles = others.length + 1;
      // Loading the filter totals once makes every search report counts per filter value.
      const totals = await api.filters();
      months = Object.keys(totals.bulan || {}).sort();
      pagefind = api;
    }
    return pagefind;
  }

  // Another Warta site's index is a folder of shards that warta-shards.json lists; anything else is one bundle.
  async function bundlesOf(folder) {
    const base = new URL(folder.endsWith("/") ? folder : `${folder}/`, location.href);
    try {
      const response = await fetch(new URL("warta-shards.json", base));
      if (response.ok) return (await response.json()).shards.map((shard) => new URL(shard.folder, base).pathname);
    } catch (error) {
      console.warn(error); // not a Warta index, or unreadable: merged as a single bundle
    }
    return [base.pathname];
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
    if (excluded.size) {
      const kept = Array.from({ length: bundles }, (_, i) => String(i)).filter((i) => !excluded.has(Number(i)));
      options.filters[PART] = { any: kept.length ? kept : ["-"] }; // "-": no bundle, so no result
    }
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

  // Results in the order Pagefind gave them.
  function inOrder(results) {
    let at = 0;
    return {
      total: results.length,
      async take(count) {
        const next = results.slice(at, at + count);
        at += next.length;
        return next;
      },
    };
  }

  // Pagefind's merged search orders a sorted query by each result's place inside its own bundle
  // (0, 1, 2… in every shard), which interleaves bundles wrongly. So each bundle is searched alone
  // and the lists, each newest first, are merged. The month of every result is known without
  // loading it: a list is in date order, so its first n results are in its newest month (n from
  // the search's `bulan` counts), and so on; pages without a date come last. Only where two
  // bundles share a month (other sites' indexes, never two shards of this one) is the day read.
  async function byDate(api, term, options) {
    const own = Array.from({ length: bundles }, (_, i) => i).filter((i) => !excluded.has(i));
    const searches = await Promise.all(
      own.map((i) => api.search(term, { ...options, filters: { ...options.filters, [PART]: String(i) } })),
    );
    return newestFirst(searches.map(withMonths).filter((items) => items.length));
  }

  function withMonths(search) {
    const counts = Object.entries(search.filters.bulan || {}).filter(([, n]) => n > 0);
    counts.sort(([a], [b]) => (a < b ? 1 : -1));
    const months = counts.flatMap(([month, n]) => Array(n).fill(month));
    return search.results.map((result, i) => ({ result, month: months[i] || "" }));
  }

  function newestFirst(lists) {
    const heads = lists.map((items) => ({ items, at: 0 }));
    async function newer(a, b) {
      const [x, y] = [a.items[a.at], b.items[b.at]];
      if (x.month !== y.month) return x.month > y.month; // "" (no date) sorts after every month
      if (!x.month) return false;
      const [p, q] = await Promise.all([dataOf(x.result), dataOf(y.result)]);
      return (p.meta?.tanggal || "") > (q.meta?.tanggal || "");
    }
    return {
      total: lists.reduce((sum, items) => sum + items.length, 0),
      async take(count) {
        const taken = [];
        while (taken.length < count) {
          let best = null;
          for (const head of heads) {
            if (head.at < head.items.length && (!best || (await newer(head, best)))) best = head;
          }
          if (!best) break;
          taken.push(best.items[best.at++].result);
        }
        return taken;
      },
    };
  }

  // A result's data, loaded once: ordering by day may need it before it is shown.
  const loaded = new WeakMap();
  function dataOf(result) {
    if (!loaded.has(result)) loaded.set(result, result.data());
    return loaded.get(result);
  }

  // ---- words, not initials ----
  // Pagefind finds a query word in every indexed word that begins with it ("vaksin": "vaksinasi"). When
  // no indexed word does, it takes the longest indexed word that the query word begins with, however
  // short: "hoaks", in an index without it, finds every page with the initial "H." (indexed as "h").
  // So each word is looked up alone in each bundle (they are indexed apart), and a bundle where it
  // only reached such a token, of at most SHORT letters (an initial, a number, "RT"), is left out: no
  // page there has that word. The check reads one or two results' text, which the list shows anyway.
  const SHORT = 2;
  const normal = (word) => word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  const standsIn = (word, token) => token.length <= SHORT && token.length < word.length && word.startsWith(token);

  async function wordsOnly(api, q) {
    const wrong = new Set();
    if (/^\s*".+"\s*$/.test(q)) return wrong; // an exact search takes only whole words
    const words = [...new Set(q.split(/\s+/).map(normal))].filter((word) => word.length > 1);
    for (const word of words) {
      const open = Array.from({ length: bundles }, (_, i) => i).filter((i) => !wrong.has(i));
      const short = await Promise.all(
        open.map(async (i) => {
          const search = await api.search(word, { filters: { [PART]: String(i) } });
          return onlyShort(word, search.results.slice(0, 2));
        }),
      );
      open.forEach((i, at) => short[at] && wrong.add(i));
    }
    return wrong;
  }

  // Whether these results matched ``word`` through a short token only (all of one bundle match the same).
  async function onlyShort(word, results) {
    if (!results.length) return false;
    for (const result of results) {
      const data = await dataOf(result);
      const tokens = result.words.length
        ? result.words.map((at) => normal(data.content.split(/\s+/)[at] || ""))
        : (result.matchedMetaFields || Object.keys(data.meta || {})).flatMap((key) =>
            String(data.meta?.[key] || "").split(/\s+/).map(normal),
          );
      if (!tokens.some((token) => standsIn(word, token)) || tokens.some((token) => token.startsWith(word))) {
        return false;
      }
    }
    return true;
  }

  async function run(state) {
    const mine = ++generation;
    list.setAttribute("aria-busy", "true");
    try {
      const api = await load();
      excluded = state.q ? await wordsOnly(api, state.q) : new Set();
      if (mine !== generation) return;
      const term = state.q || ALL_WORD;
      const options = searchOptions(state);
      const search = await api.search(term, options);
      const counts = await facetCounts(api, state, search);
      // By relevance, Pagefind's merged order is the order; by date it is not when there are several bundles.
      const source = options.sort && bundles > 1 ? await byDate(api, term, options) : inOrder(search.results);
      if (mine !== generation) return;
      shown = { source, count: 0, state };
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
    const next = await shown.source.take(PER_PAGE);
    const pages = await Promise.all(next.map(dataOf));
    more.disabled = false;
    if (mine !== generation) return;
    const items = pages.map(resultItem);
    list.append(...items);
    shown.count += items.length;
    more.hidden = shown.count >= shown.source.total;
    announce();
    if (moveFocus && items[0]) items[0].querySelector("a").focus();
  }

  function announce() {
    const { state, count } = shown;
    const total = shown.source.total;
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
