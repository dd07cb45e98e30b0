/**
 * localStorage that never throws (private mode, storage disabled, quota): the widget must
 * work without it, only forgetting the reader's name and their own comments' tokens.
 */
export function load<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(`footnote:${key}`);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(`footnote:${key}`, JSON.stringify(value));
  } catch {
    // Best effort only.
  }
}
