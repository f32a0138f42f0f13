/**
 * The drift report: one line per domain that drifted, saying what changed outside Pulumi in domain terms and
 * what `pulumi up --refresh` would do about it, under GitHub's comment limit. Pure.
 */
import { domainCutWording, fitComment, githubCommentLimit, type Block } from "./budget";
import type { Drift, DomainDrift, DriftModel } from "./drift";
import { code, plural, text } from "./markdown";
import type { DnsHost } from "./resource-kinds";
import type { RenderOptions } from "./render-review";

/** The drift report of a refresh preview. */
export function renderDrift(model: DriftModel, options: RenderOptions = {}): string {
  const blocks: Block[] = model.drifted.map((d) => ({ detail: domainLine(d), line: `- ${code(d.domain)}: ${kindsOf(d).join(", ")}` }));
  return fitComment(
    head(model),
    blocks,
    domainCutWording(options.fullCommand ?? "sendmailos-review --drift --max-chars 0 preview.json"),
    options.limit ?? githubCommentLimit,
  );
}

/** True when the report shows drift or changes that were never applied (the check's exit code is non-zero). */
export function hasDrift(model: DriftModel): boolean {
  return model.drifted.length > 0 || model.unapplied.length > 0;
}

function head(model: DriftModel): string {
  const parts = [`## SendMailOS drift check${model.stack ? ` of stack ${code(model.stack)}` : ""}`];
  if (!model.refreshed) {
    parts.push("**This preview did not refresh, so it cannot show drift.** Run `pulumi preview --refresh --expect-no-changes --json`.");
  }
  if (model.errors.length > 0)
    parts.push(["**The drift check failed:**", ...model.errors.slice(0, 5).map((e) => `- ${text(e)}`)].join("\n"));
  if (model.drifted.length === 0) {
    parts.push(
      `**No drift:** ${model.checked === 1 ? "the domain matches" : `the ${model.checked} domains match`} SendMailOS and the DNS records the stack published.`,
    );
  } else {
    const count = (kind: Drift["kind"]) => model.drifted.filter((d) => d.drifts.some((x) => x.kind === kind)).length;
    const kinds = [
      [count("deleted"), "deleted outside Pulumi"],
      [count("changed"), "changed outside Pulumi"],
      [count("unverified"), "not verified any more"],
      [
        model.drifted.filter((d) => d.drifts.some((x) => x.kind.startsWith("record")) && !d.drifts.some((x) => x.kind === "unverified"))
          .length,
        "with DKIM records changed in DNS",
      ],
    ]
      .filter(([n]) => (n as number) > 0)
      .map(([n, words]) => `${n} ${words}`);
    parts.push(
      `**Drift in ${model.drifted.length} of ${plural(model.checked, "domain")}:** ${kinds.join(", ")}. ` +
        "`pulumi up --refresh` repairs it as said below (a plain `pulumi up` does not: it compares with the state, which does not know of the drift); " +
        "until then the stack does not describe what is live.",
    );
  }
  if (model.unapplied.length > 0) {
    parts.push(
      `**Not drift, but not applied either:** ${plural(model.unapplied.length, "resource")} would change because the program or stack ` +
        "configuration differs from the last `pulumi up` (run a preview without `--refresh` to review them).",
    );
  }
  return parts.join("\n\n");
}

function kindsOf(d: DomainDrift): string[] {
  const words: Record<Drift["kind"], string> = {
    deleted: "deleted outside Pulumi",
    changed: "changed outside Pulumi",
    unverified: "not verified any more",
    "record-missing": "DKIM record missing",
    "record-changed": "DKIM record changed",
  };
  return [...new Set(d.drifts.map((x) => words[x.kind]))];
}

function domainLine(d: DomainDrift): string {
  const dns = dnsName(d.dnsHost);
  const sentences: string[] = [];
  let icon = "✏️";
  const missing = d.drifts.filter((x): x is Extract<Drift, { kind: "record-missing" }> => x.kind === "record-missing");
  const changed = d.drifts.filter((x): x is Extract<Drift, { kind: "record-changed" }> => x.kind === "record-changed");
  for (const drift of d.drifts) {
    switch (drift.kind) {
      case "deleted":
        icon = "🗑️";
        sentences.push(
          "**deleted in SendMailOS outside Pulumi.** `pulumi up --refresh` registers it again with NEW DKIM keys: " +
            `${drift.recordCount > 0 ? `its ${plural(drift.recordCount, "DKIM record")} change ${dns.in} and ` : ""}it must verify again; until then mail from it fails DKIM.`,
        );
        break;
      case "changed":
        sentences.push(
          `**changed outside Pulumi:** ${drift.fields.map((f) => `${code(f.path)} is ${code(f.live)} in SendMailOS, ${code(f.wanted)} in the stack`).join("; ")}. ` +
            "`pulumi up --refresh` restores the stack's values (or change the stack file to keep them).",
        );
        break;
      case "unverified": {
        icon = "⚠️";
        const why =
          missing.length > 0
            ? `: ${missing.length === 1 ? "DKIM record" : "DKIM records"} ${missing.map((m) => code(m.record.name)).join(", ")} ${missing.length === 1 ? "is" : "are"} missing ${dns.from}`
            : changed.length > 0
              ? `: ${changed.length === 1 ? "DKIM record" : "DKIM records"} ${changed.map((m) => code(m.record.name)).join(", ")} changed ${dns.in}`
              : "";
        sentences.push(
          `**not verified any more** (SendMailOS says ${code(drift.status)})${why}. ` +
            `\`pulumi up --refresh\` ${missing.length > 0 ? "publishes the missing records again and " : changed.length > 0 ? "restores the records and " : ""}waits for verification; mail from it fails DKIM until then.`,
        );
        break;
      }
      default:
        break;
    }
  }
  if (!d.drifts.some((x) => x.kind === "unverified")) {
    if (missing.length > 0) {
      icon = icon === "✏️" ? "⚠️" : icon;
      sentences.push(
        `**${missing.length === 1 ? "DKIM record" : "DKIM records"} ${missing.map((m) => code(m.record.name)).join(", ")} missing ${dns.from}** ` +
          "(SendMailOS has not noticed yet). `pulumi up --refresh` publishes them again.",
      );
    }
    if (changed.length > 0) {
      sentences.push(
        `**DKIM records changed ${dns.in}:** ${changed.map((m) => `${code(m.record.name)} (${m.fields.join(", ")})`).join(", ")}. \`pulumi up --refresh\` restores them.`,
      );
    }
  }
  return `- ${icon} ${code(d.domain)}: ${sentences.join(" ")}`;
}

function dnsName(host: DnsHost | undefined): { in: string; from: string } {
  const name =
    host === "emulator" ? "the emulator's DNS" : host === "route53" ? "Route53" : host === "cloudflare" ? "Cloudflare" : "its DNS";
  return { in: `in ${name}`, from: `from ${name}` };
}
