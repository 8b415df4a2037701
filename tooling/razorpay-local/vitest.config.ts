import { defineTestConfig } from "@tabletap/vitest-config";

export default defineTestConfig();
