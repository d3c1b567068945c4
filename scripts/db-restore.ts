// npm run db:restore FILE: loads a backup made by `npm run db:backup` (from either driver) into an
// empty database: a new DATA_DIR folder, or an empty database at DATABASE_URL. A database that has
// rows is refused. The format: db/backup.ts.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { restoreDatabase } from '../db/backup.js';
import { loadEnv } from '../env.js';

const env = loadEnv();
const arg = process.argv[2];
if (!arg) {
  console.error('usage: npm run db:restore FILE   (into an empty DATA_DIR folder, or an empty database at DATABASE_URL)');
  process.exit(2);
}
const file = path.resolve(arg);
if (!existsSync(file)) {
  console.error(`db:restore: no file ${file}`);
  process.exit(1);
}
try {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, embedded: env.EMBEDDED_DB });
  try {
    const t0 = performance.now();
    const counts = await restoreDatabase(handle, file);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `Restored ${rows} rows of ${Object.keys(counts).length} tables from ${file} into ${handle.location} in ${Math.round(performance.now() - t0)} ms.`,
    );
  } finally {
    await handle.close();
  }
} catch (err) {
  console.error(`db:restore: ${(err as Error).message}`);
  process.exit(1);
}
