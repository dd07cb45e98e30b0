/**
 * The one form an email address is stored and compared in: Unicode NFC, then full lower
 * case (JavaScript's `toLowerCase`, which knows every script, unlike SQLite's `lower()`,
 * which folds A-Z only), then NFC again (lower-casing can leave a decomposed sequence).
 * `JÜRGEN@…`, `Jürgen@…` and `jürgen@…` (with ü precomposed or as u + ¨) are one address to
 * bans, data requests and erasure. Trimmed of surrounding space.
 */
export const normalEmail = (raw: string): string => raw.trim().normalize('NFC').toLowerCase().normalize('NFC');
