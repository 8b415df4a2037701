import type { z } from "zod";

type Merge<T extends readonly z.ZodType[]> = T extends readonly [infer H extends z.ZodType, ...infer R extends readonly z.ZodType[]] ? z.infer<H> & Merge<R> : unknown;

/**
 * Parses one environment against several packages' env schemas (each package owns the schema of
 * the variables it needs; an app composes them and calls this once at start-up) and merges the
 * results. @throws Error that lists every missing or invalid variable, so an app refuses to
 * start with a bad configuration (for example a default secret in production).
 */
export function parseEnv<const T extends readonly z.ZodType[]>(schemas: T, source: Record<string, string | undefined>): Merge<T> {
  const problems: string[] = [];
  const merged: Record<string, unknown> = {};
  for (const schema of schemas) {
    const result = schema.safeParse(source);
    if (result.success) Object.assign(merged, result.data);
    else for (const issue of result.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  if (problems.length > 0) throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  return merged as Merge<T>;
}
