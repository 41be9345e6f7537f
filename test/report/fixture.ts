import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildReport } from "../../src/report/index.js";
import type { Report, ReportInput } from "../../src/report/index.js";

export const FIXTURE = join(import.meta.dirname, "../fixtures/report/report-input.json");

export function fixtureInput(): ReportInput {
  return JSON.parse(readFileSync(FIXTURE, "utf8")) as ReportInput;
}

export function fixtureReport(): Report {
  return buildReport(fixtureInput());
}

/** Same content, every list in another order. */
export function shuffledInput(): ReportInput {
  const i = fixtureInput();
  return {
    ...i,
    stacks: [...i.stacks].reverse(),
    findings: [...i.findings].reverse(),
    excepted: [...(i.excepted ?? [])].reverse(),
    exception_problems: [...(i.exception_problems ?? [])].reverse(),
    rules: [...(i.rules ?? [])].reverse(),
    coverage: [...(i.coverage ?? [])].reverse(),
  };
}
