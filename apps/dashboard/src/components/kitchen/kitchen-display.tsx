"use client";
import { useArrivals } from "@/hooks/use-arrivals";
import { useBumpBar } from "@/hooks/use-bump-bar";
import { RestaurantTimeZone } from "@/hooks/use-clock";
import { useDensity } from "@/hooks/use-density";
import { useNotice } from "@/hooks/use-notice";
import { useSoundPreference } from "@/hooks/use-sound-preference";
import { useStaffSession } from "@/hooks/use-staff-session";
import { useStationFilter } from "@/hooks/use-station-filter";
import { useStationWork } from "@/hooks/use-station-work";
import { useStopDialog } from "@/hooks/use-stop-dialog";
import { useTicketBoard } from "@/hooks/use-ticket-board";
import { useTicketMoves } from "@/hooks/use-ticket-moves";
import { useTicketStream } from "@/hooks/use-ticket-stream";
import type { KitchenBoardView } from "@tabletap/core";
import { useMemo, useState } from "react";
import { toColumns } from "@/lib/tickets";
import { AllDayStrip } from "./all-day-strip";
import { BoardEmpty, BoardError, BoardLoading, HiddenTickets } from "./board-message";
import { KitchenHeader } from "./kitchen-header";
import "./kitchen-display.css";
import { NoticeBar } from "./notice-bar";
import { OrderLookupDialog } from "./order-lookup-dialog";
import { RecentDrawer } from "./recent-drawer";
import { ServiceStrip } from "./service-strip";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { StationWorkContext } from "./station-work";
import { StockStrip } from "./stock-strip";
import { StopDialog } from "./stop-dialog";
import { boardOrder, TicketColumns } from "./ticket-columns";
import { UndoBar } from "./undo-bar";

export interface KitchenDisplayProps {
  staff: { name: string; role: "staff" | "manager" };
  /** The board as the server rendered it (undefined when that read failed: the client retries). */
  initialBoard: KitchenBoardView | undefined;
  renderedAt: number;
  initialStation: string | null;
  /** The restaurant's time zone (IANA) as the server read it; null when it couldn't (the board's answer brings it). */
  timeZone: string | null;
}

/**
 * The kitchen display (KDS): the guests' service requests in a strip on top, the "all day" counts
 * of what is still to make, then the active tickets in three columns (New, Preparing, Ready),
 * compact when the board is busy, driven by touch, keyboard or bump bar (`useBumpBar`), with
 * clocks in the restaurant's time zone from the first render, kept live
 * over SSE (`kitchen.onTicket`), refetched whenever the stream (re)connects so nothing is missed;
 * when the API lists only part of them (a flood of orders), it says how many it leaves out.
 */
export function KitchenDisplay({ staff, initialBoard, renderedAt, initialStation, timeZone }: KitchenDisplayProps) {
  const session = useStaffSession();
  const { query, board, hidden, applyChange, refresh } = useTicketBoard({
    initialBoard,
    renderedAt,
    onUnauthorized: session.goToLogin,
  });
  const connection = useTicketStream({
    onChange: applyChange,
    onConnected: refresh,
    onUnauthorized: session.goToLogin,
  });
  const { notice, showNotice, dismissNotice } = useNotice();
  const filter = useStationFilter(board, initialStation);
  const work = useStationWork({
    station: filter.station,
    applyChange,
    refresh,
    showNotice,
    onUnauthorized: session.goToLogin,
  });
  const moves = useTicketMoves({
    board,
    applyChange,
    refresh,
    showNotice,
    onUnauthorized: session.goToLogin,
    onMoved: work.offerUndo,
  });
  const stop = useStopDialog({ board, loaded: query.data !== undefined, showNotice });
  const stopping = stop.open;
  const [sound, setSound] = useSoundPreference();
  const { fresh, announcement } = useArrivals(query.data?.tickets, sound);
  const [compact, setCompact] = useDensity(filter.visible.length);
  const [finding, setFinding] = useState(false);
  const [helping, setHelping] = useState(false);
  const columns = useMemo(() => toColumns(filter.visible), [filter.visible]);
  const ordered = useMemo(() => boardOrder(columns), [columns]);
  const bumpBar = useBumpBar({
    tickets: ordered,
    pendingByTicket: moves.pendingByTicket,
    onAdvance: moves.advance,
    onFind: () => setFinding(true),
    onHelp: () => setHelping(true),
    enabled: !stopping && !finding && !helping,
  });

  return (
    <RestaurantTimeZone value={timeZone ?? query.data?.timeZone ?? null}>
      <div className={compact ? "kds kds--compact" : "kds"}>
        <KitchenHeader
          staff={staff}
          serverNow={renderedAt}
          connection={connection}
          stations={filter.stations}
          stationCounts={filter.stationCounts}
          allCount={board.length}
          station={filter.station}
          onStation={filter.chooseStation}
          sound={sound}
          onSound={setSound}
          onSignOut={session.signOut}
          signingOut={session.signingOut}
          compact={compact}
          onCompact={setCompact}
          onFind={() => setFinding(true)}
          onHelp={() => setHelping(true)}
        />

        <ServiceStrip serverNow={renderedAt} onUnauthorized={session.goToLogin} showNotice={showNotice} />
        <StockStrip showNotice={showNotice} />
        <AllDayStrip tickets={board} station={filter.station} />

        <div className="sr-only" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>
        {notice ? <NoticeBar key={notice.id} notice={notice} onDismiss={dismissNotice} /> : null}
        {hidden ? <HiddenTickets hidden={hidden} /> : null}

        <StationWorkContext value={work}>
          <main className="board" aria-label="Tickets">
            {query.data === undefined ? (
              query.isError ? (
                <BoardError error={query.error} onRetry={() => void query.refetch()} />
              ) : (
                <BoardLoading />
              )
            ) : filter.visible.length === 0 ? (
              <BoardEmpty station={filter.station} onShowAll={() => filter.chooseStation(null)} />
            ) : (
              <TicketColumns
                columns={columns}
                compact={compact}
                selectedId={bumpBar.selectedId}
                fresh={fresh}
                pendingByTicket={moves.pendingByTicket}
                serverNow={renderedAt}
                focusId={moves.focusId}
                onAdvance={moves.advance}
                onStop={stop.openFor}
              />
            )}
          </main>
        </StationWorkContext>
        <RecentDrawer serverNow={renderedAt} recalling={work.recalling} onRecall={work.recall} />
        {work.offer ? <UndoBar key={work.offer.id} offer={work.offer} onDismiss={work.dismissOffer} /> : null}

        {stopping ? (
          <StopDialog
            key={stopping.ticket.id}
            ticket={stopping.ticket}
            action={stopping.action}
            onClose={stop.close}
            onConfirm={(to, reason) => {
              stop.close();
              moves.exit(stopping.ticket, to, reason);
            }}
          />
        ) : null}
        {finding ? <OrderLookupDialog onClose={() => setFinding(false)} /> : null}
        {helping ? <ShortcutsDialog onClose={() => setHelping(false)} /> : null}
      </div>
    </RestaurantTimeZone>
  );
}
