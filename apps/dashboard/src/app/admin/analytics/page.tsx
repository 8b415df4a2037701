import { analyticsRangeInput, presetRange } from "@tabletap/core";
import type { Metadata } from "next";
import { AdminPage } from "@/components/admin/admin-page";
import { AnalyticsDashboard } from "@/components/admin/analytics/analytics-dashboard";
import { serverApi } from "@/lib/server";

export const metadata: Metadata = { title: "Analytics" };

/**
 * `/admin/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD`: the restaurant's sales for a range of
 * business days (default: the last 30 days, ending today in the restaurant's time zone).
 */
export default async function AnalyticsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { today, timeZone } = await (await serverApi()).admin.analytics.today();
  const params = await searchParams;
  const asked = analyticsRangeInput.safeParse({ from: params.from, to: params.to });
  return (
    <AdminPage
      title="Analytics"
      description="Revenue, orders, best sellers and kitchen times for the business days you choose."
    >
      <AnalyticsDashboard
        today={today}
        timeZone={timeZone}
        initialRange={asked.success ? asked.data : presetRange("last30", today)}
      />
    </AdminPage>
  );
}
