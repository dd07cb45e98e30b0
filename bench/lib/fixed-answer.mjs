// The fixed answer of the bare servers: one JSON text of about 2 KB (the size of a small
// comment page), built once. Both yardsticks send the same bytes, so their rates compare.
const comment = (i) => ({
  id: i,
  parentId: null,
  author: `Reader ${i}`,
  body: 'A fixed comment body, long enough to look like the real thing on the wire.',
  html: '<p>A fixed comment body, long enough to look like the real thing on the wire.</p>',
  createdAt: '2025-01-01T00:00:00.000Z',
  reactions: i,
  replies: [],
});

export const FIXED_JSON = JSON.stringify({ comments: Array.from({ length: 7 }, (_, i) => comment(i + 1)), total: 7, next: null });
export const JSON_TYPE = 'application/json; charset=UTF-8';
