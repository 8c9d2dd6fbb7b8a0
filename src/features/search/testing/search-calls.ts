/** Cases in a state and searches through the API, as the search's tests make and run them. */
import { expect } from 'vitest';
import type { as, TestApp } from '../../../../test/helpers/app';
import { openCaseThroughApi } from '../../cases/testing/open-case';

export type Call = ReturnType<typeof as>;

export interface Page<Hit> {
  items: Hit[];
  nextCursor: string | null;
  moreThan: number | null;
}

/** A case with one location in the state (at the address, when given). */
export async function openCaseIn(
  app: TestApp,
  call: Call,
  hotlineId: string,
  state: string,
  address?: string,
): Promise<string> {
  const { id } = await openCaseThroughApi(app, call, hotlineId);
  const place = await call({
    method: 'POST',
    url: `/api/cases/${id}/locations`,
    payload: { venueType: 'farm', state, ...(address ? { address } : {}) },
  });
  expect(place.statusCode).toBe(201);
  return id;
}

/** One page of a search, and every page of it (at most `most`) following the cursor. */
export function searcher<Hit>(call: () => Call) {
  const page = async (q: string, extra = ''): Promise<Page<Hit>> => {
    const res = await call()({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}${extra}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page<Hit>>();
  };
  const all = async (q: string, extra: string, most = 400): Promise<{ hits: Hit[]; pages: Page<Hit>[] }> => {
    const pages: Page<Hit>[] = [];
    let cursor: string | null = null;
    do {
      pages.push(await page(q, `${extra}${cursor ? `&cursor=${cursor}` : ''}`));
      cursor = pages[pages.length - 1]!.nextCursor;
    } while (cursor && pages.length < most);
    return { hits: pages.flatMap((p) => p.items), pages };
  };
  return { page, all };
}
