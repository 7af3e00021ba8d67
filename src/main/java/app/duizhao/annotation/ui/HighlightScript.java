package app.duizhao.annotation.ui;

/**
 * The client side of highlighting, run once on the {@link AnnotationLayer}'s element ({@code this}). It reports a
 * text selection inside one Chinese cell ({@code .dz-zh}) or English text ({@code .dz-en-text}) as the row's block
 * index, the side and character offsets within the cell's text, and draws the server's highlights by wrapping those
 * offsets in {@code <mark>} elements. Offsets count text nodes only and skip {@code <rt>}/{@code <rp>}, so ruby
 * annotations over the Chinese (study tools) do not shift them. It also autosaves the text of open editors.
 */
final class HighlightScript {

    private HighlightScript() {
    }

    static final String INSTALL = """
            const layer = this;
            const readOnly = $0;
            layer.dzList = [];
            const skip = n => { const p = n.parentElement; return p && p.closest('rt, rp'); };
            const texts = cell => {
              const out = [];
              const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
              for (let n = walker.nextNode(); n; n = walker.nextNode()) { if (!skip(n)) out.push(n); }
              return out;
            };
            const cellOf = node => {
              const el = node && (node.nodeType === 1 ? node : node.parentElement);
              const cell = el && el.closest('.dz-zh, .dz-en-text');
              return cell && cell.closest('.dz-row') && !cell.closest('.dz-editor') ? cell : null;
            };
            const offset = (cell, container, off) => {
              let count = 0;
              for (const t of texts(cell)) {
                if (t === container) return count + off;
                const r = document.createRange();
                r.selectNodeContents(t);
                if (r.comparePoint(container, off) > 0) count += t.data.length; else break;
              }
              return count;
            };
            const cellFor = (index, side) => {
              const row = document.querySelector('.dz-row[data-index="' + index + '"]');
              return row && row.querySelector(side === 'zh' ? '.dz-zh' : '.dz-en-text');
            };
            const wrap = (cell, h) => {
              let at = 0;
              for (const t of texts(cell)) {
                const from = Math.max(h.start, at), to = Math.min(h.end, at + t.data.length);
                if (from < to) {
                  let node = t;
                  if (from > at) node = node.splitText(from - at);
                  if (to - from < node.data.length) node.splitText(to - from);
                  const mark = document.createElement('mark');
                  mark.className = 'dz-hl dz-hl-' + h.colour + (h.note ? ' dz-hl-noted' : '');
                  mark.dataset.id = h.id;
                  if (h.note) mark.title = h.note;
                  node.parentNode.insertBefore(mark, node);
                  mark.appendChild(node);
                }
                at += t.data.length;
                if (at >= h.end) break;
              }
            };
            let observer = null;
            const draw = () => {
              if (observer) observer.disconnect();
              document.querySelectorAll('mark.dz-hl').forEach(m => {
                const parent = m.parentNode;
                while (m.firstChild) parent.insertBefore(m.firstChild, m);
                parent.removeChild(m);
                parent.normalize();
              });
              for (const h of layer.dzList) {
                const cell = cellFor(h.index, h.side);
                // Only where the quote is still at its place: a row whose text changed since (streaming, a new
                // translation) is left unmarked until the server re-anchors its highlights.
                if (cell && texts(cell).map(t => t.data).join('').substring(h.start, h.end) === h.exact) wrap(cell, h);
              }
              const rows = document.getElementById('rows');
              if (rows) {
                observer = observer || new MutationObserver(() => { clearTimeout(layer.dzTimer); layer.dzTimer = setTimeout(draw, 50); });
                observer.observe(rows, { childList: true, characterData: true, subtree: true });
              }
            };
            layer.dzRender = list => { layer.dzList = list; draw(); };
            if (readOnly) return;
            if (window.dzHighlightMouseUp) document.removeEventListener('mouseup', window.dzHighlightMouseUp);
            window.dzHighlightMouseUp = event => {
              if (!layer.isConnected) return;
              if (event.target.closest && event.target.closest('.dz-hl-popover')) return;
              setTimeout(() => {
                const sel = window.getSelection();
                if (!sel || sel.rangeCount === 0) return;
                if (sel.isCollapsed) {
                  const mark = event.target.closest && event.target.closest('mark.dz-hl');
                  if (mark) layer.$server.markClicked(parseInt(mark.dataset.id), event.clientX, event.clientY);
                  return;
                }
                const range = sel.getRangeAt(0);
                const cell = cellOf(range.startContainer);
                if (!cell || cell !== cellOf(range.endContainer)) return;
                const start = offset(cell, range.startContainer, range.startOffset);
                const end = offset(cell, range.endContainer, range.endOffset);
                if (end <= start) return;
                const index = parseInt(cell.closest('.dz-row').dataset.index);
                const side = cell.classList.contains('dz-zh') ? 'zh' : 'en';
                const rect = range.getBoundingClientRect();
                layer.$server.selected(index, side, start, end, rect.left, rect.bottom);
              }, 0);
            };
            document.addEventListener('mouseup', window.dzHighlightMouseUp);
            const sent = {};
            layer.dzAutosave = setInterval(() => {
              if (!layer.isConnected) { clearInterval(layer.dzAutosave); return; }
              const open = {};
              document.querySelectorAll('.dz-row vaadin-text-area[data-field]').forEach(area => {
                if (area.offsetParent === null) return;
                const row = area.closest('.dz-row');
                const key = row.dataset.index + '/' + area.dataset.field;
                open[key] = true;
                if (sent[key] !== area.value) {
                  sent[key] = area.value;
                  layer.$server.autosave(parseInt(row.dataset.index), area.dataset.field, area.value);
                }
              });
              for (const key of Object.keys(sent)) {
                if (!open[key]) {
                  // The editor was saved or cancelled: its draft is no longer needed.
                  const [index, field] = key.split('/');
                  delete sent[key];
                  layer.$server.autosave(parseInt(index), field, '');
                }
              }
            }, $1);
            """;
}
