// The app `npm run bench -- --synth` times: the four reference stacks, all checked at synth by
// SansoChecks (none skipped, violations only printed), synthesized into the directory argv[2].
import { App } from "cdktf";
import { SansoChecks } from "../constructs/index.js";
import { buildStack, STACK_NAMES } from "../stacks/app.js";

const app = new App({ outdir: process.argv[2]!, stackTraces: false });
SansoChecks.of(app, { failOn: "critical" });
for (const name of STACK_NAMES) buildStack(name, app);
app.synth();
