import { defineConfig } from 'drizzle-kit';

// The PostgreSQL engine's migrations, generated from server/db/pg-schema.ts
// (`npm run db:generate` writes both engines'; this one alone: `drizzle-kit generate --config drizzle.pg.config.ts`).
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/pg-schema.ts',
  out: './migrations/pg',
});
