import type { OrderStatus } from "@tabletap/core";
import { Order, type OrderDoc } from "./models";
import { outboxEntry } from "./outbox";

/**
 * Sets (`doneAt` a Date) or clears (`doneAt` null) the done time of line `index` of `order`, as
 * read: a conditional update that applies only while the order's status and that line's done
 * time are still the ones read (atomic on MongoDB and the local stand-in), with the
 * `order.changed` outbox event in the same write, so the displays hear of it. Two stations
 * bumping at once each see the other's line in the document they get back.
 * @returns the order after the write, or null when it changed since it was read (read it again).
 */
export async function setLineDone(order: OrderDoc, index: number, doneAt: Date | null): Promise<OrderDoc | null> {
  const path = `lines.${index}.doneAt`;
  const now = new Date();
  return Order.findOneAndUpdate(
    { _id: order._id, status: order.status, [path]: order.lines[index]?.doneAt ?? null },
    { $set: { [path]: doneAt }, $push: { outbox: outboxEntry("order.changed", now) } },
    { returnDocument: "after" },
  ).lean<OrderDoc>();
}

/**
 * Moves `order` (as read) back to `to` (a recall: see RECALL_TRANSITIONS in @tabletap/core) and
 * reopens the lines at `reopen` (their `doneAt` cleared), recording the change in its status
 * history (`by`, reason "Recalled") with its `order.changed` outbox event, in one conditional
 * update that applies only while the status is still the one read (as `transitionOrder` does).
 * @returns the order after the write, or null when its status changed since it was read.
 */
export async function recallOrderStatus(
  order: OrderDoc,
  input: { to: OrderStatus; reopen: readonly number[]; by: string },
): Promise<OrderDoc | null> {
  const at = new Date();
  return Order.findOneAndUpdate(
    { _id: order._id, status: order.status },
    {
      $set: { status: input.to, ...Object.fromEntries(input.reopen.map((index) => [`lines.${index}.doneAt`, null])) },
      $push: {
        statusHistory: { status: input.to, at, by: input.by, reason: "Recalled" },
        outbox: outboxEntry("order.changed", at),
      },
    },
    { returnDocument: "after" },
  ).lean<OrderDoc>();
}
