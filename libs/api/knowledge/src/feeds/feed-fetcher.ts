import { FeedError } from './feed-plan';

/**
 * GETs a feed with a timeout and a size cap. Any network error, non-2xx status, timeout or
 * oversize body is a FeedError that says which.
 */
export async function fetchFeed(url: string, opts: { timeoutMs: number; maxBytes: number }): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, {
      signal: AbortSignal.timeout(opts.timeoutMs),
      headers: { accept: 'application/json, text/csv;q=0.9, */*;q=0.1', 'user-agent': 'Kefu knowledge sync' },
      redirect: 'follow',
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError')
      throw new FeedError(`the feed did not answer within ${opts.timeoutMs} ms`);
    throw new FeedError(
      `the feed could not be fetched: ${err.cause?.code ?? err.cause?.message ?? err.message}`,
    );
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new FeedError(`the feed answered HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > opts.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new FeedError(`the feed is larger than ${opts.maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = res.body?.getReader();
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > opts.maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new FeedError(`the feed is larger than ${opts.maxBytes} bytes`);
        }
        chunks.push(value);
      }
    }
  } catch (e) {
    if (e instanceof FeedError) throw e;
    const err = e as Error;
    if (err.name === 'TimeoutError' || err.name === 'AbortError')
      throw new FeedError(`the feed did not answer within ${opts.timeoutMs} ms`);
    throw new FeedError(`reading the feed failed: ${err.message}`);
  }
  return Buffer.concat(chunks);
}
