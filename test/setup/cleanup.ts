// vitest setupFiles: after each test file, the directories it made with tempDir() (test/tmp.ts) are removed.
import { afterAll } from "vitest";
import { removeTempDirs } from "../tmp.js";

afterAll(removeTempDirs);
