export * from "./wilayah.js";
export * from "./people.js";
export * from "./bot.js";
export * from "./delivery.js";
export * from "./events.js";
export * from "./bank-sampah.js";
export * from "./pojok-baca.js";
export * from "./scores.js";
