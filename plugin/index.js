// Entry of the plugin folder: the language host's RunPlugin requires this module with the engine's address
// in the arguments. It serves the same provider as bin/pulumi-resource-sendmailos (provider/native/main.ts).
"use strict";
const { serve } = require("../dist/provider/native/main.js");
serve(process.argv.slice(2)).then(
  (port) => process.stdout.write(`${port}\n`),
  (error) => {
    process.stderr.write(`pulumi-resource-sendmailos: cannot start: ${error && error.message}\n`);
    process.exit(1);
  },
);
