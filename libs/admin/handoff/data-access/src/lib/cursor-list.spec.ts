import { HttpErrorResponse } from '@angular/common/http';
import type { Page } from '@kefu/shared/contracts';
import { of, Subject, throwError } from 'rxjs';
import { CursorList } from './cursor-list';

type Item = { id: string; v?: number };

describe('CursorList', () => {
  it('loads the first page, appends the next on "load more", and stops at the end', () => {
    const pages: Record<string, Page<Item>> = {
      first: { items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'c1' },
      c1: { items: [{ id: 'c' }], nextCursor: null },
    };
    const cursors: (string | null)[] = [];
    const list = new CursorList<Item>((cursor) => {
      cursors.push(cursor);
      return of(pages[cursor ?? 'first']);
    });
    expect(list.empty()).toBe(false);
    list.reload();
    expect(list.items().map((i) => i.id)).toEqual(['a', 'b']);
    expect(list.hasMore()).toBe(true);
    list.loadMore();
    expect(list.items().map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(list.hasMore()).toBe(false);
    list.loadMore();
    expect(cursors).toEqual([null, 'c1']);
  });

  it('replaces the list on reload, and ignores an older answer that comes back late', () => {
    const answers = [new Subject<Page<Item>>(), new Subject<Page<Item>>()];
    let n = 0;
    const list = new CursorList<Item>(() => answers[n++]);
    list.reload();
    list.reload();
    answers[0].next({ items: [{ id: 'stale' }], nextCursor: null });
    answers[1].next({ items: [{ id: 'fresh' }], nextCursor: null });
    expect(list.items().map((i) => i.id)).toEqual(['fresh']);
  });

  it('says it is empty only after a page came back with nothing, and keeps the server message on failure', () => {
    const list = new CursorList<Item>(() => of({ items: [], nextCursor: null }));
    list.reload();
    expect(list.empty()).toBe(true);
    const failing = new CursorList<Item>(() =>
      throwError(() => new HttpErrorResponse({ status: 403, error: { statusCode: 403, message: 'not allowed' } })),
    );
    failing.reload();
    expect(failing.error()).toBe('not allowed');
    expect(failing.empty()).toBe(false);
    expect(failing.loading()).toBe(false);
  });

  it('replaces and removes items by id', () => {
    const list = new CursorList<Item>(() => of({ items: [{ id: 'a', v: 1 }, { id: 'b' }], nextCursor: null }));
    list.reload();
    list.replace({ id: 'a', v: 2 });
    list.remove('b');
    expect(list.items()).toEqual([{ id: 'a', v: 2 }]);
  });
});
