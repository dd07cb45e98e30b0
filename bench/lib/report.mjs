// Medians and the two tables (aligned text for the terminal, Markdown for the README).

export const median = (values) => {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};

/** Nearest-rank percentile of raw samples (ms). */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
}

export const fmt = {
  int: (n) => (n === null || n === undefined ? '-' : Math.round(n).toLocaleString('en-US')),
  ms: (n) => (n === null || n === undefined ? '-' : `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`),
  pct: (n) => (n === null || n === undefined ? '-' : `${Math.round(n * 100)}%`),
  mb: (n) => (n === null || n === undefined ? '-' : `${n.toFixed(1)} MiB`),
  kb: (n) => (n === null || n === undefined ? '-' : `${(n / 1024).toFixed(1)} KB`),
};

/** Rows (arrays of strings) under `head`, columns padded; numbers right-aligned. */
export function textTable(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const numeric = head.map((_, i) => rows.every((r) => /^[-\d.,%× ]+(ms|µs|MiB|KB|\/s)?$/.test(String(r[i]))));
  const line = (cells) => cells.map((c, i) => (numeric[i] ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(head, rows) {
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  return [`| ${head.map(esc).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}
