// vitest setupFiles: after each test file, the directories it made with tempDir() (test/tmp.ts) are removed.
import { afterAll } from "vitest";
import { removeTempDirs } from "../tmp.js";

// a generous timeout: removing an installed node_modules on a busy machine takes minutes
afterAll(removeTempDirs, 600_000);
