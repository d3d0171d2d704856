export * from "./wilayah.js";
export * from "./people.js";
export * from "./bot.js";
export * from "./delivery.js";
export * from "./events.js";
