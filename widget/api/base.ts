/**
 * The server's address, learned from the embed script's own `src` (so a publisher pastes
 * one tag and configures nothing). `document.currentScript` is set while a classic script
 * runs; as a module it is null, so fall back to the script element that loaded embed.js.
 */
export function findServerBase(): string {
  const own = document.currentScript as HTMLScriptElement | null;
  const script = own?.src ? own : document.querySelector<HTMLScriptElement>('script[src*="embed.js"]');
  return script?.src ? new URL('.', script.src).href.replace(/\/$/, '') : location.origin;
}
