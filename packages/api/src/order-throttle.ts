import { ORDER_POLICY } from "@tabletap/core";
import type { Redis } from "@tabletap/redis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { OrderThrottledError } from "./errors";

/**
 * The order limits of `ORDER_POLICY` (@tabletap/core): orders per guest and per table in a
 * 10-minute window, counted in Redis with rate-limiter-flexible (atomic increments, so parallel
 * requests, even on several app instances, can't slip past; each key's window starts at its
 * first counted order). An order refused for its guest is not counted against its table, so one
 * guest's flood can't lock the other guests of the table out.
 */
export class OrderThrottle {
  private readonly perGuest: RateLimiterRedis;
  private readonly perTable: RateLimiterRedis;

  constructor(redis: Redis) {
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration: ORDER_POLICY.windowSeconds });
    this.perGuest = limiter("rl:order:guest", ORDER_POLICY.ordersPerGuest);
    this.perTable = limiter("rl:order:table", ORDER_POLICY.ordersPerTable);
  }

  /**
   * Counts one order of guest `customerId` at table `tableId`.
   * @throws OrderThrottledError (with the seconds until an order can be taken again) when the
   *   guest's or the table's limit is used up; nothing is counted against the other.
   */
  async take(customerId: string, tableId: string): Promise<void> {
    await consume(this.perGuest, customerId, "guest");
    try {
      await consume(this.perTable, tableId, "table");
    } catch (error) {
      await this.perGuest.reward(customerId, 1);
      throw error;
    }
  }

  /** Gives back an order counted by `take` that was not taken after all (a concurrent replay won it). */
  async giveBack(customerId: string, tableId: string): Promise<void> {
    await Promise.all([this.perGuest.reward(customerId, 1), this.perTable.reward(tableId, 1)]);
  }
}

async function consume(limiter: RateLimiterRedis, key: string, scope: "guest" | "table"): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes)
      throw new OrderThrottledError(scope, Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    throw rejection;
  }
}
