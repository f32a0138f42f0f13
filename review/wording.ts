/**
 * What a domain's change means, in the words of someone who sends mail: registered, updated in place,
 * REPLACED with new DKIM keys, deleted; which DKIM records appear or vanish; how long `pulumi up` waits.
 * Pure: Markdown lines for one domain.
 */
import type { FieldChange } from "./field-changes";
import type { DomainChange, WaitPlan } from "./domain-changes";
import type { PolicyViolation } from "./preview-json";
import type { DnsHost, RecordView } from "./resource-kinds";
import { code, duration, html, htmlCode, plural, text } from "./markdown";
import { isUnknown } from "../provider/runtime/unknown";

/** A change that costs a verified domain its DKIM records: the reason for the loudest warning. */
export function endangersVerifiedDomain(c: DomainChange): boolean {
  return c.wasVerified && (c.action === "replace" || c.action === "rename" || c.action === "delete");
}

/** True when a mandatory policy stops this change. */
export function blockedByPolicy(c: DomainChange): boolean {
  return c.violations.some(blocks);
}

/** A violation that fails the preview. */
export function blocks(v: PolicyViolation): boolean {
  return v.enforcementLevel === "mandatory" && !v.excepted;
}

const icons: Record<DomainChange["action"], string> = {
  register: "➕",
  import: "📥",
  update: "✏️",
  replace: "🔁",
  rename: "🔁",
  delete: "🗑️",
  dns: "🌐",
  wait: "⏳",
  none: "",
};

/** A short label of the change, for lists: `registered`, `REPLACED (new DKIM keys)`, `DELETED`. */
export function changeLabel(c: DomainChange): string {
  switch (c.action) {
    case "register":
      return "registered";
    case "import":
      return "imported";
    case "update":
      return "updated in place";
    case "replace":
      return "REPLACED (new DKIM keys)";
    case "rename":
      return "RENAMED (new DKIM keys)";
    case "delete":
      return c.retained ? "removed from the stack (kept in SendMailOS)" : "DELETED";
    case "dns":
      return "DNS records change";
    case "wait":
      return waitsAgain(c) ? "waits for verification again" : "verification settings change";
    case "none":
      return "unchanged";
  }
}

/** The `<summary>` line of a domain's details (HTML). */
export function changeHeadline(c: DomainChange): string {
  const names = c.previousDomain ? `${htmlCode(c.previousDomain)} → ${htmlCode(c.domain)}` : htmlCode(c.domain);
  const parts: string[] = [];
  switch (c.action) {
    case "register":
    case "import":
      parts.push(c.action === "register" ? "registered" : "imported");
      if (c.recordsAdded.length > 0) parts.push(`${plural(c.recordsAdded.length, "DKIM record")} to publish`);
      parts.push(waitShort(c.wait));
      break;
    case "update": {
      const paths = c.fields.map((f) => f.path);
      parts.push(`updated in place (${html(paths.slice(0, 4).join(", "))}${paths.length > 4 ? `, +${paths.length - 4}` : ""})`);
      break;
    }
    case "replace": {
      const why = c.fields.filter((f) => f.replaces).map((f) => f.path);
      parts.push(`<b>REPLACED</b>${why.length > 0 && !c.previousDomain ? ` (${html(why.join(", "))})` : ""}, new DKIM keys`);
      break;
    }
    case "rename":
      parts.push("<b>RENAMED</b>, a new registration with new DKIM keys");
      break;
    case "delete":
      parts.push(c.retained ? "removed from the stack, kept in SendMailOS" : "<b>DELETED</b>");
      if (c.recordsRemoved.length > 0) parts.push(`${plural(c.recordsRemoved.length, "DKIM record")} removed`);
      break;
    default:
      parts.push(html(changeLabel(c)));
  }
  if (endangersVerifiedDomain(c)) parts.push("⚠️ <b>was verified</b>");
  if (blockedByPolicy(c)) parts.push("⛔ blocked by policy");
  return `${icons[c.action]} ${names}: ${parts.filter((p) => p !== "").join("; ")}`;
}

/** The Markdown lines inside a domain's details. */
export function changeBody(c: DomainChange): string[] {
  const lines = [`- **What happens:** ${whatHappens(c)}`];
  if (endangersVerifiedDomain(c)) {
    lines.push(
      `- ⚠️ **${code(c.previousDomain ?? c.domain)} is verified now:** mail from it fails DKIM from the moment its records are removed` +
        (c.action === "delete" ? "." : " until the new records verify (SES can take up to 72 hours)."),
    );
  }
  if (c.settings.length > 0) lines.push(`- **Settings:** ${c.settings.map((f) => `${code(f.path)} ${code(f.after)}`).join(", ")}`);
  if (c.fields.length > 0) lines.push("- **Changes:**", ...c.fields.map((f) => `  - ${fieldLine(f)}`));
  lines.push(...recordLines(c));
  if (c.action !== "delete") lines.push(`- **Expected wait:** ${waitLong(c.wait)}`);
  for (const v of c.violations) lines.push(`- **Policy:** ${violationLine(v)}`);
  return lines;
}

/** One policy violation as a line. */
export function violationLine(v: PolicyViolation): string {
  const level = v.enforcementLevel === "mandatory" ? "⛔ **mandatory**" : `⚠️ ${text(v.enforcementLevel)}`;
  return `${level}${v.excepted ? " (excepted)" : ""} ${code(v.policy)} (${text(v.policyPack)}): ${text(v.message)}`;
}

/** One field change: `` `metadata.plan`: `enterprise` → `pro` ``. */
export function fieldLine(f: FieldChange): string {
  const values =
    f.kind === "add"
      ? `${code(f.after)} (added)`
      : f.kind === "delete"
        ? `${code(f.before)} (removed)`
        : `${code(f.before)} → ${code(f.after)}`;
  const notes = [f.replaces ? "**replaces the domain**" : "", f.secret ? "secret: the preview cannot show whether it changes" : ""].filter(
    (n) => n !== "",
  );
  return `${code(f.path)}: ${values}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
}

function whatHappens(c: DomainChange): string {
  const host = hostWords(c.dnsHost);
  const from = hostWords(c.dnsHost, "from");
  switch (c.action) {
    case "register":
      return `registered with SendMailOS, which issues three DKIM keys; their CNAME records are published ${host}.`;
    case "import":
      return "an existing SendMailOS registration is taken into the stack; its DKIM keys stay.";
    case "update":
      return `changed in place: same registration, same DKIM keys, no DNS change${c.wasVerified ? "; it stays verified" : ""}.`;
    case "replace":
      return (
        `a new registration with NEW DKIM keys takes the place of the old one${c.retained ? " (which stays in SendMailOS: `deletionPolicy: retain`)" : ", which is deleted"}; ` +
        `its three CNAME records change ${host} and it must verify again.`
      );
    case "rename":
      return (
        `${code(c.domain)} is registered with NEW DKIM keys and ${code(c.previousDomain)} is ` +
        `${c.retained ? "removed from the stack (kept in SendMailOS: `deletionPolicy: retain`)" : "deleted"}` +
        `${c.client !== undefined ? ` (the same client: externalId ${code(c.client)})` : ""}; the CNAME records change ${host} and the domain must verify again.`
      );
    case "delete":
      return c.retained
        ? `Pulumi forgets it; the registration stays in SendMailOS (\`deletionPolicy: retain\`) but its DKIM records are removed ${from}.`
        : `deleted from SendMailOS; its DKIM records are removed ${from}.`;
    case "dns":
      return `only its DNS records change ${host}; the registration and its DKIM keys stay.`;
    case "wait":
      return waitsAgain(c)
        ? "it is not verified as of the last `pulumi up` or refresh, so `pulumi up` waits for verification again."
        : "only how `pulumi up` waits for verification changes.";
    case "none":
      return "nothing.";
  }
}

function waitsAgain(c: DomainChange): boolean {
  return c.wait.kind === "waits" && c.wait.again;
}

/** Where records go or come from: `in the emulator's DNS`, `from Route53`. */
function hostWords(host: DnsHost | undefined, preposition: "in" | "from" = "in"): string {
  switch (host) {
    case "emulator":
      return `${preposition} the emulator's DNS`;
    case "route53":
      return `${preposition} Route53`;
    case "cloudflare":
      return `${preposition} Cloudflare${preposition === "in" ? " (DNS only, never proxied)" : ""}`;
    default:
      return `${preposition} its DNS (by you: this stack declares no records for it)`;
  }
}

function recordLines(c: DomainChange): string[] {
  const lines: string[] = [];
  const where = c.dnsHost ? `, ${hostWords(c.dnsHost).replace(/ \(.*\)$/, "")}` : "";
  if (c.recordsRemoved.length > 0) {
    lines.push(`- **DKIM records removed** (${c.recordsRemoved.length}${where}):`, ...c.recordsRemoved.map((r) => `  - ${recordLine(r)}`));
  }
  if (c.recordsAdded.length > 0) {
    const unknown = c.recordsAdded.every((r) => isUnknown(r.name) && isUnknown(r.value));
    if (unknown) {
      lines.push(
        `- **DKIM records published** (${c.recordsAdded.length}${where}): CNAME ${code(`<token>._domainkey.${c.domain}`)} → ${code("<token>.dkim.amazonses.com")} ` +
          "for each of the three tokens SendMailOS issues at registration",
      );
    } else {
      lines.push(`- **DKIM records published** (${c.recordsAdded.length}${where}):`, ...c.recordsAdded.map((r) => `  - ${recordLine(r)}`));
    }
  } else if (c.action === "register" || c.action === "replace" || c.action === "rename") {
    lines.push(`- **DKIM records:** none in this stack: publish the domain's \`dnsRecords\` output in its DNS yourself`);
  }
  if (c.recordUpdates.length > 0) lines.push("- **DNS record changes:**", ...c.recordUpdates.map((f) => `  - ${fieldLine(f)}`));
  return lines;
}

function recordLine(r: RecordView): string {
  return `${code(r.type ?? "CNAME")} ${code(r.name)} → ${code(r.value)}`;
}

function waitShort(wait: WaitPlan): string {
  if (wait.kind === "disabled") return "no wait";
  if (wait.kind === "waits") return typeof wait.timeoutSeconds === "number" ? `waits up to ${duration(wait.timeoutSeconds)}` : "waits";
  return "";
}

function waitLong(wait: WaitPlan): string {
  switch (wait.kind) {
    case "none":
      return "none.";
    case "disabled":
      return "none: `pulumi up` does not wait for verification (`wait: false`), and mail fails DKIM until SendMailOS verifies the domain.";
    case "waits": {
      const bound =
        typeof wait.timeoutSeconds === "number"
          ? `at most ${duration(wait.timeoutSeconds)} (${code(`timeoutSeconds: ${wait.timeoutSeconds}`)})`
          : `for ${code(wait.timeoutSeconds)} seconds at most`;
      return (
        `\`pulumi up\` waits${wait.again ? " again" : ""} until SendMailOS verifies it, ${bound}. SES usually verifies within minutes ` +
        "of the records resolving, at worst in 72 hours; a wait that times out resumes on the next `pulumi up`."
      );
    }
  }
}
