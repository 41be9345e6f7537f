import { describe, expect, it } from "vitest";
import { userSourceLocation } from "../../src/input/stack-trace.js";

describe("user source location from a cdktf stack trace", () => {
  it("takes the first frame outside node_modules and Node's internals, relative to the project", () => {
    const trace = [
      "new TerraformResource (/app/node_modules/cdktf/lib/terraform-resource.js:20:9)",
      "new S3Bucket (/app/node_modules/@cdktf/provider-aws/lib/s3-bucket/index.js:100:9)",
      "new Lgwan (file:///app/main.ts:42:5)",
      "Object.<anonymous> (/app/main.ts:90:1)",
      "node:internal/modules/cjs/loader:1554:14",
    ].map((l) => `    at ${l}`);
    expect(userSourceLocation(trace, "/app")).toEqual({ file: "main.ts", line: 42, column: 5 });
  });
  it("keeps frames outside the project absolute, and gives nothing without a usable frame", () => {
    expect(userSourceLocation(["at /other/x.ts:3:4"], "/app")).toEqual({ file: "/other/x.ts", line: 3, column: 4 });
    expect(userSourceLocation(undefined)).toBeUndefined();
    expect(userSourceLocation(["at node:internal/x:1:1", "at /a/node_modules/b.js:1:1"], "/a")).toBeUndefined();
  });
});
