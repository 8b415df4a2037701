"use client";
import { errorMessage, fieldErrors } from "@tabletap/client/errors";
import { useTRPC } from "@tabletap/client/staff";
import {
  bpsToPercent,
  CURRENCIES,
  percentToBps,
  saveSettingsInput,
  TIME_ZONES,
  WEEKDAYS,
  type SettingsView,
} from "@tabletap/core/settings";
import { Button } from "@tabletap/ui/button";
import { Field } from "@tabletap/ui/field";
import { Input } from "@tabletap/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@tabletap/ui/select";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { AdminNotice, AdminPage } from "../admin-page";
import { AuditTrail } from "../audit-trail";

const CURRENCY_NAMES = new Intl.DisplayNames(["en"], { type: "currency" });
const RATE_MESSAGE = "Enter a percentage from 0 to 100, with at most 2 decimals";
/** Monday first, as a week reads on a restaurant's door; stored day numbers are 0 = Sunday. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

interface DayHours {
  open: boolean;
  opens: string;
  closes: string;
}

interface Draft {
  name: string;
  currency: string;
  timeZone: string;
  taxPercent: string;
  serviceChargePercent: string;
  /** The kitchen's overload threshold in minutes as typed; "" for never warn. */
  backlogWarnMinutes: string;
  hours: DayHours[];
}

function draftOf(settings: SettingsView): Draft {
  return {
    name: settings.name,
    currency: settings.currency,
    timeZone: settings.timeZone,
    taxPercent: bpsToPercent(settings.taxBps),
    serviceChargePercent: bpsToPercent(settings.serviceChargeBps),
    backlogWarnMinutes: settings.kitchenBacklogWarnMinutes === null ? "" : String(settings.kitchenBacklogWarnMinutes),
    hours: WEEKDAYS.map((_, day) => {
      const hours = settings.openingHours.find((h) => h.day === day);
      return hours
        ? { open: true, opens: hours.opens, closes: hours.closes }
        : { open: false, opens: "11:00", closes: "23:00" };
    }),
  };
}

/** `/admin/settings`: the pause switch, then restaurant, money, time zone and opening hours, and the history. */
export function SettingsAdmin() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.admin.settings.get.queryOptions());
  return (
    <AdminPage title="Settings" description="How your restaurant appears to guests and how their bills are worked out.">
      {settings.isPending ? (
        <AdminNotice kind="loading">Loading settings…</AdminNotice>
      ) : settings.isError ? (
        <AdminNotice
          kind="error"
          action={
            <Button size="sm" variant="outline" onClick={() => void settings.refetch()}>
              Try again
            </Button>
          }
        >
          {errorMessage(settings.error, "We couldn't load the settings.")}
        </AdminNotice>
      ) : (
        <>
          <PauseOrdering paused={settings.data.orderingPaused} />
          <SettingsForm settings={settings.data} />
          <Section title="History">
            <AuditTrail entity="settings" />
          </Section>
        </>
      )}
    </AdminPage>
  );
}

function useSettingsSaved() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async (saved: SettingsView) => {
    queryClient.setQueryData(trpc.admin.settings.get.queryKey(), saved);
    await queryClient.invalidateQueries({ queryKey: trpc.admin.audit.list.pathKey() });
  };
}

/** The "pause ordering" switch: saved at once, on its own, and explained. */
function PauseOrdering({ paused }: { paused: boolean }) {
  const trpc = useTRPC();
  const saved = useSettingsSaved();
  const pause = useMutation(trpc.admin.settings.save.mutationOptions({ onSuccess: saved }));
  const next = !paused;
  return (
    <section
      aria-labelledby="pause-heading"
      className={
        paused
          ? "border-danger bg-danger-soft flex flex-wrap items-center justify-between gap-4 rounded-lg border-2 p-4"
          : "border-border bg-card flex flex-wrap items-center justify-between gap-4 rounded-lg border p-4"
      }
    >
      <div className="min-w-0 flex-1">
        <h2 id="pause-heading" className="text-lg font-bold">
          {paused ? "Ordering is paused" : "Taking orders"}
        </h2>
        <p className="text-muted-foreground text-sm">
          {paused
            ? "Guests see “The kitchen isn't taking orders right now” and can't place orders. Orders already placed carry on."
            : "Pause when the kitchen can't take more: guests see it at once and can't place orders until you resume."}
        </p>
        {pause.error ? (
          <p role="alert" className="text-danger mt-1 text-sm font-semibold">
            {errorMessage(pause.error, "We couldn't change it. Try again.")}
          </p>
        ) : null}
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={paused}
        aria-labelledby="pause-heading"
        disabled={pause.isPending}
        onClick={() => pause.mutate({ orderingPaused: next })}
        className="focus-visible:focus-ring flex cursor-pointer items-center gap-3 rounded-full border-0 bg-transparent p-1 disabled:opacity-60"
      >
        <span
          aria-hidden
          className={`relative inline-flex h-8 w-14 items-center rounded-full transition-colors ${paused ? "bg-danger-solid" : "bg-surface-muted border-border-strong border"}`}
        >
          <span
            className={`bg-surface shadow-card absolute size-6 rounded-full transition-transform ${paused ? "translate-x-7" : "translate-x-1"}`}
          />
        </span>
        <span className="text-sm font-bold">
          {pause.isPending ? "Saving…" : paused ? "Resume ordering" : "Pause ordering"}
        </span>
      </button>
    </section>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section className="border-border bg-card grid gap-4 rounded-lg border p-4 md:grid-cols-[14rem_1fr]">
      <div>
        <h2 className="font-bold">{title}</h2>
        {description ? <p className="text-muted-foreground text-sm">{description}</p> : null}
      </div>
      <div className="grid min-w-0 gap-4">{children}</div>
    </section>
  );
}

/** Restaurant, money, time zone and opening hours, saved together; validated with `saveSettingsInput` first. */
function SettingsForm({ settings }: { settings: SettingsView }) {
  const trpc = useTRPC();
  const saved = useSettingsSaved();
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const save = useMutation(
    trpc.admin.settings.save.mutationOptions({
      onSuccess: saved,
      onError: (error) =>
        setErrors({ form: errorMessage(error, "We couldn't save. Try again."), ...fieldErrors(error) }),
    }),
  );
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDone(false);
  };
  const setDay = (day: number, patch: Partial<DayHours>) =>
    set({ hours: draft.hours.map((h, d) => (d === day ? { ...h, ...patch } : h)) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const taxBps = percentToBps(draft.taxPercent);
    const serviceChargeBps = percentToBps(draft.serviceChargePercent);
    const openDays = draft.hours.flatMap((h, day) => (h.open ? [{ day, opens: h.opens, closes: h.closes }] : []));
    const parsed = saveSettingsInput.safeParse({
      name: draft.name,
      currency: draft.currency,
      timeZone: draft.timeZone,
      taxBps: taxBps ?? -1,
      serviceChargeBps: serviceChargeBps ?? -1,
      openingHours: openDays,
      kitchenBacklogWarnMinutes: draft.backlogWarnMinutes.trim() === "" ? null : Number(draft.backlogWarnMinutes),
    });
    const found: Record<string, string> = {};
    if (taxBps === null) found.taxBps = RATE_MESSAGE;
    if (serviceChargeBps === null) found.serviceChargeBps = RATE_MESSAGE;
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const [field, index] = issue.path;
      const key = field === "openingHours" && typeof index === "number" ? `day${openDays[index]?.day}` : String(field);
      found[key] ??= issue.message;
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success) return;
    save.mutate(parsed.data, { onSuccess: () => setDone(true) });
  };

  const zones = TIME_ZONES.includes(draft.timeZone) ? TIME_ZONES : [draft.timeZone, ...TIME_ZONES];
  return (
    <form className="grid gap-4" onSubmit={submit} noValidate>
      <Section title="Restaurant" description="The name guests see on the menu and their receipts.">
        <Field label="Name" error={errors.name}>
          <Input value={draft.name} onChange={(e) => set({ name: e.target.value })} className="max-w-md" />
        </Field>
      </Section>

      <Section title="Money" description="Added to every order. Prices on the menu stay as you set them.">
        <Field label="Currency" error={errors.currency} className="max-w-md">
          <Select value={draft.currency} onValueChange={(currency) => set({ currency })}>
            <SelectTrigger>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {CURRENCIES.map((code) => (
                <SelectItem key={code} value={code}>
                  {code} · {CURRENCY_NAMES.of(code)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
        <div className="grid max-w-md items-start gap-4 sm:grid-cols-2">
          <Field label="GST (%)" description="e.g. 5 or 18" error={errors.taxBps}>
            <Input inputMode="decimal" value={draft.taxPercent} onChange={(e) => set({ taxPercent: e.target.value })} />
          </Field>
          <Field label="Service charge (%)" description="0 for none" error={errors.serviceChargeBps}>
            <Input
              inputMode="decimal"
              value={draft.serviceChargePercent}
              onChange={(e) => set({ serviceChargePercent: e.target.value })}
            />
          </Field>
        </div>
      </Section>

      <Section
        title="Busy kitchen"
        description="Guests see how long an order will take before they order. Warn them as well when the kitchen's backlog is longer than this."
      >
        <Field
          label="Warn guests past (minutes of backlog)"
          description="e.g. 20. Leave empty to never warn."
          error={errors.kitchenBacklogWarnMinutes}
          className="max-w-xs"
        >
          <Input
            inputMode="numeric"
            value={draft.backlogWarnMinutes}
            onChange={(e) => set({ backlogWarnMinutes: e.target.value })}
          />
        </Field>
      </Section>

      <Section title="Time zone" description="Business days, opening hours and reports follow it.">
        <Field label="Time zone" error={errors.timeZone} className="max-w-md">
          <Select value={draft.timeZone} onValueChange={(timeZone) => set({ timeZone })}>
            <SelectTrigger>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {zones.map((zone) => (
                <SelectItem key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
      </Section>

      <Section
        title="Opening hours"
        description="In the restaurant's time zone. A closing time before the opening time means after midnight (6 pm – 2 am). Untick a day to show it closed."
      >
        <fieldset className="m-0 grid gap-2 border-0 p-0">
          <legend className="sr-only">Opening hours</legend>
          {errors.openingHours ? (
            <p role="alert" className="text-danger text-sm font-semibold">
              {errors.openingHours}
            </p>
          ) : null}
          {WEEK_ORDER.map((day) => {
            const hours = draft.hours[day]!;
            const name = WEEKDAYS[day];
            return (
              <div key={day} className="grid grid-cols-[8.5rem_auto_1fr] items-center gap-3 text-sm">
                <label className="flex items-center gap-2 font-semibold">
                  <input
                    type="checkbox"
                    className="size-4"
                    checked={hours.open}
                    onChange={(e) => setDay(day, { open: e.target.checked })}
                  />
                  {name}
                </label>
                {hours.open ? (
                  <div className="flex items-center gap-2">
                    <Input
                      type="time"
                      aria-label={`${name} opens`}
                      value={hours.opens}
                      onChange={(e) => setDay(day, { opens: e.target.value })}
                      className="w-32"
                    />
                    <span aria-hidden>–</span>
                    <Input
                      type="time"
                      aria-label={`${name} closes`}
                      value={hours.closes}
                      onChange={(e) => setDay(day, { closes: e.target.value })}
                      className="w-32"
                    />
                  </div>
                ) : (
                  <span className="text-muted-foreground">Closed</span>
                )}
                {errors[`day${day}`] ? (
                  <span role="alert" className="text-danger font-semibold">
                    {errors[`day${day}`]}
                  </span>
                ) : (
                  <span />
                )}
              </div>
            );
          })}
        </fieldset>
      </Section>

      <div className="flex flex-wrap items-center justify-end gap-3">
        {errors.form ? (
          <p role="alert" className="text-danger text-sm font-semibold">
            {errors.form}
          </p>
        ) : done ? (
          <p role="status" className="text-sm font-semibold">
            Saved. Guests see the changes now.
          </p>
        ) : null}
        <Button type="button" variant="outline" onClick={() => (setDraft(draftOf(settings)), setErrors({}))}>
          Discard changes
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
