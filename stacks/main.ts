/** cdktf entry point (`cdktf.json` "app"): synthesizes the four stacks into CDKTF_OUTDIR or cdktf.out. */
import { synthApp } from "./app.js";

synthApp(process.env.CDKTF_OUTDIR ?? "cdktf.out");
