"use client";
import { errorMessage } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { REQUEST_CHIP_LABELS, type TableRequest } from "@/lib/floor";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";

/** What staff do to a service request: acknowledge it ("On the way" for the guest) or mark it done. */
export type RequestAction = "acknowledge" | "resolve";

/**
 * One-tap service request actions (`floor.acknowledge`, `floor.resolve`), shared by the floor
 * view and the kitchen strip: `pending` maps a request id to the action in flight for it (its
 * buttons are disabled meanwhile); a refusal is reported through `onError` in words; the floor
 * (and the open tab) are refetched after either outcome.
 */
export function useRequestActions(onError: (text: string) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<ReadonlyMap<string, RequestAction>>(new Map());
  const settle = useCallback(
    (requestId: string) => {
      setPending((current) => {
        const next = new Map(current);
        next.delete(requestId);
        return next;
      });
      void queryClient.invalidateQueries({ queryKey: trpc.floor.tables.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.floor.tab.queryKey() });
    },
    [queryClient, trpc],
  );
  const acknowledge = useMutation(trpc.floor.acknowledge.mutationOptions());
  const resolve = useMutation(trpc.floor.resolve.mutationOptions());
  const { mutate: ackMutate } = acknowledge;
  const { mutate: resolveMutate } = resolve;

  const run = useCallback(
    (action: RequestAction, item: Pick<TableRequest, "tableSessionId" | "tableLabel" | "request">) => {
      const { request } = item;
      setPending((current) => new Map(current).set(request.id, action));
      const mutate = action === "acknowledge" ? ackMutate : resolveMutate;
      mutate(
        { tableSessionId: item.tableSessionId, requestId: request.id },
        {
          onError: (error) =>
            onError(
              `Couldn't ${action === "acknowledge" ? "acknowledge" : "finish"} ${REQUEST_CHIP_LABELS[request.kind].toLowerCase()} for ${item.tableLabel}: ${errorMessage(error, "check the connection and try again.")}`,
            ),
          onSettled: () => settle(request.id),
        },
      );
    },
    [ackMutate, resolveMutate, onError, settle],
  );
  return { pending, run };
}
