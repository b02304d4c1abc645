import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // CLI suites spawn the built command many times; a slow shared CI machine must not time out.
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
