/**
 * Channel names. Each channel is backed by the Redis stream and pub/sub channel `rt:<channel>`.
 * - `kitchen(restaurantId)`: every order change of a restaurant, for the kitchen display.
 * - `order(orderId)`: the changes of one order, for the guest's tracking page.
 * - `menu(restaurantId)`: "the menu or the restaurant's settings changed", for open guest menus.
 */
export const channels = {
  kitchen: (restaurantId: string) => `kitchen:${restaurantId}`,
  order: (orderId: string) => `order:${orderId}`,
  menu: (restaurantId: string) => `menu:${restaurantId}`,
} as const;
