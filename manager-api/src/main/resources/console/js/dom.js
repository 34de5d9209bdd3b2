// Builds DOM nodes from data without ever parsing it as HTML: every value becomes text or an attribute.

/** h('a', {href: '#/x', class: 'y'}, 'text', child…); null/false children are skipped; on* attributes are listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** A status as a pill; the class is only set for known statuses, so no data becomes a class name. */
const KNOWN_STATUSES = new Set(['pending', 'queued', 'scheduled', 'started', 'cancelling', 'force_cancelling',
  'kill_cancelling', 'terminated', 'failed', 'cancelled', 'accepted', 'running', 'successful', 'dismissed']);

export function statusPill(status) {
  const known = KNOWN_STATUSES.has(status);
  return h('span', {class: known ? `status ${status}` : 'status'}, status ?? '—');
}

/** A table with a header row and one row per item; an empty list says so in one row. */
export function table(caption, columns, items, row, emptyText) {
  const body = h('tbody', {});
  if (items.length === 0) {
    body.appendChild(h('tr', {}, h('td', {colspan: columns.length, class: 'empty'}, emptyText)));
  } else {
    items.forEach(item => body.appendChild(row(item)));
  }
  return h('table', {},
    h('caption', {class: 'skip'}, caption),
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col'}, c)))),
    body);
}

export function when(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function field(id, labelText, control) {
  control.id = id;
  return h('div', {class: 'field'}, h('label', {for: id}, labelText), control);
}
