// Validates the server configuration when the server starts (see `register`).
export { register } from "@tabletap/api/http";
