// The tenant's blueprints and an upload form: a YAML file or a .tar.gz/.zip archive, sent as the raw body of
// PUT /blueprints/{id} (the server tells them apart by their first bytes).
import {V31, get, request, query} from '../api.js';
import {h, table, when} from '../dom.js';

export function blueprints(root, {notify, title}) {
  title('Blueprints');
  const id = h('input', {type: 'text', id: 'blueprint-id', name: 'id', required: true,
    pattern: '[A-Za-z0-9_.\\-]+', autocomplete: 'off'});
  const file = h('input', {type: 'file', id: 'blueprint-file', name: 'file', required: true,
    accept: '.yaml,.yml,.tar.gz,.tgz,.zip,application/yaml,application/gzip,application/zip'});
  const main = h('input', {type: 'text', id: 'blueprint-main', name: 'application_file_name',
    placeholder: 'blueprint.yaml', autocomplete: 'off'});
  const visibility = h('select', {id: 'blueprint-visibility', name: 'visibility'},
    h('option', {value: 'tenant'}, 'tenant'), h('option', {value: 'private'}, 'private'),
    h('option', {value: 'global'}, 'global'));
  const submit = h('button', {type: 'submit', id: 'upload'}, 'Upload');
  file.addEventListener('change', () => {
    const name = file.files[0]?.name;
    if (name && !id.value) {
      id.value = name.replace(/\.(ya?ml|tar\.gz|tgz|zip)$/i, '').replace(/[^A-Za-z0-9_.-]/g, '-');
    }
  });

  const form = h('form', {class: 'inline', id: 'upload-form', 'aria-labelledby': 'upload-title'},
    h('div', {class: 'field'}, h('label', {for: 'blueprint-file'}, 'YAML file or archive'), file),
    h('div', {class: 'field'}, h('label', {for: 'blueprint-id'}, 'Blueprint id'), id),
    h('div', {class: 'field'}, h('label', {for: 'blueprint-main'}, 'Main file in an archive (optional)'), main),
    h('div', {class: 'field'}, h('label', {for: 'blueprint-visibility'}, 'Visibility'), visibility),
    submit);
  const holder = h('div', {id: 'blueprints'}, h('p', {}, 'Loading…'));
  root.append(h('h1', {tabindex: -1}, 'Blueprints'), h('h2', {id: 'upload-title'}, 'Upload a blueprint'), form,
    h('h2', {}, 'Blueprints of this tenant'), holder);

  let stopped = false;
  async function load() {
    try {
      const page = await get(`${V31}/blueprints?_sort=-created_at&_size=200`
        + '&_include=id,main_file_name,state,visibility,created_at,created_by,description');
      if (stopped) return;
      holder.replaceChildren(table('Blueprints', ['Blueprint', 'Main file', 'State', 'Visibility', 'Created', 'By'],
        page.items, b => h('tr', {'data-id': b.id},
          h('td', {class: 'mono'}, b.id),
          h('td', {class: 'mono'}, b.main_file_name ?? '—'),
          h('td', {}, b.state ?? '—'),
          h('td', {}, b.visibility),
          h('td', {}, when(b.created_at)),
          h('td', {}, b.created_by ?? '—')),
        'No blueprints in this tenant.'));
    } catch (e) {
      if (!stopped) notify(e.message);
    }
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen || !id.value.trim()) {
      notify('Choose a file and give the blueprint an id.');
      return;
    }
    submit.disabled = true;
    try {
      const bytes = await chosen.arrayBuffer();
      const uploaded = await request('PUT', `${V31}/blueprints/${encodeURIComponent(id.value.trim())}${query({
        application_file_name: main.value.trim() || null, visibility: visibility.value,
      })}`, {body: bytes, contentType: 'application/octet-stream'});
      notify(`Uploaded blueprint ${uploaded.id}.`, 'info');
      form.reset();
      await load();
    } catch (e) {
      notify(`Upload refused: ${e.message}`);
    } finally {
      submit.disabled = false;
    }
  });

  load();
  return () => { stopped = true; };
}
