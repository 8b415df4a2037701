"use client";
import { useArrivals } from "@/hooks/use-arrivals";
import { useNotice } from "@/hooks/use-notice";
import { useSoundPreference } from "@/hooks/use-sound-preference";
import { useStaffSession } from "@/hooks/use-staff-session";
import { useStationFilter } from "@/hooks/use-station-filter";
import { useStopDialog } from "@/hooks/use-stop-dialog";
import { useTicketBoard } from "@/hooks/use-ticket-board";
import { useTicketMoves } from "@/hooks/use-ticket-moves";
import { useTicketStream } from "@/hooks/use-ticket-stream";
import type { KitchenBoardView } from "@tabletap/core";
import { BoardEmpty, BoardError, BoardLoading, HiddenTickets } from "./board-message";
import { KitchenHeader } from "./kitchen-header";
import { NoticeBar } from "./notice-bar";
import { ServiceStrip } from "./service-strip";
import { StockStrip } from "./stock-strip";
import { StopDialog } from "./stop-dialog";
import { TicketColumns } from "./ticket-columns";

export interface KitchenDisplayProps {
  staff: { name: string; role: "staff" | "manager" };
  /** The board as the server rendered it (undefined when that read failed: the client retries). */
  initialBoard: KitchenBoardView | undefined;
  renderedAt: number;
  initialStation: string | null;
}

/**
 * The kitchen display (KDS): the guests' service requests in a strip on top, then the active
 * tickets in three columns (New, Preparing, Ready), kept live
 * over SSE (`kitchen.onTicket`), refetched whenever the stream (re)connects so nothing is missed;
 * when the API lists only part of them (a flood of orders), it says how many it leaves out.
 */
export function KitchenDisplay({ staff, initialBoard, renderedAt, initialStation }: KitchenDisplayProps) {
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
  const moves = useTicketMoves({ board, applyChange, refresh, showNotice, onUnauthorized: session.goToLogin });
  const stop = useStopDialog({ board, loaded: query.data !== undefined, showNotice });
  const stopping = stop.open;
  const filter = useStationFilter(board, initialStation);
  const [sound, setSound] = useSoundPreference();
  const { fresh, announcement } = useArrivals(query.data?.tickets, sound);

  return (
    <div className="kds">
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
      />

      <ServiceStrip serverNow={renderedAt} onUnauthorized={session.goToLogin} showNotice={showNotice} />
      <StockStrip showNotice={showNotice} />

      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {notice ? <NoticeBar key={notice.id} notice={notice} onDismiss={dismissNotice} /> : null}
      {hidden ? <HiddenTickets hidden={hidden} /> : null}

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
            items={filter.visible}
            fresh={fresh}
            pendingByTicket={moves.pendingByTicket}
            serverNow={renderedAt}
            focusId={moves.focusId}
            onAdvance={moves.advance}
            onStop={stop.openFor}
          />
        )}
      </main>

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
    </div>
  );
}
