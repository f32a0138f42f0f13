import { strict as assert } from "node:assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ProgramInfo } from "@pulumi/pulumi/proto/language_pb";
import { parseOptions, programInfoOf, splitWords } from "../../../scripts/language-host/runtime-options";

function programInfo(fields: {
  programDirectory?: string;
  rootDirectory?: string;
  entryPoint?: string;
  options?: Record<string, unknown>;
}) {
  const info = new ProgramInfo();
  if (fields.programDirectory) info.setProgramDirectory(fields.programDirectory);
  if (fields.rootDirectory) info.setRootDirectory(fields.rootDirectory);
  if (fields.entryPoint) info.setEntryPoint(fields.entryPoint);
  if (fields.options) info.setOptions(Struct.fromJavaScript(fields.options as never));
  return info;
}

describe("language host: runtime options", () => {
  describe("programInfoOf", () => {
    it("reads directories, entry point and options from ProgramInfo", () => {
      const info = programInfo({
        programDirectory: "/p/app",
        rootDirectory: "/p",
        entryPoint: "bin/main.js",
        options: { typescript: false },
      });
      assert.deepEqual(programInfoOf(info), {
        programDirectory: "/p/app",
        rootDirectory: "/p",
        entryPoint: "bin/main.js",
        options: { typescript: false },
      });
    });

    it("uses the program directory as root and '.' as entry point when they are not given", () => {
      assert.deepEqual(programInfoOf(programInfo({ programDirectory: "/p" })), {
        programDirectory: "/p",
        rootDirectory: "/p",
        entryPoint: ".",
        options: {},
      });
    });

    it("falls back to the request's directory and program when there is no ProgramInfo (older CLIs)", () => {
      assert.deepEqual(programInfoOf(undefined, "/old", "index.js"), {
        programDirectory: "/old",
        rootDirectory: "/old",
        entryPoint: "index.js",
        options: {},
      });
    });
  });

  describe("parseOptions", () => {
    it("defaults to TypeScript on, no tsconfig, no nodeargs (upstream's defaults)", () => {
      assert.deepEqual(parseOptions({}), { typescript: true, tsconfig: "", nodeargs: "" });
    });

    it("reads the three options and ignores those of other tools", () => {
      assert.deepEqual(parseOptions({ typescript: false, tsconfig: "tsconfig.build.json", nodeargs: "--inspect", packagemanager: "npm" }), {
        typescript: false,
        tsconfig: "tsconfig.build.json",
        nodeargs: "--inspect",
      });
    });

    it("names the option that has the wrong type", () => {
      assert.throws(() => parseOptions({ typescript: "yes" }), /^Error: typescript option must be a boolean$/);
      assert.throws(() => parseOptions({ tsconfig: 1 }), /^Error: tsconfig option must be a string$/);
      assert.throws(() => parseOptions({ nodeargs: ["--x"] }), /^Error: nodeargs option must be a string$/);
    });
  });

  describe("splitWords", () => {
    it("splits on runs of white space", () => {
      assert.deepEqual(splitWords("  --max-old-space-size=4096 \t --trace-warnings "), ["--max-old-space-size=4096", "--trace-warnings"]);
    });

    it("keeps quoted spaces, and empty quoted words", () => {
      assert.deepEqual(splitWords(`--title "a b" --x='c d' ''`), ["--title", "a b", "--x=c d", ""]);
    });

    it("honours backslashes outside quotes and inside double quotes only", () => {
      assert.deepEqual(splitWords(String.raw`a\ b "c\"d" 'e\f'`), ["a b", 'c"d', String.raw`e\f`]);
    });

    it("returns no words for an empty string", () => {
      assert.deepEqual(splitWords(""), []);
    });

    it("rejects an unterminated quote, quoting the option", () => {
      assert.throws(() => splitWords(`--title "a b`), /^Error: unterminated quote in nodeargs: --title "a b$/);
    });
  });
});
