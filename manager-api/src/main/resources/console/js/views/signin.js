// Sign in with a username and password (exchanged at once for a token) or with an API token.
import {h} from '../dom.js';
import * as session from '../session.js';

export function signIn(root, {signedIn, notify}) {
  const username = h('input', {type: 'text', id: 'username-input', name: 'username', autocomplete: 'username'});
  const password = h('input', {type: 'password', id: 'password-input', name: 'password',
    autocomplete: 'current-password'});
  const token = h('input', {type: 'password', id: 'token-input', name: 'token', autocomplete: 'off',
    spellcheck: 'false'});
  const byPassword = h('input', {type: 'radio', name: 'method', id: 'method-password', value: 'password',
    checked: true});
  const byToken = h('input', {type: 'radio', name: 'method', id: 'method-token', value: 'token'});
  const passwordFields = h('div', {id: 'password-fields'},
    h('div', {class: 'field'}, h('label', {for: 'username-input'}, 'Username'), username),
    h('div', {class: 'field'}, h('label', {for: 'password-input'}, 'Password'), password));
  const tokenFields = h('div', {id: 'token-fields', hidden: true},
    h('div', {class: 'field'}, h('label', {for: 'token-input'}, 'API token (ctok-…)'), token));
  const submit = h('button', {type: 'submit', id: 'sign-in'}, 'Sign in');

  function showMethod() {
    passwordFields.hidden = !byPassword.checked;
    tokenFields.hidden = !byToken.checked;
  }
  byPassword.addEventListener('change', showMethod);
  byToken.addEventListener('change', showMethod);

  const form = h('form', {class: 'signin', 'aria-labelledby': 'signin-title'},
    h('h1', {id: 'signin-title', tabindex: -1}, 'Sign in to Steward'),
    h('fieldset', {},
      h('legend', {}, 'Sign in with'),
      h('div', {class: 'check'}, byPassword, h('label', {for: 'method-password'}, 'Username and password')),
      h('div', {class: 'check'}, byToken, h('label', {for: 'method-token'}, 'An API token'))),
    passwordFields, tokenFields, submit,
    h('p', {class: 'empty'}, 'Your password is exchanged for a token at once and is not kept in the browser.'));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    try {
      let signed;
      if (byToken.checked) {
        signed = await session.withToken(token.value.trim());
      } else {
        const secret = password.value;
        // The field is emptied before the request ends: the password lives only in this call.
        password.value = '';
        signed = await session.withPassword(username.value.trim(), secret);
      }
      token.value = '';
      await signedIn(signed);
    } catch (e) {
      notify(e.message || 'Could not sign in');
      submit.disabled = false;
      (byToken.checked ? token : password).focus();
    }
  });

  root.appendChild(form);
  username.focus();
  return () => {};
}
