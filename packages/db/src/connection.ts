import mongoose from "mongoose";
import { models } from "./models";

/**
 * Connects mongoose to `uri` (MongoDB, Atlas, or the local stand-in) once per process
 * and makes sure every model's indexes exist. Safe to call repeatedly: later calls reuse the
 * connection. Throws the driver's error when the server can't be reached within 10 s.
 */
export async function connectDb(uri: string): Promise<typeof mongoose> {
  const globalRef = globalThis as { __tabletapDb?: Promise<typeof mongoose> };
  globalRef.__tabletapDb ??= (async () => {
    const conn = await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000, autoIndex: false });
    // One model at a time: mongo-java-server (the local stand-in) fails when two index builds
    // create the same collection at once.
    for (const model of Object.values(models)) await model.createIndexes();
    return conn;
  })().catch((error: unknown) => {
    delete globalRef.__tabletapDb;
    throw error;
  });
  return globalRef.__tabletapDb;
}

/** Closes the connection opened by `connectDb` (tests and graceful shutdown). */
export async function disconnectDb(): Promise<void> {
  const globalRef = globalThis as { __tabletapDb?: Promise<typeof mongoose> };
  delete globalRef.__tabletapDb;
  await mongoose.disconnect();
}
