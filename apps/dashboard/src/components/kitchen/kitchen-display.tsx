"use client";
import type { OrderStatus, OrderView } from "@tabletap/core";
import { useTRPC } from "@tabletap/client";
import { useMutation, useMutationState, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { isActiveOrderStatus } from "@tabletap/core/order-status";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { playChime } from "@/lib/chime";
import { errorCode, errorMessage } from "@tabletap/client/errors";
import { useSessionKeepAlive } from "@/lib/use-session-keepalive";
import { applyTicketChange, COLUMNS, filterByStation, stationsOf, ticketName, toColumns, type Ticket } from "@/lib/tickets";
import { KitchenHeader, type ConnectionState } from "./kitchen-header";
import { StopDialog, type StopKind } from "./stop-dialog";
import { stationLabel } from "./station";
import { TicketCard } from "./ticket-card";

/** How long a ticket that just arrived stays highlighted. */
const FRESH_MS = 8_000;
/** Safety net besides the live stream: re-read the board every minute (also keeps the session fresh). */
const REFETCH_MS = 60_000;
const SOUND_KEY = "tabletap.kds.sound";

const MOVE_VERB: Partial<Record<OrderStatus, string>> = {
  accepted: "accept",
  preparing: "start",
  ready: "mark ready",
  served: "mark served",
  rejected: "reject",
  cancelled: "cancel",
};

interface AdvanceVars {
  orderId: string;
  to: OrderStatus;
  reason?: string;
}

export interface KitchenDisplayProps {
  staff: { name: string; role: "staff" | "manager" };
  /** The board as the server rendered it (undefined when that read failed: the client retries). */
  initialTickets: Ticket[] | undefined;
  renderedAt: number;
  initialStation: string | null;
}

/**
 * The kitchen display (KDS): active tickets in three columns (New, Preparing, Ready), kept live
 * over SSE (`kitchen.onTicket`), refetched whenever the stream (re)connects so nothing is missed.
 */
export function KitchenDisplay({ staff, initialTickets, renderedAt, initialStation }: KitchenDisplayProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const ticketsKey = useMemo(() => trpc.kitchen.tickets.queryKey(), [trpc]);

  // ---- Signed out (the refresh cookie ran out too): back to the sign-in page.
  const signedOut = useRef(false);
  const goToLogin = useCallback(() => {
    if (signedOut.current) return;
    signedOut.current = true;
    router.replace(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }, [router]);

  useSessionKeepAlive();

  // ---- Tickets: the query cache is the board; live events and move answers are applied to it.
  const tickets = useQuery(
    trpc.kitchen.tickets.queryOptions(undefined, {
      initialData: initialTickets,
      initialDataUpdatedAt: renderedAt,
      refetchInterval: REFETCH_MS,
      refetchOnWindowFocus: true,
    }),
  );
  useEffect(() => {
    if (errorCode(tickets.error) === "UNAUTHORIZED") goToLogin();
  }, [tickets.error, goToLogin]);

  /**
   * Tickets that left the board (served, cancelled, rejected) with the time they did: a refetch
   * that started before the change must not bring them back.
   */
  const gone = useRef(new Map<string, number>());
  const applyChange = useCallback(
    (change: OrderView) => {
      if (!isActiveOrderStatus(change.status)) {
        gone.current.set(change.id, Date.parse(change.updatedAt));
        if (gone.current.size > 1000) gone.current.delete(gone.current.keys().next().value!);
      }
      queryClient.setQueryData(ticketsKey, (old) => (old ? applyTicketChange(old, change) : old));
    },
    [queryClient, ticketsKey],
  );
  const board = useMemo(
    () => (tickets.data ?? []).filter((ticket) => !((gone.current.get(ticket.id) ?? -Infinity) >= Date.parse(ticket.updatedAt))),
    [tickets.data],
  );

  const boardRef = useRef(board);
  useEffect(() => {
    boardRef.current = board;
  }, [board]);

  // ---- Live stream.
  const everLive = useRef(false);
  const subscription = useSubscription(
    trpc.kitchen.onTicket.subscriptionOptions(
      {},
      {
        onStarted: () => void queryClient.invalidateQueries({ queryKey: ticketsKey }),
        onData: (event) => applyChange(event.data),
      },
    ),
  );
  if (subscription.status === "pending") everLive.current = true;
  const { status: subscriptionStatus, error: subscriptionError, reset: resetSubscription } = subscription;
  useEffect(() => {
    if (subscriptionStatus !== "error") return;
    if (errorCode(subscriptionError) === "UNAUTHORIZED") return goToLogin();
    const retry = setTimeout(resetSubscription, 5_000);
    return () => clearTimeout(retry);
  }, [subscriptionStatus, subscriptionError, resetSubscription, goToLogin]);
  const connection: ConnectionState =
    subscriptionStatus === "pending" ? "live" : subscriptionStatus === "error" ? "offline" : everLive.current ? "reconnecting" : "connecting";

  // ---- Notices (a refused move, a dialog overtaken by events).
  const [notice, setNotice] = useState<{ id: number; text: string } | null>(null);
  const showNotice = useCallback((text: string) => setNotice({ id: Date.now(), text }), []);
  useEffect(() => {
    if (!notice) return;
    const hide = setTimeout(() => setNotice((current) => (current?.id === notice.id ? null : current)), 10_000);
    return () => clearTimeout(hide);
  }, [notice]);

  // ---- Moving tickets.
  const advance = useMutation(
    trpc.kitchen.advance.mutationOptions({
      onSuccess: (view, variables) => {
        applyChange(view);
        // The ticket moved to another column (a new card): keep keyboard focus on it.
        if (refocusFrom.current === variables.orderId) setRefocus(view.id);
      },
      onError: (error, variables) => {
        const code = errorCode(error);
        if (code === "UNAUTHORIZED") return goToLogin();
        const ticket = boardRef.current.find((t) => t.id === variables.orderId);
        const what = ticket ? `${MOVE_VERB[variables.to] ?? "update"} ${ticketName(ticket)}` : "update that ticket";
        showNotice(`Couldn't ${what}: ${errorMessage(error, "check the connection and try again.")}`);
        // Someone else moved it first (CONFLICT), or it's gone (NOT_FOUND): show the board as it is.
        void queryClient.invalidateQueries({ queryKey: ticketsKey });
      },
    }),
  );
  const pendingMoves = useMutationState({
    filters: { mutationKey: trpc.kitchen.advance.mutationKey(), status: "pending" },
    select: (mutation) => mutation.state.variables as AdvanceVars,
  });
  const pendingByTicket = useMemo(() => new Map(pendingMoves.map((move) => [move.orderId, move.to])), [pendingMoves]);
  const { mutate } = advance;
  const refocusFrom = useRef<string | null>(null);
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus) return;
    const done = setTimeout(() => setRefocus(null), 1_000);
    return () => clearTimeout(done);
  }, [refocus]);
  const onAdvance = useCallback(
    (ticket: OrderView, to: OrderStatus) => {
      const focused = document.activeElement?.closest("[data-ticket-id]")?.getAttribute("data-ticket-id");
      refocusFrom.current = focused === ticket.id ? ticket.id : null;
      mutate({ orderId: ticket.id, to });
    },
    [mutate],
  );

  const [stopping, setStopping] = useState<string | null>(null);
  const onStop = useCallback((ticket: OrderView) => setStopping(ticket.id), []);
  const stoppingTicket = stopping ? board.find((ticket) => ticket.id === stopping) : undefined;
  useEffect(() => {
    // The dialog's ticket moved on meanwhile (someone else served, cancelled or readied it).
    if (!stopping || !tickets.data) return;
    if (!stoppingTicket) {
      setStopping(null);
      showNotice("That ticket has already left the board.");
    } else if (stoppingTicket.status === "ready") {
      setStopping(null);
      showNotice(`${capitalise(ticketName(stoppingTicket))} is ready, so it can no longer be cancelled.`);
    }
  }, [stopping, stoppingTicket, tickets.data, showNotice]);

  // ---- Station filter (kept in the URL: a screen at the tandoor can bookmark ?station=tandoor).
  const [station, setStation] = useState<string | null>(initialStation);
  const stations = useMemo(() => {
    const list = stationsOf(board);
    return station && !list.includes(station) ? [...list, station] : list;
  }, [board, station]);
  const chooseStation = useCallback((next: string | null) => {
    setStation(next);
    const url = new URL(window.location.href);
    if (next) url.searchParams.set("station", next);
    else url.searchParams.delete("station");
    window.history.replaceState(window.history.state, "", url);
  }, []);
  const stationCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const s of stations) counts.set(s, filterByStation(board, s).length);
    return counts;
  }, [board, stations]);
  const visible = useMemo(() => filterByStation(board, station), [board, station]);
  const columns = useMemo(() => toColumns(visible), [visible]);

  // ---- New tickets: highlight, announce, optional chime.
  const [sound, setSound] = useState(false);
  useEffect(() => {
    setSound(window.localStorage.getItem(SOUND_KEY) === "on");
  }, []);
  const toggleSound = useCallback((on: boolean) => {
    setSound(on);
    window.localStorage.setItem(SOUND_KEY, on ? "on" : "off");
  }, []);
  const soundRef = useRef(sound);
  useEffect(() => {
    soundRef.current = sound;
  }, [sound]);
  const freshTimers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const timers = freshTimers.current;
    return () => timers.forEach(clearTimeout);
  }, []);
  const known = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState("");
  useEffect(() => {
    if (!tickets.data) return;
    if (!known.current) {
      known.current = new Set(tickets.data.map((ticket) => ticket.id));
      return;
    }
    const seen = known.current;
    const arrived = tickets.data.filter((ticket) => !seen.has(ticket.id));
    for (const ticket of tickets.data) seen.add(ticket.id);
    if (arrived.length === 0) return;
    const ids = arrived.map((ticket) => ticket.id);
    setFresh((current) => new Set([...current, ...ids]));
    setAnnouncement(`New ${arrived.length === 1 ? "ticket" : "tickets"}: ${arrived.map((ticket) => `table ${ticket.tableLabel}, order ${ticket.number}`).join("; ")}`);
    if (soundRef.current) playChime();
    const timer = setTimeout(() => {
      freshTimers.current.delete(timer);
      setFresh((current) => new Set([...current].filter((id) => !ids.includes(id))));
    }, FRESH_MS);
    freshTimers.current.add(timer);
  }, [tickets.data]);

  // ---- Sign out.
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        signedOut.current = true;
        router.replace("/login");
        router.refresh();
      },
    }),
  );

  const total = visible.length;
  return (
    <div className="kds">
      <KitchenHeader
        staff={staff}
        serverNow={renderedAt}
        connection={connection}
        stations={stations}
        stationCounts={stationCounts}
        allCount={board.length}
        station={station}
        onStation={chooseStation}
        sound={sound}
        onSound={toggleSound}
        onSignOut={() => logout.mutate()}
        signingOut={logout.isPending}
      />

      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {notice ? (
        <div className="notice" role="alert" key={notice.id}>
          <span>{notice.text}</span>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}

      <main className="board" aria-label="Tickets">
        {tickets.data === undefined ? (
          tickets.isError ? (
            <div className="board-message" role="alert">
              <p className="board-message-title">We couldn&apos;t load the tickets.</p>
              <p>{errorMessage(tickets.error, "Check the connection; the display keeps trying.")}</p>
              <button type="button" className="btn btn-primary btn-lg" onClick={() => void tickets.refetch()}>
                Try again
              </button>
            </div>
          ) : (
            <div className="board-message" role="status">
              <span className="spinner" aria-hidden="true" />
              <p className="board-message-title">Loading tickets…</p>
            </div>
          )
        ) : total === 0 ? (
          <div className="board-message board-empty" role="status">
            <p className="board-message-title">{station ? `No open tickets for ${stationLabel(station)}` : "No open tickets"}</p>
            <p>New orders appear here automatically.</p>
            {station ? (
              <button type="button" className="btn btn-ghost btn-lg" onClick={() => chooseStation(null)}>
                Show all stations
              </button>
            ) : null}
          </div>
        ) : (
          <div className="columns">
            {COLUMNS.map((column) => {
              const items = columns[column.id];
              const headingId = `column-${column.id}`;
              return (
                <section key={column.id} className={`column column--${column.id}`} aria-labelledby={headingId}>
                  <h2 className="column-head">
                    <span id={headingId}>{column.title}</span>
                    <span className="column-count">
                      {items.length}
                      <span className="sr-only"> {items.length === 1 ? "ticket" : "tickets"}</span>
                    </span>
                  </h2>
                  {items.length === 0 ? (
                    <p className="column-empty">No tickets</p>
                  ) : (
                    <ol className="column-list">
                      {items.map((item) => (
                        <li key={item.ticket.id}>
                          <TicketCard
                            item={item}
                            fresh={fresh.has(item.ticket.id)}
                            pendingTo={pendingByTicket.get(item.ticket.id)}
                            serverNow={renderedAt}
                            takeFocus={refocus === item.ticket.id}
                            onAdvance={onAdvance}
                            onStop={onStop}
                          />
                        </li>
                      ))}
                    </ol>
                  )}
                </section>
              );
            })}
          </div>
        )}
      </main>

      {stoppingTicket && stoppingTicket.status !== "ready" ? (
        <StopDialog
          key={stoppingTicket.id}
          ticket={stoppingTicket}
          onClose={() => setStopping(null)}
          onConfirm={(kind: StopKind, reason: string) => {
            setStopping(null);
            mutate({ orderId: stoppingTicket.id, to: kind, reason });
          }}
        />
      ) : null}
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
