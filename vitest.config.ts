import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // the default summary, then whether ../shared was there (test/reporters/shared-notice.ts)
    reporters: ["default", "./test/reporters/shared-notice.ts"],
  },
});
