// npm run db:backup [FILE]: every row of the database (the embedded one in DATA_DIR, or DATABASE_URL) into
// one JSON-lines file (gzipped if FILE ends in .gz). The format: db/backup.ts.
import path from 'node:path';
import { openDatabase } from '../db/client.js';
import { backupDatabase } from '../db/backup.js';
import { loadEnv } from '../env.js';

const env = loadEnv();
const file = path.resolve(process.argv[2] ?? `personaflow-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
try {
  // On PGlite the data folder's lock applies: stop the server first (it is refused while the server runs).
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, embedded: env.EMBEDDED_DB });
  try {
    const t0 = performance.now();
    const counts = await backupDatabase(handle, file);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `Backed up ${rows} rows of ${Object.keys(counts).length} tables from ${handle.location} to ${file} in ${Math.round(performance.now() - t0)} ms.`,
    );
  } finally {
    await handle.close();
  }
} catch (err) {
  console.error(`db:backup: ${(err as Error).message}`);
  process.exit(1);
}
