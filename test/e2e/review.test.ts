import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { fixture, tokensOf } from "../review/fixtures";
import { getPulumiBinDir } from "./harness";
import { defaultStackFile, fourChangeStackFile, LocalProjectCopy } from "./local-scripts";

/**
 * `npm run review` and `npm run drift` on the domains stack, under the real engine with the emulator and the
 * SendMailOS policy pack: the review comment of a four-change pull request, line by line (the same golden
 * files as the recorded previews, with this run's DKIM tokens in place of the recorded ones); the policy pack
 * blocking until the stack allows the verified domains; drift made behind the stack's back and repaired.
 */
describe("e2e: npm run review and npm run drift on the domains stack", function () {
  this.timeout(20 * 60 * 1000);
  let copy: LocalProjectCopy;
  /** DKIM tokens of each domain as deployed, in name order. */
  let tokens: Map<string, string[]>;

  /** The emulator on the copy's data file, for looking at it or changing it behind the stack's back. */
  async function withEmulator<T>(body: (emulator: RunningEmulator) => Promise<T>): Promise<T> {
    const emulator = await startEmulator({ dataFile: copy.dataFile, verification: { mode: "manual" } });
    try {
      return await body(emulator);
    } finally {
      await emulator.stop();
    }
  }

  /**
   * `text` with this run's tokens replaced by the recorded ones, domain by domain, in name order. The fixtures were
   * recorded from one deployment, whose tokens the four-change golden file names in full.
   */
  function asRecorded(text: string, domains: string[]): string {
    let out = text;
    for (const domain of domains) {
      const recorded = tokensOf(fixture("four-changes.review.md"), domain);
      const live = tokens.get(domain)!;
      assert.equal(recorded.length, 3, `the golden file names the three tokens of ${domain}`);
      live.forEach((token, i) => (out = out.split(token).join(recorded[i]!)));
    }
    return out;
  }

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold machine builds the CLI first
    await getPulumiBinDir();
    copy = new LocalProjectCopy();
    const up = await copy.run("start");
    assert.equal(up.code, 0, up.stderr.slice(-3000));
    tokens = await withEmulator(async (emulator) => new Map(emulator.domains().map((d) => [d.domain_name, [...d.dkim_tokens].sort()])));
    assert.deepEqual([...tokens.keys()].sort(), ["acme.example", "initech.example", "mail.globex.example"]);
  });
  after(() => copy?.dispose());

  it("npm run review prints the four-change pull request's comment, line by line, and the policy pack fails the preview", async () => {
    copy.writeStack(fourChangeStackFile());
    const review = await copy.run("review");
    assert.equal(review.code, 1, `the mandatory policy must fail the preview:\n${review.stderr.slice(-3000)}`);
    const golden = fixture("four-changes.review.md");
    const shown = asRecorded(review.stdout, ["initech.example", "mail.globex.example"]);
    assert.deepEqual(shown.split("\n"), golden.split("\n"));
    const { count, key } = await withEmulator(async (e) => ({ count: e.domains().length, key: e.apiKey }));
    assert.equal(count, 3, "a preview changes nothing");
    assert.ok(!review.stdout.includes(key) && !review.stderr.includes(key), "the API key shows");
  });

  it("passes once the stack file allows the verified domains, and still shows the advisory", async () => {
    copy.writeStack(
      fourChangeStackFile().replace(
        "config:\n",
        "config:\n  sendmailos-policy:allowVerifiedDomainChanges:\n    - initech.example\n    - mail.globex.example\n",
      ),
    );
    const review = await copy.run("review");
    assert.equal(review.code, 0, review.stdout + review.stderr.slice(-3000));
    const lines = review.stdout.split("\n");
    assert.ok(lines.includes("**Policy: 0 mandatory violations, 1 advisory**"), review.stdout);
    assert.ok(
      lines.includes(
        "> **2 verified domains lose their DKIM records.** Mail from them fails DKIM until new records verify (SES can take up to 72 hours).",
      ),
    );
    assert.ok(!review.stdout.includes("blocked by policy"));
  });

  it("npm run drift finds no drift in a stack as deployed, and exits 0", async () => {
    copy.writeStack(defaultStackFile());
    const drift = await copy.run("drift");
    assert.equal(drift.code, 0, drift.stdout + drift.stderr.slice(-3000));
    assert.deepEqual(drift.stdout.split("\n"), [
      "## SendMailOS drift check of stack `emulator`",
      "",
      "**No drift:** the 3 domains match SendMailOS and the DNS records the stack published.",
      "",
    ]);
  });

  it("npm run drift reports, line by line, what was changed behind the stack's back, and exits 1", async () => {
    await withEmulator(async (emulator) => {
      const api = (path: string, init: RequestInit) =>
        fetch(`${emulator.baseUrl}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" },
        });
      const id = (name: string) => emulator.domains().find((d) => d.domain_name === name)!.id;
      const patched = await api(`/domains/${id("acme.example")}`, {
        method: "PATCH",
        body: JSON.stringify({ metadata: { client_name: "Acme Corp", plan: "free" } }),
      });
      assert.equal(patched.status, 200);
      assert.equal((await api(`/domains/${id("initech.example")}`, { method: "DELETE" })).status, 200);
      // The first DKIM record of mail.globex.example in name order vanishes from DNS, as in the recorded fixture.
      assert.equal(emulator.removeDnsRecord(`${tokens.get("mail.globex.example")![0]}._domainkey.mail.globex.example`), 1);
    });
    const drift = await copy.run("drift");
    assert.equal(drift.code, 1, drift.stderr.slice(-3000));
    const golden = fixture("drift.report.md");
    assert.deepEqual(asRecorded(drift.stdout, ["mail.globex.example"]).split("\n"), golden.split("\n"));
  });

  it("after pulumi up --refresh repairs it, npm run drift is clean again", async () => {
    const up = await copy.run("start", "--refresh");
    assert.equal(up.code, 0, up.stderr.slice(-3000));
    const drift = await copy.run("drift");
    assert.equal(drift.code, 0, drift.stdout);
    assert.match(drift.stdout, /\*\*No drift:\*\* the 3 domains match SendMailOS/);
    const live = await withEmulator(async (e) => e.domains().find((d) => d.domain_name === "acme.example")!.metadata);
    assert.deepEqual(live, { client_name: "Acme Corp", plan: "enterprise" });
  });
});
