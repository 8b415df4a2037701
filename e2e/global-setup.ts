import { connectDb, disconnectDb } from "@tabletap/db";
import { seedDemo } from "@tabletap/db/seed";

/** Seeds the demo restaurant into the test database the apps use (idempotent). */
export default async function globalSetup(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error("MONGODB_URI is not set: run the e2e tests through scripts/test.sh (the test stack)");
  await connectDb(uri);
  await seedDemo();
  await disconnectDb();
}
