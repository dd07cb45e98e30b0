/** The page's canonical URL, when it declares one. */
const canonical = () => document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;

/** A thread's key: the element's `thread`, else the canonical URL's path, else the page's path. */
export function threadKey(thread: string | null | undefined): string {
  const c = canonical();
  return thread || (c ? new URL(c).pathname : location.pathname);
}

/**
 * What a view tells the server of a new thread: its title (the element's `title`, read once
 * and removed so the browser shows no tooltip; else the page's) and its address (`url`, else
 * the canonical URL, else the page's).
 */
export function articleMeta(el: Element): { title: string; url: string } {
  const title = el.getAttribute('title') || document.title;
  el.removeAttribute('title');
  return { title: title.slice(0, 300), url: (el.getAttribute('url') || canonical() || location.href).slice(0, 2048) };
}
