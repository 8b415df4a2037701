import { z } from "zod";

/** Variables the database package needs; apps compose this schema and parse `process.env` once. */
export const dbEnvSchema = z.object({
  MONGODB_URI: z.string().url().default("mongodb://127.0.0.1:27017/tabletap"),
});
export type DbEnv = z.infer<typeof dbEnvSchema>;
