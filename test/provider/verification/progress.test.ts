import { strict as assert } from "node:assert";
import { describeRecords, diagnosisReport, formatDuration, progressLine } from "../../../provider/verification/progress";
import type { RecordCheck } from "../../../provider/verification/dns-diagnosis";

const checks: RecordCheck[] = [
  { name: "a._domainkey.acme.com", expected: "a.dkim.amazonses.com", state: "ok", found: ["a.dkim.amazonses.com"] },
  { name: "b._domainkey.acme.com", expected: "b.dkim.amazonses.com", state: "missing", found: [], hint: "create a CNAME" },
  {
    name: "c._domainkey.acme.com",
    expected: "c.dkim.amazonses.com",
    state: "wrong",
    found: ["x.example.net"],
    hint: "change the CNAME's value",
  },
];

describe("progress", () => {
  it("formats durations", () => {
    assert.equal(formatDuration(7_000), "7s");
    assert.equal(formatDuration(125_000), "2m05s");
    assert.equal(formatDuration(3_723_000), "1h02m03s");
  });

  it("says which records are right, missing and pointing elsewhere", () => {
    assert.equal(
      describeRecords(checks),
      "1/3 DKIM records correct in DNS; missing: b._domainkey.acme.com; c._domainkey.acme.com points to x.example.net instead of c.dkim.amazonses.com",
    );
  });

  it("prints one line per record with its fix in a diagnosis", () => {
    const report = diagnosisReport(checks).split("\n");
    assert.equal(report.length, 3);
    assert.match(report[0]!, /^ {2}ok +a\._domainkey/);
    assert.match(report[1]!, /missing b\._domainkey.*create a CNAME/);
    assert.match(report[2]!, /wrong +c\._domainkey.*found x\.example\.net.*change the CNAME/);
  });

  it("says so when the DNS check is off", () => {
    assert.match(progressLine("acme.com", "pending", 5_000, undefined), /^acme\.com: pending after 5s; DNS check off$/);
  });
});
