import { expect, it } from 'vitest';
import { cleanText } from './limits';
import { MAX_MESSAGE_CHARS } from './schema';

it('cleans a chat line so that a full-length one always fits in one notification', () => {
  expect(cleanText('a\u0001b\tc')).toBe('ab\tc');
  expect(cleanText('ok 😀 \ud800 x \udc00')).toBe('ok 😀 \ufffd x \ufffd');
  const worst = cleanText('\ud800'.repeat(MAX_MESSAGE_CHARS));
  const wire = JSON.stringify({ k: 'msg', c: '00000000-0000-0000-0000-000000000000', m: { text: worst } });
  expect(Buffer.byteLength(wire)).toBeLessThan(7900);
});
