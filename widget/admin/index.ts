// The moderation page's script (built into admin.js).
export {};
