"use client";
import * as TabsPrimitive from "@radix-ui/react-tabs";
import type { ComponentProps } from "react";
import { cn } from "../lib/cn";

/**
 * Tabs on Radix Tabs, following the WAI-ARIA tabs pattern: a `tablist` of `tab`s, one
 * `tabpanel` shown; Left/Right arrows (Up/Down when `orientation="vertical"`) move between tabs
 * and select them, Home/End jump to the first/last, Tab moves into the panel.
 *
 *   <Tabs defaultValue="menu"><TabsList aria-label="Manage">
 *     <TabsTrigger value="menu">Menu</TabsTrigger><TabsTrigger value="tables">Tables</TabsTrigger>
 *   </TabsList><TabsContent value="menu">...</TabsContent>...</Tabs>
 */
export function Tabs({ className, ...props }: ComponentProps<typeof TabsPrimitive.Root>) {
  return <TabsPrimitive.Root data-slot="tabs" className={cn("grid gap-3", className)} {...props} />;
}

/** The row of tabs; give it an `aria-label` saying what the tabs switch between. */
export function TabsList({ className, ...props }: ComponentProps<typeof TabsPrimitive.List>) {
  return (
    <TabsPrimitive.List
      data-slot="tabs-list"
      className={cn("bg-surface-muted inline-flex w-fit gap-1 rounded-md p-1", className)}
      {...props}
    />
  );
}

/** One tab; the selected one is raised and bold (not colour alone). */
export function TabsTrigger({ className, ...props }: ComponentProps<typeof TabsPrimitive.Trigger>) {
  return (
    <TabsPrimitive.Trigger
      data-slot="tabs-trigger"
      className={cn(
        "text-muted-foreground focus-visible:focus-ring data-[state=active]:bg-surface data-[state=active]:text-foreground data-[state=active]:shadow-card inline-flex min-h-11 cursor-pointer items-center justify-center rounded-sm border-0 bg-transparent px-4 font-semibold disabled:opacity-50 data-[state=active]:font-bold",
        className,
      )}
      {...props}
    />
  );
}

/** The panel of the tab with the same `value`. */
export function TabsContent({ className, ...props }: ComponentProps<typeof TabsPrimitive.Content>) {
  return (
    <TabsPrimitive.Content data-slot="tabs-content" className={cn("focus-visible:focus-ring", className)} {...props} />
  );
}
