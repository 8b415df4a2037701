import { describe, expect, it } from "vitest";
import { appRouter } from "./root";
import { seedRestaurant, signedInGuest, signedInStaff, TestClient } from "./testing";

/**
 * Who may call each procedure: `public` (anyone), `guest` (a guest signed in by phone) or
 * `staff` (staff and managers of a restaurant). Every procedure of the router has a row: adding
 * a procedure without one fails the first test below.
 */
const ACCESS = {
  "auth.requestOtp": "public",
  "auth.verifyOtp": "public",
  "auth.staffLogin": "public",
  "auth.refresh": "public",
  "auth.logout": "public",
  "auth.session": "public",
  "menu.forTable": "public",
  "customer.updateProfile": "guest",
  "customer.requestEmailVerification": "guest",
  "customer.verifyEmail": "guest",
  "order.place": "guest",
  "order.get": "guest",
  "order.onUpdate": "guest",
  "kitchen.tickets": "staff",
  "kitchen.onTicket": "staff",
  "kitchen.advance": "staff",
} as const satisfies Record<string, "public" | "guest" | "staff">;

type Path = keyof typeof ACCESS;
const PATHS = Object.keys(ACCESS) as Path[];

/** Calls the procedure at `path` with no input, through `client`'s cookies. */
function callWithoutInput(client: TestClient, path: Path): Promise<unknown> {
  return client.call(async (caller) => {
    const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
    return (procedure as (input?: unknown) => Promise<unknown>)(undefined);
  });
}

describe("access matrix", () => {
  it("has a row for every procedure of the router", () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual([...PATHS].sort());
  });

  it("turns away callers who are not signed in as the procedure needs, before reading the input", async () => {
    const seeded = await seedRestaurant();
    const callers = {
      anonymous: new TestClient("guest"),
      guest: await signedInGuest(),
      staff: await signedInStaff(seeded),
    };
    for (const path of PATHS) {
      const needs = ACCESS[path];
      if (needs === "public") continue;
      for (const [who, client] of Object.entries(callers)) {
        if (who === needs) continue;
        await expect(callWithoutInput(client, path), `${who} calling ${path}`).rejects.toMatchObject({
          code: "UNAUTHORIZED",
        });
      }
    }
  });

  it("lets the right caller through (to input validation, for a procedure that needs input)", async () => {
    const seeded = await seedRestaurant();
    const callers = { guest: await signedInGuest(), staff: await signedInStaff(seeded) };
    for (const path of PATHS) {
      const needs = ACCESS[path];
      if (needs === "public") continue;
      const outcome = await callWithoutInput(callers[needs], path).then(
        async (value) => {
          // A subscription that needs no input answers with its stream: close it.
          if (value && typeof value === "object" && Symbol.asyncIterator in value)
            await (value as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
          return "answered";
        },
        (error: { code?: string }) => error.code,
      );
      expect(["answered", "BAD_REQUEST"], `${needs} calling ${path}`).toContain(outcome);
    }
  });
});
