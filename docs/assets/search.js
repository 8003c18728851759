// The search page: Pagefind indexes of the site (one per piece of years, listed newest first in
// pagefind/pieces.json) merged into one search, with facets, two orders and the state in the URL.
//
// Safety: release text is data. Titles, dates, sources, facet values and the query are set with
// textContent only; the one piece of markup, Pagefind's excerpt, is parsed in an inert document
// and rebuilt from its text and <mark> elements alone.

const ROOT = new URL("../", import.meta.url); // assets/search.js → the site's root
const FILTERS = ["topic", "author", "source", "year"];
const FACET_NAMES = { topic: "Topic", author: "Author", source: "Source", year: "Year" };
const PAGE_SIZE = 20;
const FACET_SIZE = 12;
// The same ranking for every index, or merged scores would not compare.
const RANKING = { termFrequency: 1.0, pageLength: 0.75, termSaturation: 1.4, termSimilarity: 1.0 };

const $ = (id) => document.getElementById(id);
const form = $("pa-search");
const input = $("pa-search-q");
const sortSelect = $("pa-search-sort");
const app = $("pa-search-app");
const statusLine = $("pa-search-status");
const scopeLine = $("pa-search-scope");
const list = $("pa-results");
const more = $("pa-search-more");
const facets = $("pa-facets");

let pagefind = null;
let manifest = { releases: 0, pieces: [] };
const loaded = new Set(); // names of the merged pieces
let state = readState(new URLSearchParams(location.search));
let shown = [];
let shownCount = 0;
let generation = 0;

function readState(params) {
  const filters = {};
  for (const name of FILTERS) {
    const values = params.getAll(name).filter((v) => v !== "");
    if (values.length) filters[name] = values;
  }
  return {
    q: (params.get("q") || "").trim(),
    sort: params.get("sort") === "newest" ? "newest" : "",
    all: params.get("all") === "1",
    filters,
  };
}

function writeState(push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of FILTERS) for (const value of state.filters[name] || []) params.append(name, value);
  if (state.sort) params.set("sort", state.sort);
  if (state.all) params.set("all", "1");
  const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
  if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Pagefind's excerpt: words of the page with <mark> around the matches. Only those two kinds
// of node survive; anything else becomes its text.
function excerptNodes(excerpt) {
  const body = new DOMParser().parseFromString(excerpt, "text/html").body;
  const nodes = [];
  for (const child of body.childNodes) {
    if (child.nodeType === Node.ELEMENT_NODE && child.tagName === "MARK") nodes.push(el("mark", "", child.textContent));
    else nodes.push(document.createTextNode(child.textContent));
  }
  return nodes;
}

// An excerpt that opens with the page's title repeats the line right above it: the indexed text is
// the title, then the body (and a title taken from the lede is the body's first sentence too).
// Such an opening is dropped — the whole title, or its end when the excerpt starts inside it (at
// least TAIL_WORDS words, then a full stop or the excerpt's end), compared by letters and digits
// alone, so case, spacing and punctuation do not matter — and the <mark>s after it are kept as
// they are. An excerpt that is nothing but the beginning of the title is dropped whole.
const LETTER = /[\p{L}\p{N}]/u;
const TAIL_WORDS = 2;
const TITLE_END = /^\s*[.!?…:;]/u;

function letters(text) {
  return [...text].filter((c) => LETTER.test(c)).map((c) => c.toLowerCase());
}

function dropLeadingTitle(nodes, title) {
  const wanted = letters(title);
  if (!wanted.length) return nodes;
  // Where each word of the title starts, counted in letters: the tails that may open an excerpt.
  const starts = [];
  let count = 0;
  for (const word of title.split(/\s+/)) {
    const length = letters(word).length;
    if (length) starts.push(count);
    count += length;
  }
  // Every letter of the excerpt, with its node and the offset just after it.
  const found = [];
  nodes.forEach((node, index) => {
    let offset = 0;
    for (const c of node.textContent) {
      offset += c.length;
      if (LETTER.test(c)) found.push({ c: c.toLowerCase(), index, offset });
    }
  });
  if (!found.length) return nodes;
  if (found.length < wanted.length && found.every((f, i) => f.c === wanted[i])) return [];
  for (const [n, start] of starts.entries()) {
    if (n > 0 && starts.length - n < TAIL_WORDS) break;
    const tail = wanted.slice(start);
    if (found.length < tail.length || !tail.every((c, i) => found[i].c === c)) continue;
    const cut = found[tail.length - 1];
    const after = nodes.slice(cut.index);
    const following = after.map((node, i) => (i ? node.textContent : node.textContent.slice(cut.offset))).join("");
    // A tail must end where the title ends; the whole title (a lede's first words) need not.
    if (n > 0 && following.trim() && !TITLE_END.test(following)) continue;
    return restAfter(after, cut.offset);
  }
  return nodes;
}

// The nodes from `offset` of the first one on, without the punctuation and spaces that open them.
function restAfter(nodes, offset) {
  const rest = nodes.slice();
  rest[0] = rest[0].cloneNode(true);
  rest[0].textContent = rest[0].textContent.slice(offset);
  while (rest.length && !LETTER.test(rest[0].textContent)) rest.shift();
  if (rest.length) {
    rest[0] = rest[0].cloneNode(true);
    rest[0].textContent = rest[0].textContent.replace(/^[^\p{L}\p{N}]+/u, "");
  }
  return rest;
}

function excerptWithoutTitle(nodes, title) {
  // Twice at most: the title, then the body's first sentence when the title was taken from it.
  const once = dropLeadingTitle(nodes, title);
  return once === nodes ? nodes : dropLeadingTitle(once, title);
}

const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
function humanDate(iso) {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : DATE_FORMAT.format(date);
}

function sameSite(url) {
  // Result URLs come from our own index; keep them on this site whatever they say.
  const target = new URL(url, ROOT);
  return target.origin === location.origin ? target.href : ROOT.href;
}

// ---- the indexes -----------------------------------------------------------------------------

async function loadManifest() {
  const response = await fetch(new URL("pagefind/pieces.json", ROOT));
  if (!response.ok) throw new Error(`pieces.json: HTTP ${response.status}`);
  manifest = await response.json();
}

function pieceOptions(piece) {
  return { baseUrl: ROOT.pathname, ranking: RANKING, mergeFilter: { piece: piece.name } };
}

async function start() {
  await loadManifest();
  if (!manifest.pieces.length) return;
  const first = manifest.pieces[0];
  pagefind = await import(new URL(`pagefind/${first.path}pagefind.js`, ROOT).href);
  await pagefind.options(pieceOptions(first));
  loaded.add(first.name);
}

// The pieces a search needs: the newest, whole, up to `manifest.first` releases (every index's
// metadata is fetched whole on the first query, so at a large size older pieces wait until the
// reader asks), those holding a chosen year, or all.
function wantedPieces() {
  const years = new Set((state.filters.year || []).map(Number));
  const first = manifest.first ?? 6000;
  let count = 0;
  return manifest.pieces.filter((piece) => {
    const take = state.all || count < first || piece.years.some((y) => years.has(y));
    if (take) count += piece.releases;
    return take;
  });
}

let filtersLoaded = false;
async function ensurePieces() {
  for (const piece of wantedPieces()) {
    if (loaded.has(piece.name)) continue;
    await pagefind.mergeIndex(new URL(`pagefind/${piece.path}`, ROOT).pathname, pieceOptions(piece));
    loaded.add(piece.name);
    filtersLoaded = false;
  }
}

// A search reports facet counts only for the filters whose index is loaded: load them all, once
// per set of pieces (after the first results are on screen).
async function ensureFilters() {
  if (filtersLoaded) return false;
  await pagefind.filters();
  filtersLoaded = true;
  return true;
}

function pagefindFilters(extra) {
  const filters = {};
  for (const [name, values] of Object.entries(state.filters)) filters[name] = values.length === 1 ? values[0] : values;
  return { ...filters, ...extra };
}

// Results in the order asked for. Pagefind re-sorts merged results by score, so a date order is
// not global across indexes: the pieces hold disjoint date ranges, newest first, so each piece is
// searched on its own (its synthetic `piece` filter) in date order and the lists are joined.
async function runSearch() {
  const term = state.q;
  if (state.sort !== "newest") {
    const response = await pagefind.search(term, { filters: pagefindFilters({}) });
    return { response, results: response.results };
  }
  const pieces = manifest.pieces.filter((p) => loaded.has(p.name));
  const perPiece = await Promise.all(
    pieces.map((p) => pagefind.search(term, { filters: pagefindFilters({ piece: p.name }), sort: { date: "desc" } })),
  );
  // Facet counts of the whole search: the pieces' counts added up.
  const filters = {};
  for (const response of perPiece) {
    for (const [name, values] of Object.entries(response.filters || {})) {
      const sum = (filters[name] ||= {});
      for (const [value, count] of Object.entries(values)) sum[value] = (sum[value] || 0) + count;
    }
  }
  return { response: { filters }, results: perPiece.flatMap((r) => r.results) };
}

// ---- rendering -------------------------------------------------------------------------------

function renderScope() {
  const pieces = manifest.pieces;
  const missing = pieces.filter((p) => !loaded.has(p.name));
  scopeLine.replaceChildren();
  scopeLine.hidden = missing.length === 0;
  if (!missing.length) return;
  const searched = pieces.filter((p) => loaded.has(p.name)).reduce((n, p) => n + p.releases, 0);
  const years = missing.flatMap((p) => p.years);
  scopeLine.append(
    `Searched the newest ${searched.toLocaleString("en")} of ${manifest.releases.toLocaleString("en")} releases. `,
  );
  const button = el("button", "md-button md-button--primary pa-search-all", `Search older years too (${Math.min(...years)}–${Math.max(...years)})`);
  button.type = "button";
  button.addEventListener("click", () => {
    state.all = true;
    writeState(true);
    update();
  });
  scopeLine.append(button);
}

function renderFacets(response) {
  facets.replaceChildren();
  const counts = response.filters || {};
  for (const name of FILTERS) {
    const chosen = new Set(state.filters[name] || []);
    let values = Object.entries(counts[name] || {}).filter(([value, count]) => count > 0 || chosen.has(value));
    if (name === "year") {
      // Years of pieces not searched yet are offered too: choosing one loads its piece.
      const known = new Set(values.map(([v]) => v));
      for (const piece of manifest.pieces) {
        if (loaded.has(piece.name)) continue;
        for (const year of piece.years) if (!known.has(String(year))) values.push([String(year), null]);
      }
      values.sort((a, b) => Number(b[0]) - Number(a[0]));
    } else {
      values.sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0) || a[0].localeCompare(b[0]));
    }
    if (!values.length) continue;
    const group = el("fieldset", "pa-facet");
    group.dataset.facet = name;
    group.append(el("legend", "pa-facet__name", FACET_NAMES[name]));
    const items = el("ul", "pa-facet__values");
    values.forEach(([value, count], i) => {
      const item = el("li", "pa-facet__value");
      if (i >= FACET_SIZE && !chosen.has(value)) item.hidden = true;
      const label = el("label");
      const box = el("input");
      box.type = "checkbox";
      box.name = name;
      box.value = value;
      box.checked = chosen.has(value);
      box.addEventListener("change", () => {
        const now = new Set(state.filters[name] || []);
        if (box.checked) now.add(value);
        else now.delete(value);
        if (now.size) state.filters[name] = [...now];
        else delete state.filters[name];
        writeState(true);
        update();
      });
      label.append(box, el("span", "pa-facet__label", value), el("span", "pa-facet__count", count === null ? "…" : String(count)));
      item.append(label);
      items.append(item);
    });
    group.append(items);
    if (values.length > FACET_SIZE) {
      const all = el("button", "pa-facet__more", `Show all ${values.length}`);
      all.type = "button";
      all.addEventListener("click", () => {
        for (const item of items.children) item.hidden = false;
        all.remove();
      });
      group.append(all);
    }
    facets.append(group);
  }
}

async function renderMore(token) {
  const batch = shown.slice(shownCount, shownCount + PAGE_SIZE);
  const data = await Promise.all(batch.map((r) => r.data()));
  if (token !== generation) return;
  for (const page of data) {
    const meta = page.meta || {};
    const item = el("li", "pa-result");
    const title = el("a", "pa-result__title", meta.title || page.url);
    title.href = sameSite(page.url);
    const heading = el("h2", "pa-result__heading");
    heading.append(title);
    const details = [meta.date ? humanDate(meta.date) : "", meta.source || ""].filter(Boolean).join(" · ");
    const when = el("p", "pa-result__meta", details);
    const excerpt = el("p", "pa-result__excerpt");
    excerpt.append(...excerptWithoutTitle(excerptNodes(page.excerpt || ""), meta.title || ""));
    item.append(heading, when, excerpt);
    list.append(item);
  }
  shownCount += batch.length;
  more.hidden = shownCount >= shown.length;
}

function describe(count) {
  const what = count === 1 ? "1 release" : `${count.toLocaleString("en")} releases`;
  const filters = Object.entries(state.filters).flatMap(([name, values]) => values.map((v) => `${FACET_NAMES[name].toLowerCase()} ${v}`));
  let text = state.q ? `${what} found for “${state.q}”` : `${what}`;
  if (filters.length) text += ` with ${filters.join(", ")}`;
  if (state.sort === "newest") text += ", newest first";
  return text + ".";
}

async function update() {
  const token = ++generation;
  input.value = state.q;
  sortSelect.value = state.sort;
  document.querySelectorAll(".pa-header-search__input").forEach((box) => (box.value = state.q));
  list.replaceChildren();
  more.hidden = true;
  if (!pagefind) {
    statusLine.textContent = "There are no releases to search yet.";
    app.dataset.state = "idle";
    return;
  }
  if (!state.q) {
    // No words, no search: a filter-only search would fetch every index chunk. The facets show
    // their totals over the searched pieces, and any ticked ones apply to the next query.
    statusLine.textContent = "Type words to find; the filters narrow the results.";
    scopeLine.hidden = true;
    await ensurePieces();
    await ensureFilters();
    const totals = await pagefind.filters();
    if (token !== generation) return;
    renderFacets({ filters: totals });
    renderScope();
    app.dataset.state = "idle";
    return;
  }
  statusLine.textContent = "Searching…";
  app.dataset.state = "searching";
  await ensurePieces();
  let { response, results } = await runSearch();
  if (token !== generation) return;
  shown = results;
  shownCount = 0;
  statusLine.textContent = describe(results.length);
  renderScope();
  await renderMore(token);
  if (token !== generation) return;
  if (await ensureFilters()) {
    // Same search again, now with every filter index loaded: the counts.
    ({ response } = await runSearch());
    if (token !== generation) return;
  }
  renderFacets(response);
  app.dataset.state = "done";
}

let typing = null;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  state.q = input.value.trim();
  state.sort = sortSelect.value === "newest" ? "newest" : "";
  writeState(true);
  update();
});
sortSelect.addEventListener("change", () => {
  state.sort = sortSelect.value === "newest" ? "newest" : "";
  writeState(true);
  update();
});
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => {
    state.q = input.value.trim();
    writeState(false);
    update();
  }, 250);
});
more.addEventListener("click", () => renderMore(generation));
window.addEventListener("popstate", () => {
  state = readState(new URLSearchParams(location.search));
  update();
});

// On a narrow screen the filters come first, folded, so that the results stay in view.
if (window.matchMedia("(max-width: 59.984375em)").matches) $("pa-facets-box").open = false;
app.hidden = false;
input.value = state.q;
sortSelect.value = state.sort;
start()
  .then(update)
  .catch((error) => {
    statusLine.textContent = "Search is not available: its index could not be loaded.";
    app.dataset.state = "error";
    console.error(error);
  });
