import { defineTestConfig } from "@tabletap/vitest-config";

// No shared services: the fault suite starts a stack of its own, whose services it kills.
export default defineTestConfig();
