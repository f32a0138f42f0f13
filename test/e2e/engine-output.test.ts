import { strict as assert } from "node:assert";
import {
  EngineOutputError,
  eventDiagnostics,
  parseEventLines,
  parsePreviewDocument,
  reportedErrors,
  summarizeOperation,
} from "./engine-output";

// Lines as Pulumi 3.274 prints them with `up --json` (shortened payloads; one object per line).
const upLines = [
  { sequence: 0, timestamp: 1795988251, preludeEvent: { config: { "e2e:domain": "cap.example", "sendmailos:apiKey": "[secret]" } } },
  {
    sequence: 1,
    timestamp: 1795988252,
    resourcePreEvent: { metadata: { op: "create", urn: "urn:pulumi:dev::e2e::pulumi:pulumi:Stack::e2e-dev" } },
  },
  {
    sequence: 2,
    timestamp: 1795988252,
    diagnosticEvent: { prefix: "debug: ", message: "Registering resource: t=pulumi:pulumi:Stack\n", color: "never", severity: "debug" },
  },
  {
    sequence: 46,
    timestamp: 1795988257,
    diagnosticEvent: { message: "sendmailos: cap.example: verified after 0s\n\n", color: "never", severity: "info" },
  },
  {
    sequence: 47,
    timestamp: 1795988257,
    diagnosticEvent: { message: 'REPLACING {"quoted"}\nand [brackets]', color: "never", severity: "warning" },
  },
  {
    sequence: 53,
    timestamp: 1795988257,
    summaryEvent: { maybeCorrupt: false, durationSeconds: 7, resourceChanges: { create: 6 }, isPreview: false, result: "succeeded" },
  },
  { sequence: 54, timestamp: 1795988259, cancelEvent: {} },
];
const upStdout = upLines.map((line) => JSON.stringify(line)).join("\n") + "\n";

const failedUpStdout = [
  { sequence: 0, preludeEvent: { config: {} } },
  {
    sequence: 29,
    diagnosticEvent: {
      urn: "urn:pulumi:dev::e2e::x:y:Domain::site",
      prefix: "error: ",
      message: 'domain "https://bad/" looks like a URL\n',
      severity: "error",
    },
  },
  { sequence: 30, summaryEvent: { resourceChanges: { same: 1 }, isPreview: false, result: "failed" } },
]
  .map((line) => JSON.stringify(line))
  .join("\n");

// `preview --json` prints one pretty document.
const previewDocument = {
  config: { "e2e:domain": "https://bad/" },
  steps: [
    { op: "same", urn: "urn:pulumi:dev::e2e::pulumi:pulumi:Stack::e2e-dev" },
    { op: "replace", urn: "urn:pulumi:dev::e2e::x:y:Domain::site" },
  ],
  diagnostics: [
    { urn: "urn:pulumi:dev::e2e::x:y:Domain::site", message: "error: it looks like a URL\n", severity: "error" },
    { message: "REPLACING SendMailOS domain\n", severity: "warning" },
    { message: "chatter\n", severity: "info" },
  ],
  duration: 2_000_000_000,
  changeSummary: { same: 1, replace: 1 },
};

describe("e2e engine output", () => {
  describe("parseEventLines", () => {
    it("reads one event per line, keeping order and payload", () => {
      const { events, unparsed } = parseEventLines(upStdout);
      assert.deepEqual(unparsed, []);
      assert.deepEqual(
        events.map((e) => e.sequence),
        [0, 1, 2, 46, 47, 53, 54],
      );
      assert.deepEqual(events[3], upLines[3]);
    });

    it("keeps every line that is not an engine event instead of dropping it", () => {
      const cut = JSON.stringify(upLines[5]).slice(0, 40);
      const { events, unparsed } = parseEventLines(`${upStdout}warning: something else\n[1,2]\n{"no":"sequence"}\n${cut}`);
      assert.equal(events.length, upLines.length);
      assert.deepEqual(unparsed, ["warning: something else", "[1,2]", '{"no":"sequence"}', cut]);
    });

    it("reads nothing from empty output", () => {
      assert.deepEqual(parseEventLines(""), { events: [], unparsed: [] });
      assert.deepEqual(parseEventLines("\n\n"), { events: [], unparsed: [] });
    });
  });

  describe("summarizeOperation", () => {
    it("takes the changes of the summary event and the messages of each severity", () => {
      const summary = summarizeOperation(parseEventLines(upStdout).events);
      assert.deepEqual(summary, { changes: { create: 6 }, errors: [], warnings: ['REPLACING {"quoted"}\nand [brackets]'] });
    });

    it("reports the errors of a failed operation", () => {
      const summary = summarizeOperation(parseEventLines(failedUpStdout).events);
      assert.deepEqual(summary.changes, { same: 1 });
      assert.deepEqual(summary.errors, ['domain "https://bad/" looks like a URL\n']);
    });

    it("ignores a preview's summary event and reports no changes without a summary", () => {
      const events = parseEventLines(
        [
          { sequence: 1, summaryEvent: { resourceChanges: { create: 2 }, isPreview: false } },
          { sequence: 2, summaryEvent: { resourceChanges: { update: 9 }, isPreview: true } },
        ]
          .map((line) => JSON.stringify(line))
          .join("\n"),
      ).events;
      assert.deepEqual(summarizeOperation(events).changes, { create: 2 });
      assert.deepEqual(summarizeOperation(events.slice(1)).changes, {});
    });
  });

  describe("eventDiagnostics", () => {
    it("selects one severity", () => {
      const events = parseEventLines(upStdout).events;
      assert.deepEqual(eventDiagnostics(events, "info"), ["sendmailos: cap.example: verified after 0s\n\n"]);
      assert.deepEqual(eventDiagnostics(events, "debug"), ["Registering resource: t=pulumi:pulumi:Stack\n"]);
    });
  });

  describe("parsePreviewDocument", () => {
    it("reads the planned steps, the change summary and the diagnostics of a pretty document", () => {
      const preview = parsePreviewDocument(JSON.stringify(previewDocument, null, 4));
      assert.deepEqual(preview, {
        changes: { same: 1, replace: 1 },
        hasChanges: true,
        steps: previewDocument.steps,
        errors: ["error: it looks like a URL\n"],
        warnings: ["REPLACING SendMailOS domain\n"],
      });
    });

    it("says there are no changes when everything is the same", () => {
      const preview = parsePreviewDocument(JSON.stringify({ steps: [{ op: "same", urn: "u" }], changeSummary: { same: 6 } }));
      assert.equal(preview.hasChanges, false);
      assert.deepEqual(preview.errors, []);
    });

    it("refuses output that is not a preview document, quoting it", () => {
      assert.throws(() => parsePreviewDocument(upStdout), EngineOutputError);
      assert.throws(() => parsePreviewDocument(""), /did not print its JSON document; it printed: ""/);
      assert.throws(() => parsePreviewDocument('{"config":{}}'), /it printed: "\{\\"config\\":\{\}\}"/);
    });
  });

  describe("reportedErrors", () => {
    it("finds the errors in event lines, in a preview document, or none in other text", () => {
      assert.deepEqual(reportedErrors(failedUpStdout), ['domain "https://bad/" looks like a URL\n']);
      assert.deepEqual(reportedErrors(JSON.stringify(previewDocument, null, 2)), ["error: it looks like a URL\n"]);
      assert.deepEqual(reportedErrors("error: could not find the stack\n"), []);
    });
  });
});
