import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Button } from "./button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "./dialog";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "./sheet";

function RejectDialog() {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button>Reject order</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Reject order #12?</DialogTitle>
        <DialogDescription>The guest is told at once.</DialogDescription>
        <label>
          Reason <input />
        </label>
        <DialogClose asChild>
          <Button variant="outline">Keep order</Button>
        </DialogClose>
      </DialogContent>
    </Dialog>
  );
}

describe("Dialog", () => {
  it("opens named and described, moves focus inside, and Escape closes it and returns focus to the opener", async () => {
    const user = userEvent.setup();
    render(<RejectDialog />);
    const opener = screen.getByRole("button", { name: "Reject order" });
    await user.click(opener);
    const dialog = screen.getByRole("dialog", { name: "Reject order #12?" });
    expect(dialog).toHaveAccessibleDescription("The guest is told at once.");
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it("keeps Tab inside the dialog", async () => {
    const user = userEvent.setup();
    render(<RejectDialog />);
    await user.click(screen.getByRole("button", { name: "Reject order" }));
    const dialog = screen.getByRole("dialog");
    for (let i = 0; i < 4; i++) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
  });
});

describe("Sheet", () => {
  it("is a modal dialog named by its title that Escape closes", async () => {
    const user = userEvent.setup();
    render(
      <Sheet>
        <SheetTrigger asChild>
          <Button>Add Masala Chai</Button>
        </SheetTrigger>
        <SheetContent aria-describedby={undefined}>
          <SheetTitle>Masala Chai</SheetTitle>
          <Button>Add to cart</Button>
        </SheetContent>
      </Sheet>,
    );
    await user.click(screen.getByRole("button", { name: "Add Masala Chai" }));
    expect(screen.getByRole("dialog", { name: "Masala Chai" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add Masala Chai" })).toHaveFocus();
  });
});
