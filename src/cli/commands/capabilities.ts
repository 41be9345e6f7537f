// `sanso capabilities`: the builtins (and language features) sanso's Rego compiler supports, in
// OPA's capabilities JSON format, e.g. for `opa check --capabilities` or to compare with
// `opa capabilities --current`.

import type { Command } from "commander";
import { capabilities } from "../../rego/bundle/capabilities.js";
import { action } from "../errors.js";

export function registerCapabilities(program: Command): void {
  program
    .command("capabilities")
    .description("print the builtins and features sanso's Rego compiler supports, in OPA's capabilities JSON format")
    .option("--names", "print only the builtin names, one a line")
    .addHelpText(
      "after",
      "\nsanso evaluates without network access. http.send and net.lookup_ip_addr compile (and can be\n" +
        "mocked with `with`). http.send fails as OPA's does when no request can be made: with\n" +
        'raise_error: false it returns {"status_code": 0, "error": {"code": "eval_http_send_network_error", ...}},\n' +
        "otherwise it is an evaluation error (undefined unless builtin errors are strict).\n" +
        "net.lookup_ip_addr answers an IP address, names of /etc/hosts and localhost; for any other name\n" +
        "it is an evaluation error.\n",
    )
    .action(
      action(async (opts: { names?: boolean }) => {
        const caps = capabilities();
        process.stdout.write(opts.names ? caps.builtins.map((b) => b.name).join("\n") + "\n" : `${JSON.stringify(caps, null, 2)}\n`);
        return 0;
      }),
    );
}
