// Listen (issue 16): the Web Speech API reads Chinese aloud in the browser. $0 is the controls' element.
(function (root) {
  if (root.__dzListen) { return; }
  root.__dzListen = true;
  const synth = window.speechSynthesis;
  const status = root.querySelector('#listen-status');
  const rateInput = root.querySelector('#listen-rate');
  const rateValue = root.querySelector('#listen-rate-value');
  const stop = root.querySelector('#listen-stop');
  const buttons = Array.from(root.querySelectorAll('[data-what]'));
  const ENDS = /[。！？!?；;…]/;
  let voice = null;
  let lastWord = null;
  let speaking = [];

  const saved = parseFloat(localStorage.getItem('dz-listen-rate'));
  if (saved >= 0.5 && saved <= 1.5) { rateInput.value = String(saved); }
  const showRate = () => { rateValue.textContent = Number(rateInput.value).toFixed(1) + '×'; };
  showRate();
  rateInput.addEventListener('input', () => { localStorage.setItem('dz-listen-rate', rateInput.value); showRate(); });

  function noVoice() {
    buttons.forEach(b => { b.disabled = true; });
    buttons[0].textContent = 'No Chinese voice in this browser';
    root.classList.add('dz-listen-unavailable');
    status.textContent = 'Install a Chinese (zh-CN) voice for your system or browser to hear the text.';
  }
  function pickVoice() {
    const voices = synth ? synth.getVoices() : [];
    const zh = voices.filter(v => /^(zh|cmn)([-_]|$)/i.test(v.lang || ''));
    return zh.find(v => /CN|Hans/i.test(v.lang)) || zh[0] || null;
  }
  function ready(done) {
    if (!synth || typeof window.SpeechSynthesisUtterance === 'undefined') { noVoice(); return; }
    voice = pickVoice();
    if (voice) { done(); return; }
    let settled = false;
    const settle = () => {
      if (settled) { return; }
      voice = pickVoice();
      if (voice) { settled = true; done(); }
    };
    synth.addEventListener && synth.addEventListener('voiceschanged', settle);
    setTimeout(() => { settle(); if (!voice) { settled = true; noVoice(); } }, 1500);
  }

  function textOf(node) {
    if (node.nodeType === 3) { return node.textContent; }
    if (!node.querySelector || !node.querySelector('rt')) { return node.textContent; }
    const copy = node.cloneNode(true);
    copy.querySelectorAll('rt').forEach(rt => rt.remove());
    return copy.textContent;
  }
  // The sentences of a row: each its text and the word spans to highlight.
  function sentencesOf(row) {
    const cell = row.querySelector('.dz-zh');
    if (!cell) { return []; }
    const out = [];
    let current = { text: '', words: [] };
    const flush = () => { if (current.text.trim()) { out.push(current); } current = { text: '', words: [] }; };
    cell.childNodes.forEach(node => {
      const text = textOf(node);
      current.text += text;
      if (node.nodeType === 1 && node.classList.contains('dz-w')) { current.words.push(node); }
      if (ENDS.test(text) && !(node.nodeType === 1 && node.classList.contains('dz-w'))) { flush(); }
    });
    flush();
    return out;
  }
  function rows() { return Array.from(document.querySelectorAll('.dz-row')).filter(r => r.querySelector('.dz-zh')); }
  function currentRow() {
    if (lastWord && lastWord.isConnected) { return lastWord.closest('.dz-row'); }
    return document.querySelector('.dz-row.dz-current') || rows()[0] || null;
  }
  function clear() {
    speaking.forEach(w => w.classList.remove('dz-speaking'));
    speaking = [];
    document.querySelectorAll('.dz-row.dz-reading').forEach(r => r.classList.remove('dz-reading'));
  }
  function finish() { clear(); stop.hidden = true; status.textContent = ''; }
  function speak(list) {
    synth.cancel();
    clear();
    if (!list.length) { return; }
    stop.hidden = false;
    list.forEach((s, i) => {
      const u = new SpeechSynthesisUtterance(s.text.trim());
      u.lang = voice && voice.lang ? voice.lang : 'zh-CN';
      if (voice) { u.voice = voice; }
      u.rate = Number(rateInput.value);
      u.onstart = () => {
        clear();
        speaking = s.words;
        speaking.forEach(w => w.classList.add('dz-speaking'));
        if (s.row) { s.row.classList.add('dz-reading'); }
        status.textContent = 'Reading ' + (i + 1) + ' of ' + list.length;
        if (s.words[0] && s.words[0].scrollIntoView) { s.words[0].scrollIntoView({ block: 'nearest' }); }
      };
      u.onend = () => { if (i === list.length - 1) { finish(); } };
      u.onerror = () => { finish(); };
      synth.speak(u);
    });
  }
  function listen(what) {
    const row = currentRow();
    if (!row) { return; }
    let list = [];
    if (what === 'sentence') {
      const all = sentencesOf(row).map(s => Object.assign(s, { row }));
      const found = lastWord ? all.find(s => s.words.includes(lastWord)) : null;
      list = [found || all[0]].filter(Boolean);
    } else if (what === 'paragraph') {
      list = sentencesOf(row).map(s => Object.assign(s, { row }));
    } else {
      const all = rows();
      all.slice(Math.max(0, all.indexOf(row))).forEach(r => sentencesOf(r).forEach(s => list.push(Object.assign(s, { row: r }))));
    }
    speak(list);
  }

  document.addEventListener('click', e => {
    const w = e.target.closest && e.target.closest('.dz-w');
    if (w) { lastWord = w; }
  }, true);
  ready(() => {
    buttons.forEach(b => b.addEventListener('click', () => listen(b.dataset.what)));
    status.textContent = '';
    root.dataset.voice = voice.name || voice.lang;
  });
  stop.addEventListener('click', () => { synth.cancel(); finish(); });

  // A link to a paragraph (#block-N, from the review) scrolls to it and marks it.
  let tries = 0;
  const jump = () => {
    const m = /^#block-(\d+)$/.exec(location.hash);
    if (!m) { return; }
    const row = document.querySelector('.dz-row[data-index="' + m[1] + '"]');
    if (row) { row.scrollIntoView({ block: 'center' }); row.classList.add('dz-linked'); }
    else if (++tries < 40) { setTimeout(jump, 250); } // the rows of a long article come in the background
  };
  jump();
})($0);
