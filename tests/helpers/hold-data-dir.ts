// A child process for tests/db/data-dir-lock.test.ts: opens the embedded database (argv[3]:
// postgres, the default, or pglite) in the folder given as argv[2], writes a row, says "open" and
// stays up until it is killed.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client.js';

const dir = process.argv[2]!;
const embedded = process.argv[3] === 'pglite' ? 'pglite' : 'postgres';
try {
  const handle = await openDatabase({ dataDir: dir, embedded });
  await handle.db.execute(sql`create table if not exists held (pid int, at timestamptz default now())`);
  await handle.db.execute(sql`insert into held (pid) values (${process.pid})`);
  console.log(`open ${process.pid}`);
  setInterval(() => {}, 60_000);
} catch (err) {
  console.log(`refused: ${(err as Error).message}`);
  process.exit(3);
}
