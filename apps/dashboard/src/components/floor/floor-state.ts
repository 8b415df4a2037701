import type { TableFloorState } from "@tabletap/core/tab";

/**
 * Each floor state's colour: a solid badge with dark text (every pair AA on the kitchen theme)
 * and the card's left edge. Always shown with the state's name (`TABLE_FLOOR_STATE_LABELS`).
 */
export const FLOOR_STATE_STYLE: Readonly<Record<TableFloorState, { badge: string; edge: string }>> = {
  free: { badge: "border-border-strong text-muted-foreground border-2", edge: "border-l-border-strong" },
  ordering: { badge: "bg-primary text-primary-foreground border-2 border-primary", edge: "border-l-primary" },
  eating: { badge: "bg-success text-success-foreground border-2 border-success", edge: "border-l-success" },
  waiting_for_bill: {
    badge: "bg-warning text-warning-foreground border-2 border-warning",
    edge: "border-l-warning",
  },
  paid: { badge: "bg-inverse text-inverse-foreground border-2 border-inverse", edge: "border-l-inverse" },
};
