import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// Unmount what each test rendered (Vitest runs without globals, so testing-library cannot do it itself).
afterEach(cleanup);
