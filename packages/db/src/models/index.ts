import { AuditEntry } from "./audit";
import { MenuCategory, MenuItem } from "./menu";
import { Order, OrderCounter } from "./order";
import { Customer, Staff } from "./people";
import { Payment } from "./payment";
import { Restaurant } from "./restaurant";
import { Table } from "./table";
import { TableSession } from "./table-session";

export * from "./audit";
export * from "./menu";
export * from "./order";
export * from "./payment";
export * from "./people";
export * from "./restaurant";
export * from "./table";
export * from "./table-session";

/** Every model, for index creation and test clean-up. */
export const models = {
  Restaurant,
  Table,
  TableSession,
  MenuCategory,
  MenuItem,
  Customer,
  Staff,
  Order,
  OrderCounter,
  AuditEntry,
  Payment,
};
