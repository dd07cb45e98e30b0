/** A thread's title and URL as a page load or a post offers them. */
export interface ThreadMeta {
  title?: string | null | undefined;
  url?: string | null | undefined;
}

/**
 * What of `meta` may become a thread's title and URL (the desk and the export link the one to
 * the other). A URL must be http(s); when FOOTNOTE_ORIGINS lists origins, it must be on one of
 * them, and the title is taken only along with such a URL or from a request whose `Origin`
 * is listed. Anything else is dropped, not refused: the page load or post itself stands.
 * (With `*`, any origin may embed, so only the scheme is checked.)
 */
export function vetThreadMeta(origins: '*' | readonly string[], requestOrigin: string | undefined, meta: ThreadMeta | undefined): { title: string | null; url: string | null } {
  const url = httpUrl(meta?.url);
  const title = meta?.title?.trim() ? meta.title : null;
  if (origins === '*') return { title, url: url?.href ?? null };
  const listedUrl = url !== null && origins.includes(url.origin) ? url : null;
  const listedRequest = requestOrigin !== undefined && origins.includes(requestOrigin);
  return { title: listedUrl || listedRequest ? title : null, url: listedUrl?.href ?? null };
}

/** `text` as an absolute http(s) URL, or null (`javascript:`, `data:`, relative, malformed). */
function httpUrl(text: string | null | undefined): URL | null {
  if (!text) return null;
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
