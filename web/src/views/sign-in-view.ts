/** Sign in with an organisation's API key: checked with `GET /whoami`, then kept in this tab's sessionStorage. */
import { apiGet, problemText } from '../api';
import { h, replaceChildren } from '../dom';
import { signIn, type Identity } from '../session';
import type { Cleanup, ViewContext } from '../main';
import { heading } from '../ui';

export function render(root: HTMLElement, context: ViewContext): Cleanup {
  const input = h('input', {
    id: 'api-key',
    name: 'api-key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'api-key-help',
    placeholder: 'opcs_…',
  });
  const message = h('p', { id: 'sign-in-message', role: 'alert', class: 'problem', hidden: true });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'card narrow', 'aria-labelledby': 'view-title' },
    h('label', { for: 'api-key' }, 'API key'),
    input,
    h(
      'p',
      { id: 'api-key-help', class: 'help' },
      "Your organisation's key (opcs_…), from the port authority or your organisation's administrator. " +
        'It stays in this browser tab only and is forgotten when the tab closes.',
    ),
    message,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const key = input.value.trim();
      message.hidden = true;
      submit.disabled = true;
      const answer = await apiGet<Identity>('/whoami', {}, key);
      submit.disabled = false;
      if (!answer.ok) {
        message.textContent =
          answer.status === 401
            ? 'This key was not accepted (unknown, revoked or mistyped).'
            : problemText(answer.problem);
        message.hidden = false;
        input.focus();
        return;
      }
      signIn(key, answer.data);
      location.hash = context.params.get('next') ?? '#/containers';
    })();
  });
  replaceChildren(
    root,
    heading('Sign in', 'See what your organisation may see: its own data and the community’s.'),
    form,
  );
  input.focus();
  return () => undefined;
}
