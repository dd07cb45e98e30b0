import { defineConfig } from 'drizzle-kit';

// Migrations are generated from server/db/schema.ts (`npm run db:generate`) and applied on start.
export default defineConfig({
  dialect: 'sqlite',
  schema: './server/db/schema.ts',
  out: './migrations',
});
