// The reader's study tools in the browser (run by ReaderStudy with executeJs; not a module, no build step).
// $0 the ReaderStudy element, $1 the rows (#rows), $2 the popup (#word-popup), $3 the block to scroll to,
// $4 whether the page is editable (saves the reading position, offers segmentation corrections).
//
// It opens the dictionary popup at once on a click (or hover) from the article's dictionary, fetched once in the
// background (PopupDictionary), so a lookup never waits for the server; the server still hears of every click,
// keeps which word is open and runs the popup's actions. Its renderer mirrors WordPopup.render() exactly (a
// real-browser test compares the two). It also handles the keys and reports the reading position.
const host = $0, rowsEl = $1, popup = $2, startAt = $3, editable = $4;
if (window.__dzStudy) window.__dzStudy.dispose();

// ---------------------------------------------------------------- the popup
let seq = 0;          // counts the browser's own opens and closes; the server's pushes carry the last it saw
let handled = 0;      // for the click being dispatched: +seq when opened or closed here, -seq when the server must
let dict = null;      // {e, w} once loaded (see PopupDictionary)

const ESC = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};
const esc = s => String(s).replace(/[&<>"']/g, c => ESC[c]);
const han = /\p{Script=Han}/u;

const button = (id, action, arg, label, cls, aria) => '<button type="button" id="' + id
  + '" class="dz-popup-button ' + cls + '" data-action="' + action + '"'
  + (arg !== '' ? ' data-arg="' + arg + '"' : '') + (aria != null ? ' aria-label="' + aria + '"' : '')
  + '>' + esc(label) + '</button>';

// The same HTML as WordPopup.render() on the server.
const render = (word, info, canPrevious, canNext) => {
  const raw = dict.e[word] || [];
  const entries = info.o ? info.o.map(k => raw[k]) : raw;
  let h = '<div class="dz-popup-head"><span class="dz-popup-word" lang="zh">' + esc(word)
    + '</span><span id="popup-hsk" class="dz-popup-hsk dz-hsk-badge-' + info.h + '">'
    + (info.h === 0 ? 'beyond HSK' : 'HSK ' + info.h) + '</span>'
    + button('popup-close', 'close', '', '×', 'dz-popup-close', 'Close') + '</div>';
  if (!entries.length) {
    h += '<div class="dz-popup-none">Not in CC-CEDICT.';
    if (info.p) h += ' Reading: <span class="dz-popup-pinyin">' + esc(info.p) + '</span>';
    h += '</div>';
  }
  let index = 0;
  for (const [traditional, simplified, pinyin, definitions] of entries) {
    h += '<div class="dz-popup-entry"><div class="dz-popup-forms"><span class="dz-popup-simplified">'
      + esc(simplified) + '</span> ';
    if (traditional !== simplified) h += '<span class="dz-popup-traditional">' + esc(traditional) + '</span> ';
    h += '<span class="dz-popup-pinyin">' + esc(pinyin) + '</span></div><ol class="dz-popup-defs">';
    for (const d of definitions) {
      h += '<li class="dz-popup-def' + (index === info.c ? ' dz-chosen' : '') + '" data-action="choose" data-arg="'
        + index + '" title="Choose this definition for your vocabulary">' + esc(d) + '</li>';
      index++;
    }
    h += '</ol></div>';
  }
  const chars = Array.from(word);
  const chinese = chars.length > 1 ? chars.filter(c => han.test(c)) : [];
  if (chinese.length) {
    h += '<div id="popup-characters" class="dz-popup-chars">';
    for (const c of chinese) {
      const list = dict.e[c] || [];
      h += '<div class="dz-popup-char"><span class="dz-popup-char-form">' + esc(c) + '</span>';
      if (!list.length) h += ' (not in CC-CEDICT)';
      for (const [, , pinyin, definitions] of list.slice(0, 3)) {
        h += ' <span class="dz-popup-pinyin">' + esc(pinyin) + '</span> '
          + esc(definitions.slice(0, 4).join('; ') + (definitions.length > 4 ? '; …' : ''));
      }
      h += '</div>';
    }
    h += '</div>';
  }
  h += '<div class="dz-popup-actions">';
  if (info.v) {
    const known = info.v === 2;
    h += '<span id="popup-vocab-status" class="dz-popup-status">' + (known ? 'Known' : 'Learning') + '</span>'
      + button('popup-status', 'status', '', known ? 'Mark learning' : 'Mark known', '', null);
  } else if (han.test(word)) {
    h += button('popup-add', 'add', '', 'Add to vocabulary', 'dz-primary', null);
  }
  h += button('popup-explain', 'explain', '', 'Explain sentence', '', null) + '</div>';
  if (!editable) return h;
  h += '<div class="dz-popup-segmentation"><span>Segmentation:</span>';
  let offset = 0;
  for (let k = 1; k < chars.length; k++) {
    offset += chars[k - 1].length;
    h += button('popup-split-' + offset, 'split', String(offset),
      'Split ' + word.substring(0, offset) + '|' + word.substring(offset), '', null);
  }
  if (canPrevious) h += button('popup-merge-previous', 'merge-previous', '', 'Merge with previous', '', null);
  if (canNext) h += button('popup-merge-next', 'merge-next', '', 'Merge with next', '', null);
  return h + '</div>';
};

// The word of a span, without its ruby pinyin.
const wordOf = w => {
  if (!w.querySelector('rt')) return w.textContent;
  let s = '';
  const walker = document.createTreeWalker(w, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement.closest('rt')) s += n.data;
  return s;
};
const spanAt = (row, i) => rowsEl.querySelector('.dz-row[data-index="' + row + '"] .dz-w[data-i="' + i + '"]');
let active = null; // the word marked under the popup (kept, not searched for: a long article has 10,000s of words)
const activate = w => {
  if (active && active !== w) active.classList.remove('dz-w-active');
  active = w;
  if (w) w.classList.add('dz-w-active');
};
const place = w => {
  if (!w) return;
  const parent = popup.offsetParent || document.body, base = parent.getBoundingClientRect();
  const r = w.getBoundingClientRect();
  popup.style.top = (r.bottom - base.top + 6) + 'px';
  popup.style.left = Math.max(4, Math.min(r.left - base.left, parent.clientWidth - popup.offsetWidth - 4)) + 'px';
};
const showHtml = (html, word, row, i, s) => {
  popup.innerHTML = html;
  popup.dataset.word = word;
  popup.dataset.row = row;
  popup.dataset.i = i;
  popup.dataset.seq = s;
  popup.hidden = false;
  const w = spanAt(row, i);
  activate(w);
  place(w);
};
const hide = () => {
  popup.hidden = true;
  popup.innerHTML = '';
  popup.dataset.word = '';
  popup.dataset.row = -1;
  popup.dataset.i = -1;
  activate(null);
};
const open = w => {
  seq++;
  const row = +w.closest('.dz-row').dataset.index, i = +w.dataset.i;
  const word = wordOf(w);
  const info = dict && dict.w[word];
  if (!info) { // not loaded yet, or a word made by a correction: the server renders it
    handled = -seq;
    activate(w);
    return;
  }
  const previous = !!spanAt(row, i - 1), next = !!spanAt(row, i + 1);
  showHtml(render(word, info, previous, next), word, row, i, seq);
  handled = seq;
};
const close = () => {
  seq++;
  hide();
  handled = seq;
};

// Capture phase: runs before Vaadin's own listener on the rows, whose event data reads `handled`.
const onClick = e => {
  handled = 0;
  if (window.getSelection && !window.getSelection().isCollapsed) return; // ends a selection: a highlight
  const w = e.target.closest && e.target.closest('.dz-w');
  if (w && rowsEl.contains(w)) open(w); else close();
};
// Hover (a setting): the word opens once the pointer rests on it for HOVER_REST ms, so crossing words on the way
// to the popup does not replace it. The server hears which word is open once the pointer stays there (at once
// when it must send the popup itself).
const HOVER_REST = 30, HOVER_TELL = 250;
let hoverTimer = null, tellTimer = null;
const onOver = e => {
  if (!rowsEl.classList.contains('dz-lookup-hover')) return;
  clearTimeout(hoverTimer);
  const w = e.target.closest && e.target.closest('.dz-w');
  if (!w || !rowsEl.contains(w)) return;
  if (!popup.hidden && popup.dataset.row === w.closest('.dz-row').dataset.index && popup.dataset.i === w.dataset.i) {
    return;
  }
  hoverTimer = setTimeout(() => {
    if (!w.isConnected) return;
    open(w);
    const row = +w.closest('.dz-row').dataset.index, i = +w.dataset.i, h = handled;
    clearTimeout(tellTimer);
    tellTimer = setTimeout(() => { if (host.isConnected) host.$server.hovered(row, i, h); }, h < 0 ? 0 : HOVER_TELL);
  }, HOVER_REST);
};
// Choosing a definition and closing need no server round trip (the server hears of them all the same).
const onPopup = e => {
  const a = e.target.closest && e.target.closest('[data-action]');
  if (!a) return;
  if (a.dataset.action === 'choose') {
    popup.querySelectorAll('.dz-chosen').forEach(c => c.classList.remove('dz-chosen'));
    a.classList.add('dz-chosen');
  } else if (a.dataset.action === 'close') {
    // Vaadin's listener reads the data after this one: keep the sequence number it must report.
    const s = popup.dataset.seq;
    close();
    popup.dataset.seq = s;
  }
};
rowsEl.addEventListener('click', onClick, true);
rowsEl.addEventListener('mouseover', onOver, true);
popup.addEventListener('click', onPopup, true);
// The open popup follows its word when the text moves under it: pinyin shown or hidden, another font size or
// display mode, a narrower window. The rows' size changes then; the word's span may have been drawn anew.
const follow = () => {
  if (popup.hidden) return;
  const w = active && active.isConnected ? active : spanAt(popup.dataset.row, popup.dataset.i);
  if (!w) return;
  activate(w);
  place(w);
};
const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(follow) : null;
if (resized) resized.observe(rowsEl);
window.addEventListener('resize', follow);

// ---------------------------------------------------------------- keys and the reading position
const editing = e => {
  const t = (e.composedPath && e.composedPath()[0]) || e.target;
  // Typing fields take the keys; a focused checkbox or button (the toolbar's) does not.
  return t && (t.isContentEditable || (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)
      && !/^(checkbox|radio|button|submit)$/.test(t.type || ''))
    || (t.closest && t.closest('vaadin-text-field,vaadin-text-area,vaadin-select,vaadin-combo-box,vaadin-dialog-overlay')));
};
const keys = e => {
  if (!host.isConnected || e.ctrlKey || e.metaKey || e.altKey || editing(e)) return;
  if (['j', 'k', 't', 'p', '?', 'Escape'].includes(e.key)) {
    e.preventDefault();
    if (e.key === 'Escape') close();
    host.$server.key(e.key);
  }
};
let timer = null, last = -1;
const scroll = () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (!host.isConnected || !editable) return;
    const top = (document.querySelector('.dz-header') || {offsetHeight: 0}).offsetHeight + 60;
    for (const r of rowsEl.querySelectorAll('.dz-row')) {
      if (r.getBoundingClientRect().bottom > top) {
        const i = +r.dataset.index;
        if (i !== last) { last = i; host.$server.position(i); }
        break;
      }
    }
  }, 400);
};
document.addEventListener('keydown', keys);
window.addEventListener('scroll', scroll, {passive: true});
if (startAt > 0) {
  const r = rowsEl.querySelector('.dz-row[data-index="' + startAt + '"]');
  if (r) { last = startAt; r.scrollIntoView({block: 'start'}); window.scrollBy(0, -140); }
}

window.__dzStudy = {
  get handled() { return handled; },
  get seq() { return seq; },
  get loaded() { return !!dict; },
  // The server's popup (s: the last sequence number it saw): dropped when the browser has moved on since.
  serverPopup(s, html, word, row, i) {
    if (s < seq) return;
    if (html == null) hide(); else showHtml(html, word, row, i, s);
  },
  // Fetches the article's dictionary once, in the background.
  load(url) {
    if (!url) return;
    const t0 = performance.now();
    fetch(url, {credentials: 'same-origin'}).then(r => r.ok ? r.json() : Promise.reject(r.status)).then(d => {
      if (!host.isConnected || window.__dzStudy !== api) return;
      dict = d;
      host.dataset.dictionary = 'ready';
      host.dataset.dictionaryWords = Object.keys(d.w).length;
      host.dataset.dictionaryMs = Math.round(performance.now() - t0);
    }).catch(() => { host.dataset.dictionary = 'failed'; }); // clicks keep going through the server
  },
  // Words made by a correction, or new vocabulary statuses ({word: v}).
  addWords(d) {
    if (!dict) return;
    Object.assign(dict.e, d.e);
    Object.assign(dict.w, d.w);
  },
  statuses(v) {
    if (!dict) return;
    for (const [word, status] of Object.entries(v)) if (dict.w[word]) dict.w[word].v = status;
  },
  dispose() {
    rowsEl.removeEventListener('click', onClick, true);
    rowsEl.removeEventListener('mouseover', onOver, true);
    popup.removeEventListener('click', onPopup, true);
    if (resized) resized.disconnect();
    window.removeEventListener('resize', follow);
    document.removeEventListener('keydown', keys);
    window.removeEventListener('scroll', scroll);
    clearTimeout(timer);
    clearTimeout(hoverTimer);
    clearTimeout(tellTimer);
  }
};
const api = window.__dzStudy;
