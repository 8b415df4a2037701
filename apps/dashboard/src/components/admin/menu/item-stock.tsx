"use client";
import { errorMessage, fieldErrors, issueMessages } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import { STOCK_POLICY, setStockInput } from "@tabletap/core/stock";
import { Button } from "@tabletap/ui/button";
import { Field } from "@tabletap/ui/field";
import { Input } from "@tabletap/ui/input";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

/**
 * The item's stock count (`kitchen.setStock`), saved on its own: portions left, or empty when
 * the item is not counted. 0 86's it; a count above 0 brings it back. Validated with the core
 * schema first, then the server's message beside the field; "Saved" after saving.
 */
export function ItemStock({ menuItemId, stock }: { menuItemId: string; stock: number | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(stock === null ? "" : String(stock));
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.kitchen.setStock.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: trpc.admin.menu.list.queryKey() });
      },
      onError: (caught) => setError(fieldErrors(caught).count ?? errorMessage(caught, "Couldn't save the count.")),
    }),
  );

  function submit() {
    setSaved(false);
    const input = { menuItemId, count: value.trim() === "" ? null : Number(value) };
    const parsed = setStockInput.safeParse(input);
    if (!parsed.success) {
      setError(issueMessages(parsed.error).count ?? parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    save.mutate(parsed.data);
  }

  return (
    <section aria-labelledby="item-stock" className="flex flex-col gap-2">
      <h3 id="item-stock" className="font-semibold">
        Stock
      </h3>
      <div className="flex flex-wrap items-end gap-3">
        <Field
          label="Portions left"
          description={`Leave empty to not count it. 0 marks it sold out; the kitchen is warned at ${STOCK_POLICY.lowStockAt} or fewer.`}
          error={error}
          className="max-w-xs"
        >
          <Input
            inputMode="numeric"
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setSaved(false);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                submit();
              }
            }}
          />
        </Field>
        <Button type="button" variant="secondary" onClick={submit} disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save count"}
        </Button>
        {saved ? (
          <p role="status" className="text-muted-foreground text-sm">
            Saved
          </p>
        ) : null}
      </div>
    </section>
  );
}
