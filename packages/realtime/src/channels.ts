/**
 * Channel names. Each channel is backed by the Redis stream and pub/sub channel `rt:<channel>`.
 * - `kitchen(restaurantId)`: every order change of a restaurant, for the kitchen display.
 * - `order(orderId)`: the changes of one order, for the guest's tracking page.
 * - `menu(restaurantId)`: "the menu or the restaurant's settings changed", for open guest menus.
 * - `tab(tableSessionId)`: "this table session's tab changed" (an order, a payment, a service
 *   request), for the bills open at the table; subscribers read the tab again.
 * - `floor(restaurantId)`: "a table session of this restaurant changed", for the staff's floor view.
 */
export const channels = {
  kitchen: (restaurantId: string) => `kitchen:${restaurantId}`,
  order: (orderId: string) => `order:${orderId}`,
  menu: (restaurantId: string) => `menu:${restaurantId}`,
  tab: (tableSessionId: string) => `tab:${tableSessionId}`,
  floor: (restaurantId: string) => `floor:${restaurantId}`,
} as const;
