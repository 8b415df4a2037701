import { connectDb, disconnectDb } from "@tabletap/db";
import { seedDemo } from "@tabletap/db/seed";
import { seedHistory } from "@tabletap/db/seed-history";

/**
 * Seeds the demo restaurant into the test database the apps use (idempotent), with its last 30
 * days of order history, as `./scripts/dev.sh` does (the admin's analytics and screenshots show it).
 */
export default async function globalSetup(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error("MONGODB_URI is not set: run the e2e tests through scripts/test.sh (the test stack)");
  await connectDb(uri);
  const { slug } = await seedDemo();
  await seedHistory(slug);
  await disconnectDb();
}
