import { strict as assert } from "node:assert";
import { parseArguments, UsageError } from "../../../scripts/language-host/args";

/** The serve command with defaults, for comparisons. */
function serve(overrides: { engineAddress?: string; tracing?: string; verbose?: number } = {}) {
  return { action: "serve", engineAddress: "", tracing: "", verbose: 0, ...overrides };
}

describe("language host: parseArguments", () => {
  describe("when the CLI starts the host", () => {
    it("reads the engine address after the logging flags", () => {
      assert.deepEqual(
        parseArguments(["--logtostderr", "-v=9", "--tracing", "http://127.0.0.1:9411", "127.0.0.1:4000"]),
        serve({ engineAddress: "127.0.0.1:4000", tracing: "http://127.0.0.1:9411", verbose: 9 }),
      );
    });

    it("reads only the engine address when no flags are given", () => {
      assert.deepEqual(parseArguments(["127.0.0.1:4000"]), serve({ engineAddress: "127.0.0.1:4000" }));
    });

    it("leaves the engine address empty when none is given (Handshake brings it)", () => {
      assert.deepEqual(parseArguments([]), serve());
    });
  });

  describe("flag syntax (Go's flag package)", () => {
    it("accepts one or two dashes and name=value or name value", () => {
      assert.deepEqual(parseArguments(["-tracing=x", "--v", "3", "a"]), serve({ engineAddress: "a", tracing: "x", verbose: 3 }));
    });

    it("accepts booleans with =true or =false", () => {
      assert.deepEqual(parseArguments(["--logtostderr=false", "-logflow=true", "a"]), serve({ engineAddress: "a" }));
    });

    it("treats everything after -- as positional", () => {
      assert.deepEqual(parseArguments(["--", "-odd-address"]), serve({ engineAddress: "-odd-address" }));
    });

    it("accepts --runtime nodejs, the runtime this host runs", () => {
      assert.deepEqual(parseArguments(["--runtime", "nodejs", "a"]), serve({ engineAddress: "a" }));
    });
  });

  describe("version and help", () => {
    it("asks for the version with --version or -version", () => {
      assert.deepEqual(parseArguments(["--version"]), { action: "version" });
      assert.deepEqual(parseArguments(["-version", "127.0.0.1:1"]), { action: "version" });
    });

    it("asks for help with -h or --help", () => {
      assert.deepEqual(parseArguments(["-h"]), { action: "help" });
      assert.deepEqual(parseArguments(["--help"]), { action: "help" });
    });

    it("does not ask for the version with --version=false", () => {
      assert.deepEqual(parseArguments(["--version=false", "a"]), serve({ engineAddress: "a" }));
    });
  });

  describe("when the command line is wrong", () => {
    const rejects = (argv: string[], message: RegExp) =>
      assert.throws(
        () => parseArguments(argv),
        (err: unknown) => err instanceof UsageError && message.test(err.message),
      );

    it("names an unknown flag", () => rejects(["--colour", "a"], /^unknown flag '--colour'$/));
    it("says which flag lacks its value", () => rejects(["--tracing"], /^flag '--tracing' needs a value$/));
    it("rejects a -v level that is not a whole number, with an example", () =>
      rejects(["-v=high", "a"], /flag '-v' needs a whole number, e\.g\. '-v=9' \(got 'high'\)/));
    it("rejects a boolean with another value", () => rejects(["--logtostderr=yes", "a"], /flag '-logtostderr' is a boolean/));
    it("rejects a runtime other than nodejs instead of running it as node", () =>
      rejects(["--runtime=bun", "a"], /unsupported runtime 'bun': this language host runs only 'nodejs'/));
    it("rejects a second positional argument", () =>
      rejects(["127.0.0.1:1", "-v=3"], /expected at most one argument, the engine address, but got 2: 127\.0\.0\.1:1 -v=3/));
  });
});
