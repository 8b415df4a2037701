import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "./tabs";

describe("Tabs", () => {
  it("selects tabs with the arrow keys, Home and End, showing the matching panel", async () => {
    const user = userEvent.setup();
    render(
      <Tabs defaultValue="menu">
        <TabsList aria-label="Manage">
          <TabsTrigger value="menu">Menu</TabsTrigger>
          <TabsTrigger value="tables">Tables</TabsTrigger>
          <TabsTrigger value="staff">Staff</TabsTrigger>
        </TabsList>
        <TabsContent value="menu">Menu items</TabsContent>
        <TabsContent value="tables">Table list</TabsContent>
        <TabsContent value="staff">Staff list</TabsContent>
      </Tabs>,
    );
    expect(screen.getByRole("tablist", { name: "Manage" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Menu" })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByRole("tabpanel")).toHaveTextContent("Menu items");

    await user.click(screen.getByRole("tab", { name: "Menu" }));
    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("tab", { name: "Tables" })).toHaveFocus();
    expect(screen.getByRole("tab", { name: "Tables" })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByRole("tabpanel", { name: "Tables" })).toHaveTextContent("Table list");

    await user.keyboard("{End}");
    expect(screen.getByRole("tab", { name: "Staff" })).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowRight}");
    expect(screen.getByRole("tab", { name: "Menu" })).toHaveAttribute("aria-selected", "true");
  });
});
