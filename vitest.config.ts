import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // PGlite takes seconds to start and the real server's scratch databases take a moment too.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
