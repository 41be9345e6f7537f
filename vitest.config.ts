import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // one temporary directory for the run, removed at its end (test/setup/tmpdir.ts)
    globalSetup: ["./test/setup/tmpdir.ts"],
    // the directories a test file made with tempDir() (test/tmp.ts) are removed after it
    setupFiles: ["./test/setup/cleanup.ts"],
    // the default summary, then whether ../shared was there (test/reporters/shared-notice.ts)
    reporters: ["default", "./test/reporters/shared-notice.ts"],
  },
});
