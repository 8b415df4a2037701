"use client";
import { errorMessage } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

/** How often the kitchen rereads its stock list (orders take portions between taps), ms. */
const STOCK_REFRESH_MS = 15_000;

/**
 * The kitchen's view of its menu's stock (`kitchen.stock`: 86'd items, 86'd options, counted
 * items), reread every 15 s, and the one-tap 86 / bring-back (`kitchen.setAvailability`); a
 * refusal is reported in words through `onError`, and the list is reread after either outcome.
 */
export function useKitchenStock(onError?: (text: string) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.kitchen.stock.queryOptions(), refetchInterval: STOCK_REFRESH_MS });
  const mutation = useMutation(trpc.kitchen.setAvailability.mutationOptions());
  const { mutate } = mutation;
  const setAvailable = useCallback(
    (item: { menuItemId: string; name: string; optionId?: string }, available: boolean) =>
      mutate(
        { menuItemId: item.menuItemId, ...(item.optionId ? { optionId: item.optionId } : {}), available },
        {
          onError: (error) =>
            onError?.(
              `Couldn't ${available ? "bring back" : "86"} ${item.name}: ${errorMessage(error, "check the connection and try again.")}`,
            ),
          onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.kitchen.stock.queryKey() }),
        },
      ),
    [mutate, onError, queryClient, trpc],
  );
  return { query, setAvailable, pending: mutation.isPending ? mutation.variables : undefined };
}
