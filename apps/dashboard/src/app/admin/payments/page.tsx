import { paymentsListInput } from "@tabletap/core/payments-admin";
import type { Metadata } from "next";
import { PaymentsAdmin } from "@/components/admin/payments/payments-admin";
import { serverApi } from "@/lib/server";

export const metadata: Metadata = { title: "Payments" };

/** `/admin/payments?date=YYYY-MM-DD`: the payments of one business day (default today, the restaurant's time zone) and their refunds. */
export default async function PaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { today, timeZone } = await (await serverApi()).admin.analytics.today();
  const { date } = await searchParams;
  const asked = paymentsListInput.safeParse({ businessDate: date });
  const businessDate =
    asked.success && asked.data.businessDate && asked.data.businessDate <= today ? asked.data.businessDate : today;
  return <PaymentsAdmin today={today} timeZone={timeZone} initialDate={businessDate} />;
}
