/**
 * `pnpm --filter @tabletap/db seed`: seeds the demo restaurant into `MONGODB_URI` and prints the
 * table links and dev credentials, then its last 30 days of order history (`seedHistory`; days
 * already there are skipped). `GUEST_APP_URL` (default http://127.0.0.1:3000) builds the links.
 */
import { tableGuestUrl } from "@tabletap/core/tables-admin";
import { connectDb, disconnectDb } from "./connection";
import { seedEnv } from "./env";
import { seedDemo } from "./seed";
import { seedHistory } from "./seed-history";

const env = seedEnv();
await connectDb(env.MONGODB_URI);
const result = await seedDemo();
const history = await seedHistory(result.slug);
await disconnectDb();

console.log(`Seeded "${result.slug}": ${result.itemCount} menu items, ${result.tables.length} tables.`);
for (const table of result.tables)
  console.log(`  ${table.label.padEnd(4)} ${tableGuestUrl(env.GUEST_APP_URL, table.code)}`);
console.log(`  History: ${history.orders} orders on ${history.days} past days added.`);
for (const account of result.staff) console.log(`  ${account.role.padEnd(8)} ${account.email} / ${account.password}`);
