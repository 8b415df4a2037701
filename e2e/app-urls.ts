/** Where the apps under test listen: the ports playwright.config.ts picked (E2E_GUEST_PORT, E2E_DASHBOARD_PORT). */
export function appUrls(): { GUEST_URL: string; DASHBOARD_URL: string } {
  const { E2E_GUEST_PORT, E2E_DASHBOARD_PORT } = process.env;
  if (!E2E_GUEST_PORT || !E2E_DASHBOARD_PORT)
    throw new Error("E2E_GUEST_PORT and E2E_DASHBOARD_PORT are not set: run the tests through playwright.config.ts");
  return { GUEST_URL: `http://127.0.0.1:${E2E_GUEST_PORT}`, DASHBOARD_URL: `http://127.0.0.1:${E2E_DASHBOARD_PORT}` };
}
