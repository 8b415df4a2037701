import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starts the local service stack (test profile) unless the environment already names it.
    globalSetup: ["@tabletap/stack/vitest-setup"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
