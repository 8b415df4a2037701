import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules, and axe's best practices) on what `page`
 * shows now and fails the test on any serious or critical violation, naming each rule, its help
 * text and the elements it found. Call it on every screen a journey reaches (issue 11: 0 serious
 * or critical violations), after the screen has settled.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary ?? ""}`).slice(0, 5),
    }));
  expect(serious, `axe: serious or critical violations on ${page.url()}`).toEqual([]);
}
