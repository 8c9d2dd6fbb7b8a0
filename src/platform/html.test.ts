import { expect, it } from 'vitest';
import { html, raw } from './html';

it('escapes what people typed, keeps our own markup', () => {
  const name = '<script>alert("x")</script>';
  expect(
    html`<p>${name}</p>
      ${raw('<br>')}`.value,
  ).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><br>');
  expect(
    html`<ul>
      ${['a', 'b'].map((x) => html`<li>${x}</li>`)}
    </ul>`.value,
  ).toBe('<ul><li>a</li><li>b</li></ul>');
});
