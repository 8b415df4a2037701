import { defineTestConfig } from "@tabletap/vitest-config";
import { mergeConfig } from "vitest/config";

// Components render in jsdom; jest-dom's matchers (toHaveAccessibleName, toHaveFocus...) are set up per file.
export default mergeConfig(defineTestConfig(), { test: { environment: "jsdom", setupFiles: ["./vitest.setup.ts"] } });
