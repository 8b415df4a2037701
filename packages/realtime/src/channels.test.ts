import { describe, expect, it } from "vitest";
import { channels } from "./channels";

describe("channels", () => {
  it("names kitchen and order channels", () => {
    expect(channels.kitchen("r1")).toBe("kitchen:r1");
    expect(channels.order("o1")).toBe("order:o1");
  });
});
