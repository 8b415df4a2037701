import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";
import { Field } from "./field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./select";

beforeAll(() => {
  // jsdom lacks the pointer-capture and scrolling APIs Radix Select calls: stub the missing ones.
  const stubs = {
    hasPointerCapture: () => false,
    releasePointerCapture: () => undefined,
    scrollIntoView: () => undefined,
  };
  for (const [name, stub] of Object.entries(stubs))
    if (!(name in Element.prototype)) Object.assign(Element.prototype, { [name]: stub });
});

describe("Select", () => {
  it("is a combobox named by its field's label, opened and chosen from with the keyboard", async () => {
    const user = userEvent.setup();
    render(
      <Field label="Station" description="Only this station's tickets show.">
        <Select defaultValue="all">
          <SelectTrigger>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="all">All stations</SelectItem>
            <SelectItem value="tandoor">Tandoor</SelectItem>
          </SelectContent>
        </Select>
      </Field>,
    );
    const trigger = screen.getByRole("combobox", { name: "Station" });
    expect(trigger).toHaveAccessibleDescription("Only this station's tickets show.");
    expect(trigger).toHaveTextContent("All stations");

    trigger.focus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("listbox")).toBeInTheDocument();
    await user.keyboard("{ArrowDown}{Enter}");
    expect(screen.queryByRole("listbox")).not.toBeInTheDocument();
    expect(trigger).toHaveTextContent("Tandoor");
  });
});
