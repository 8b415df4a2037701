import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Button } from "./button";

describe("Button", () => {
  it("does not submit its form unless it is type=submit", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn((event: SubmitEvent) => event.preventDefault());
    render(
      <form onSubmit={(e) => onSubmit(e.nativeEvent)}>
        <Button>Add note</Button>
        <Button type="submit">Place order</Button>
      </form>,
    );
    await user.click(screen.getByRole("button", { name: "Add note" }));
    expect(onSubmit).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Place order" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it("renders its child instead with asChild, keeping the child's role and name", () => {
    render(
      <Button asChild variant="link">
        <a href="/kitchen">Kitchen</a>
      </Button>,
    );
    expect(screen.getByRole("link", { name: "Kitchen" })).toHaveAttribute("href", "/kitchen");
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("lets the caller's classes override the variant's", () => {
    render(<Button className="px-8">Go</Button>);
    expect(screen.getByRole("button", { name: "Go" }).className).toContain("px-8");
    expect(screen.getByRole("button", { name: "Go" }).className).not.toContain("px-4");
  });
});
