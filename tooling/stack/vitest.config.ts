import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starts the test stack unless the env already points at services (see src/vitest-setup.ts).
    globalSetup: ["./src/vitest-setup.ts"],
    testTimeout: 30_000,
  },
});
