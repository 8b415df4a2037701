import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Field } from "./field";
import { Input } from "./input";

describe("Field + Input", () => {
  it("names the input by its label and describes it with the help text", () => {
    render(
      <Field label="Email" description="We send the receipt here.">
        <Input type="email" />
      </Field>,
    );
    const input = screen.getByRole("textbox", { name: "Email" });
    expect(input).toHaveAccessibleDescription("We send the receipt here.");
    expect(input).not.toBeInvalid();
  });

  it("marks the input invalid and announces the error, read after the description", () => {
    render(
      <Field label="Email" description="We send the receipt here." error="Enter a valid email.">
        <Input type="email" defaultValue="nope" />
      </Field>,
    );
    const input = screen.getByRole("textbox", { name: "Email" });
    expect(input).toBeInvalid();
    expect(input).toHaveAccessibleDescription("We send the receipt here. Enter a valid email.");
    expect(screen.getByRole("alert")).toHaveTextContent("Enter a valid email.");
  });

  it("lets an input stand alone, named by its own aria-label", () => {
    render(<Input aria-label="Search the menu" />);
    expect(screen.getByRole("textbox", { name: "Search the menu" })).toBeInTheDocument();
  });
});
