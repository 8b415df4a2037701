import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@tabletap/stack/vitest-setup"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files share one process-wide set of services (like an app instance) and one database.
    fileParallelism: false,
  },
});
