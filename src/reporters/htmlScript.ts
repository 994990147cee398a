// The one script of index.html (pinned by hash in its CSP). It filters the requirement rows (outcome, feature,
// level, free text; the filter is also read from and written to the URL query, so a filtered view can be linked),
// opens the requirement named in the URL hash, and decodes a check's exchanges only when they are opened.
// It builds the DOM with textContent only: provider text never becomes markup.

export const REPORT_SCRIPT = `
'use strict';
const byId = (id) => document.getElementById(id);
const controls = { q: byId('q'), outcome: byId('outcome'), feature: byId('feature'), level: byId('level') };
const rows = [...document.querySelectorAll('#requirements tbody tr')];

function apply() {
  const needle = controls.q.value.trim().toLowerCase();
  let n = 0;
  for (const row of rows) {
    const ok = ['outcome', 'feature', 'level'].every((k) => !controls[k].value || row.dataset[k] === controls[k].value)
      && row.dataset.text.includes(needle);
    row.hidden = !ok;
    if (ok) n++;
  }
  byId('shown').textContent = n + ' of ' + rows.length + ' shown';
  const query = new URLSearchParams();
  for (const [k, el] of Object.entries(controls)) if (el.value) query.set(k, el.value);
  const search = query.toString() ? '?' + query : '';
  if (search !== location.search) {
    try { history.replaceState(null, '', search + location.hash); } catch { /* file:// in some browsers */ }
  }
}

function readQuery() {
  const query = new URLSearchParams(location.search);
  for (const [k, el] of Object.entries(controls)) {
    const v = query.get(k);
    if (v !== null && (el.tagName !== 'SELECT' || [...el.options].some((o) => o.value === v))) el.value = v;
  }
}

let archive;
function transcripts() {
  if (!archive) {
    const bytes = Uint8Array.from(atob(byId('transcripts').content.textContent.trim()), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    archive = new Response(stream).json();
  }
  return archive;
}

function element(tag, textContent) {
  const el = document.createElement(tag);
  if (textContent !== undefined) el.textContent = textContent;
  return el;
}

async function fill(box) {
  if (box.dataset.filled) return;
  box.dataset.filled = '1';
  const status = box.appendChild(element('p', 'decoding…'));
  try {
    const exchanges = (await transcripts())[Number(box.dataset.check)];
    for (const x of exchanges) {
      const d = element('details');
      d.append(element('summary', x.summary), element('p', 'request'), element('pre', x.request),
        element('p', 'response'), element('pre', x.response), element('p', 'reproduce'), element('pre', x.curl));
      box.appendChild(d);
    }
    status.remove();
  } catch (err) {
    status.textContent = 'could not decode the exchanges: ' + err;
  }
}

function openFromHash() {
  const row = location.hash.length > 1 ? byId(decodeURIComponent(location.hash.slice(1))) : null;
  if (!row || !rows.includes(row)) return;
  if (row.hidden) { for (const el of Object.values(controls)) el.value = ''; apply(); }
  const details = row.querySelector('details.evidence');
  details.open = true;
  for (const box of details.querySelectorAll('details.exchanges')) box.open = true;
  row.scrollIntoView();
}

document.addEventListener('toggle', (e) => {
  if (e.target.matches && e.target.matches('details.exchanges') && e.target.open) fill(e.target);
}, true);
for (const el of Object.values(controls)) el.addEventListener(el.tagName === 'SELECT' ? 'change' : 'input', apply);
window.addEventListener('hashchange', openFromHash);
readQuery();
apply();
openFromHash();
`;
