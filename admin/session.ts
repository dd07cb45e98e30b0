/**
 * The admin token lives in this tab's sessionStorage only: it is gone when the tab closes,
 * never shared with other tabs, never written to disk by the page. Storage may be disabled
 * (private modes), so every access is guarded; then the token lives only in memory.
 */
const KEY = 'footnote:admin-token';
let memory: string | null = null;

export function loadToken(): string | null {
  try {
    return sessionStorage.getItem(KEY) ?? memory;
  } catch {
    return memory;
  }
}

export function saveToken(token: string | null): void {
  memory = token;
  try {
    if (token === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, token);
  } catch {
    // Memory only, then.
  }
}
