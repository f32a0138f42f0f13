import { isIP } from "node:net";
import type { InputFailure } from "../runtime/check-failure";
import { isUnknown } from "../runtime/unknown";

/** Defaults of `DomainVerification`, named once for code and docs. */
export const verificationDefaults = {
  /** 45 minutes, like `aws.ses.DomainIdentityVerification`. */
  timeoutSeconds: 45 * 60,
  pollIntervalSeconds: 5,
  maxPollIntervalSeconds: 60,
  dnsCheck: true,
} as const;

/** The `DomainVerification` inputs after `check`. */
export interface VerificationInputs {
  domainId: string;
  domainName?: string;
  workspaceId?: string;
  timeoutSeconds: number;
  pollIntervalSeconds: number;
  maxPollIntervalSeconds: number;
  dnsCheck: boolean;
  dnsResolvers?: string[];
}

/** Validates and fills in defaults; failures name the property and the fix. */
export function checkVerificationInputs(raw: Record<string, unknown>): { inputs: VerificationInputs; failures: InputFailure[] } {
  const failures: InputFailure[] = [];
  const out: Record<string, unknown> = { ...raw };

  const domainId = raw["domainId"];
  if (!isUnknown(domainId) && (typeof domainId !== "string" || domainId.trim() === "")) {
    failures.push({ property: "domainId", reason: "domainId is required: pass the Domain's domainId output" });
  }
  for (const [name, min, max] of [
    ["timeoutSeconds", 1, 7 * 24 * 3600],
    ["pollIntervalSeconds", 0.1, 3600],
    ["maxPollIntervalSeconds", 0.1, 3600],
  ] as const) {
    const value = raw[name] ?? verificationDefaults[name];
    out[name] = value;
    if (isUnknown(value)) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
      failures.push({ property: name, reason: `${name} must be a number of seconds between ${min} and ${max}, got ${JSON.stringify(value)}` });
    }
  }
  if (
    typeof out["pollIntervalSeconds"] === "number" &&
    typeof out["maxPollIntervalSeconds"] === "number" &&
    raw["maxPollIntervalSeconds"] === undefined &&
    out["pollIntervalSeconds"] > out["maxPollIntervalSeconds"]
  ) {
    out["maxPollIntervalSeconds"] = out["pollIntervalSeconds"];
  } else if (
    typeof out["pollIntervalSeconds"] === "number" &&
    typeof out["maxPollIntervalSeconds"] === "number" &&
    out["pollIntervalSeconds"] > out["maxPollIntervalSeconds"]
  ) {
    failures.push({ property: "maxPollIntervalSeconds", reason: "maxPollIntervalSeconds must not be below pollIntervalSeconds" });
  }

  const dnsCheck = raw["dnsCheck"] ?? verificationDefaults.dnsCheck;
  out["dnsCheck"] = dnsCheck;
  if (typeof dnsCheck !== "boolean" && !isUnknown(dnsCheck)) failures.push({ property: "dnsCheck", reason: "dnsCheck must be true or false" });

  const resolvers = raw["dnsResolvers"];
  if (resolvers !== undefined && resolvers !== null && !isUnknown(resolvers)) {
    if (!Array.isArray(resolvers)) {
      failures.push({ property: "dnsResolvers", reason: "dnsResolvers must be a list such as [\"1.1.1.1\", \"127.0.0.1:5353\"]" });
    } else {
      for (const r of resolvers) {
        if (!isUnknown(r) && !isResolverAddress(r)) {
          failures.push({ property: "dnsResolvers", reason: `dnsResolvers entry ${JSON.stringify(r)} is not an IP address with an optional port (e.g. "8.8.8.8" or "127.0.0.1:5353")` });
        }
      }
    }
  }
  return { inputs: out as unknown as VerificationInputs, failures };
}

/** True for `1.2.3.4`, `1.2.3.4:53`, `::1` and `[::1]:53`: what node's resolver accepts. */
export function isResolverAddress(value: unknown): boolean {
  if (typeof value !== "string") return false;
  if (isIP(value) !== 0) return true;
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(value);
  if (bracketed) return isIP(bracketed[1]!) === 6 && Number(bracketed[2]) <= 65535;
  const hostPort = /^([^:]+):(\d{1,5})$/.exec(value);
  return hostPort !== null && isIP(hostPort[1]!) === 4 && Number(hostPort[2]) <= 65535;
}
