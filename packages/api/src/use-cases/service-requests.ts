import type { ServiceRequestInput, ServiceRequestView } from "@tabletap/core";
import { Table, toTableRef, updateTableSession, type TableDoc } from "@tabletap/db";
import { Types } from "mongoose";
import type { Services } from "../services";
import type { GuestPrincipal } from "../trpc";
import { announceTabChange, toServiceRequestView } from "./tab";
import { findActiveTable, openTableSession } from "./tables";

/** How many times a request retries when the session it found closed under it (a table turned over that moment). */
const OPEN_SESSION_ATTEMPTS = 3;

/**
 * `service.request`: the signed-in guest calls a waiter, asks for water or for the bill at the
 * table the QR code names. Opens the table's session if none is open (`openTableSession`),
 * joins the guest to it, and records the request, decided under the session's version
 * (`updateTableSession`), so repeated taps and guests asking at once make ONE request: while a
 * request of the same kind is open or acknowledged, that request is answered and nothing new is
 * stored. Announces the change (the tab and the staff's floor) when something was stored.
 * @returns the request (new or the one already under way); `mine` when this guest made it.
 * @throws NotFoundError for an unknown or inactive table code.
 */
export async function requestService(
  services: Services,
  guest: GuestPrincipal,
  input: ServiceRequestInput,
): Promise<ServiceRequestView> {
  let table = await findActiveTable(services, input.tableCode);
  for (let attempt = 1; ; attempt++) {
    const sessionId = await openTableSession(services, table, input.tableCode);
    const now = new Date();
    const written = await updateTableSession(sessionId, (session) => {
      if (session.status !== "open") return { update: null, result: null };
      const customerId = new Types.ObjectId(guest.customerId);
      const member = (session.customerIds ?? []).some((id) => id.equals(customerId));
      const join = member ? {} : { $addToSet: { customerIds: customerId } };
      const current = (session.requests ?? []).find(
        (request) => request.kind === input.kind && request.status !== "resolved",
      );
      if (current) return { update: member ? null : join, result: { requestId: current._id, changed: !member } };
      const requestId = new Types.ObjectId();
      const request = { _id: requestId, kind: input.kind, status: "open", customerId, createdAt: now };
      return { update: { ...join, $push: { requests: request } }, result: { requestId, changed: true } };
    });
    const outcome = written?.result;
    const request = outcome && written.session.requests.find((candidate) => candidate._id.equals(outcome.requestId));
    if (request) {
      if (outcome.changed) await announceTabChange(services, written.session);
      return toServiceRequestView(request, guest.customerId);
    }
    // The session closed (or vanished) after the table pointed at it: read the table afresh and open a new one.
    const fresh = await Table.findById(table.id).lean<TableDoc>();
    if (!fresh || attempt >= OPEN_SESSION_ATTEMPTS)
      throw new Error(`Table ${table.id} has no session to take a request`);
    table = toTableRef(fresh);
  }
}
