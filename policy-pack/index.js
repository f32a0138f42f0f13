// Entry of the policy pack folder: the language host's RunPlugin runs this module with the engine's address in
// the arguments. The pack is compiled from policy/pack.ts.
"use strict";
require("../dist/policy/pack.js");
