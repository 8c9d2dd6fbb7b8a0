import { expect, it } from 'vitest';
import { html, raw } from './html';

it('escapes what people typed, keeps our own markup', () => {
  const name = '<script>alert("x")</script>';
  const page = html`<p>${name}</p>${raw('<br>')}`;
  expect(page.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><br>');
  const list = html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`;
  expect(list.value).toBe('<ul><li>a</li><li>b</li></ul>');
});
