// Writes policies/sanso/vocabulary/data.json (data.sanso.vocabulary for the policies) from
// src/vocabulary.ts, the one place zones, classes, platforms, severities and tag keys are named.
//   node --import tsx scripts/gen/vocabulary.ts [--check]
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeOrCheck } from "./write-or-check.mjs";
import { CLASSIFICATIONS, PLATFORMS, SEVERITIES, TAG, ZONE_LABELS, ZONES } from "../../src/vocabulary.ts";

const target = join(dirname(fileURLToPath(import.meta.url)), "../../policies/sanso/vocabulary/data.json");
// tag keys in snake_case, as Rego reads them: data.sanso.vocabulary.tags.log_role
const tags = Object.fromEntries(Object.entries(TAG).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
const out = `${JSON.stringify({ zones: ZONES, classifications: CLASSIFICATIONS, platforms: PLATFORMS, severities: SEVERITIES, zone_labels: ZONE_LABELS, tags }, null, 2)}\n`;

writeOrCheck(target, out, { stale: "run npm run gen (src/vocabulary.ts changed)" });
