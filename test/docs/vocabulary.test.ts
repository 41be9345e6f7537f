// One vocabulary: what the TypeScript reads (src/vocabulary.ts) and what the policies read
// (policies/sanso/vocabulary/data.json, written by npm run gen) are the same, and the other
// modules take their lists from it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CLASSIFICATIONS, PLATFORMS, SEVERITIES, TAG, ZONE_LABELS, ZONES } from "../../src/vocabulary.js";
import { CLASSIFICATION_TAG, ZONE_TAG } from "../../src/input/index.js";
import { INIT_PLATFORMS, INIT_ZONES } from "../../src/init/scaffold.js";

const ROOT = join(import.meta.dirname, "../..");

it("the policies' data.sanso.vocabulary is src/vocabulary.ts", () => {
  const data = JSON.parse(readFileSync(join(ROOT, "policies/sanso/vocabulary/data.json"), "utf8"));
  expect(data.zones).toEqual(ZONES);
  expect(data.classifications).toEqual(CLASSIFICATIONS);
  expect(data.platforms).toEqual(PLATFORMS);
  expect(data.severities).toEqual(SEVERITIES);
  expect(data.zone_labels).toEqual(ZONE_LABELS);
  expect(Object.values(data.tags).sort()).toEqual(Object.values(TAG).sort());
  expect(data.tags.log_role).toBe(TAG.logRole);
});

it("the input and sanso init use it", () => {
  expect(ZONE_TAG).toBe(TAG.zone);
  expect(CLASSIFICATION_TAG).toBe(TAG.classification);
  expect(INIT_ZONES).toEqual(ZONES);
  expect(INIT_PLATFORMS).toEqual(PLATFORMS);
});
