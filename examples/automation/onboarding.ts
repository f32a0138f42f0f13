/**
 * Automated onboarding of one client domain from an agency's back office, on Pulumi's Automation API: the domain is
 * registered, its three DKIM records are handed back as soon as SendMailOS issues them (to show the customer, who
 * publishes them at their DNS provider), and the verification is reported when it comes.
 *
 * One stack per client domain, named after the domain, with an inline program that declares one `VerifiedDomain`
 * (`dns: none`: the customer publishes the records). Why not one shared stack: a verification can take hours (SES: up
 * to 72), and the state lock would hold every other onboarding behind the slowest one; separate stacks never wait for
 * each other, a failure or a removal touches one client only, and the stacks share the backend (S3 in production)
 * and nothing else. Two onboardings of the same domain meet its stack's lock: the second is refused with
 * {@link OnboardingInProgressError} and nothing is duplicated.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ConcurrentUpdateError, LocalWorkspace, type EngineEvent, type PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { VerifiedDomain, normalizeDomainName } from "pulumi-sendmailos";

/** One DKIM record to show the customer. */
export interface DkimRecord {
  /** Always `CNAME`. */
  type: string;
  /** e.g. `abc123._domainkey.acme.com`. */
  name: string;
  /** e.g. `abc123.dkim.amazonses.com`. */
  value: string;
}

/** The client domain to onboard. */
export interface OnboardingRequest {
  /** The sending domain, e.g. `acme.com` (normalized: lower case, punycode). */
  domain: string;
  /** The agency's own id for the client. */
  externalId?: string;
  /** String pairs stored with the domain in SendMailOS. */
  metadata?: Record<string, string>;
  /** The agency workspace, when it is not the account's default. */
  workspaceId?: string;
  /** How long this run waits for the verification, in seconds; a later run resumes the wait. @default 2700 */
  timeoutSeconds?: number;
  /** First interval between status polls, in seconds. @default 5 */
  pollIntervalSeconds?: number;
}

/** Where and how the stacks run. */
export interface OnboardingOptions {
  /**
   * A folder at or below the service's `node_modules` (which holds `pulumi-sendmailos`). Each client stack gets its own
   * subfolder, named after the domain, for its project file; the engine runs the dynamic provider there, and it loads
   * the package from the nearest `node_modules` above. State is not kept here but in the backend.
   * @default "<current folder>/.sendmailos-onboarding"
   */
  workRoot?: string;
  /**
   * The environment of the Pulumi CLI: `PULUMI_BACKEND_URL` (e.g. `s3://...`), `PULUMI_CONFIG_PASSPHRASE`,
   * `SENDMAILOS_API_KEY` (never written to state), ... @default process.env
   */
  env?: Record<string, string>;
  /** The Pulumi CLI to run. @default the `pulumi` on PATH */
  pulumiCommand?: PulumiCommand;
  /** The Pulumi project of every client stack. @default "sendmailos-onboarding" */
  projectName?: string;
  /** Receives the provider's progress lines (e.g. `acme.com: pending after 1m05s; 2/3 DKIM records correct in DNS`). */
  onProgress?: (line: string) => void;
}

/** The end of a successful onboarding. */
export interface VerificationReport {
  domain: string;
  /** The SendMailOS domain id. */
  domainId: string;
  status: "verified";
  verifiedAt: string | null;
  /** Seconds from registration to verification. */
  timeToVerifySeconds: number;
}

/** A running onboarding. */
export interface Onboarding {
  /** The normalized domain. */
  readonly domain: string;
  /** Its stack (the domain itself). */
  readonly stackName: string;
  /** The three records, as soon as the domain is registered (before it is verified). Rejects when registration fails. */
  readonly records: Promise<DkimRecord[]>;
  /** Resolves when SendMailOS reports the domain verified; rejects with an {@link OnboardingError} otherwise. */
  readonly verified: Promise<VerificationReport>;
}

/** An onboarding that did not end verified; `message` says why and what to do. */
export class OnboardingError extends Error {
  constructor(
    readonly domain: string,
    message: string,
  ) {
    super(message);
    this.name = "OnboardingError";
  }
}

/** The domain's stack is locked by another run: the same domain is being onboarded (or removed) right now. */
export class OnboardingInProgressError extends OnboardingError {
  constructor(domain: string) {
    super(
      domain,
      `${domain} is already being onboarded or removed by another run (its stack is locked). Wait for that run to end; ` +
        `if it died, release the lock with \`pulumi cancel --stack ${domain}\` and onboard it again (the wait resumes, nothing is duplicated).`,
    );
    this.name = "OnboardingInProgressError";
  }
}

/** The request is not valid; `message` names the field. */
export class InvalidOnboardingRequestError extends OnboardingError {
  constructor(domain: string, reason: string) {
    super(domain, `cannot onboard ${JSON.stringify(domain)}: ${reason}`);
    this.name = "InvalidOnboardingRequestError";
  }
}

/** The Pulumi project of the client stacks, unless options say otherwise. */
export const defaultProjectName = "sendmailos-onboarding";

/** The type token of the dynamic `Domain` resource, whose outputs carry the records. */
const domainResourceType = "pulumi-nodejs:dynamic/sendmailos:Domain";

/** The stack of a client domain: the normalized domain itself (stack names allow letters, digits, `-`, `_` and `.`). */
export function stackNameFor(domain: string): string {
  const normalized = normalizeDomainName(domain);
  if (!normalized.ok) throw new InvalidOnboardingRequestError(domain, `domain: ${normalized.reason}`);
  return normalized.value;
}

/**
 * Starts onboarding one client domain. The returned `records` resolve as soon as SendMailOS has registered the
 * domain; `verified` when it reports it verified. Running it again for a domain whose earlier run ended unverified
 * resumes the wait; changed `externalId`/`metadata` are updated in place.
 */
export function onboardClient(request: OnboardingRequest, options: OnboardingOptions = {}): Onboarding {
  const domain = stackNameFor(request.domain);
  let gotRecords: (records: DkimRecord[]) => void = () => undefined;
  let noRecords: (error: unknown) => void = () => undefined;
  const records = new Promise<DkimRecord[]>((resolve, reject) => {
    gotRecords = resolve;
    noRecords = reject;
  });
  // A caller that only awaits `verified` must not meet an unhandled rejection of `records`.
  records.catch(() => undefined);

  const onEvent = (event: EngineEvent): void => {
    const diagnostic = event.diagnosticEvent;
    if (diagnostic && (diagnostic.severity === "info" || diagnostic.severity === "warning") && diagnostic.message.trim()) {
      options.onProgress?.(diagnostic.message.trim());
    }
    const outputs = event.resOutputsEvent?.metadata;
    if (outputs?.type === domainResourceType && outputs.op !== "delete") {
      const dnsRecords = (outputs.new?.outputs as { dnsRecords?: DkimRecord[] } | undefined)?.dnsRecords;
      if (Array.isArray(dnsRecords)) gotRecords(dnsRecords.map(({ type, name, value }) => ({ type, name, value })));
    }
  };

  const verified = (async (): Promise<VerificationReport> => {
    try {
      const stack = await clientStack(domain, request, options);
      const result = await stack.up({ onEvent });
      const out = (key: string) => result.outputs[key]?.value as unknown;
      const dnsRecords = out("records") as DkimRecord[];
      gotRecords(dnsRecords); // a re-run of an onboarding that was complete changes nothing and emits no outputs event
      return {
        domain,
        domainId: String(out("domainId")),
        status: "verified",
        verifiedAt: (out("verifiedAt") as string | null) ?? null,
        timeToVerifySeconds: Number(out("timeToVerifySeconds")),
      };
    } catch (error) {
      const failure = asOnboardingError(domain, error);
      noRecords(failure);
      throw failure;
    }
  })();
  return { domain, stackName: domain, records, verified };
}

/**
 * Removes a client: deletes its domain from SendMailOS (its records stop verifying mail) and then its stack.
 * Refused with {@link OnboardingInProgressError} while the domain is being onboarded.
 */
export async function removeClient(domain: string, options: OnboardingOptions = {}): Promise<void> {
  const name = stackNameFor(domain);
  try {
    const stack = await LocalWorkspace.selectStack(
      { stackName: name, projectName: projectOf(options), program: async () => ({}) },
      workspaceOptions(name, options),
    );
    await stack.destroy({ onEvent: () => undefined });
    await stack.workspace.removeStack(name);
  } catch (error) {
    throw asOnboardingError(name, error);
  }
}

/** The domain's stack with the inline program of this request, created on first use. */
async function clientStack(domain: string, request: OnboardingRequest, options: OnboardingOptions): Promise<Stack> {
  const program = async () => {
    const resource = new VerifiedDomain(domain, {
      domain,
      ...(request.externalId !== undefined ? { externalId: request.externalId } : {}),
      ...(request.metadata !== undefined ? { metadata: request.metadata } : {}),
      ...(request.workspaceId !== undefined ? { workspaceId: request.workspaceId } : {}),
      dns: { provider: "none" },
      wait: {
        ...(request.timeoutSeconds !== undefined ? { timeoutSeconds: request.timeoutSeconds } : {}),
        ...(request.pollIntervalSeconds !== undefined ? { pollIntervalSeconds: request.pollIntervalSeconds } : {}),
      },
    });
    return {
      domainId: resource.domainId,
      records: resource.records,
      status: resource.status,
      verifiedAt: resource.verifiedAt,
      timeToVerifySeconds: resource.timeToVerifySeconds,
    };
  };
  return LocalWorkspace.createOrSelectStack(
    { stackName: domain, projectName: projectOf(options), program },
    workspaceOptions(domain, options),
  );
}

function projectOf(options: OnboardingOptions): string {
  return options.projectName ?? defaultProjectName;
}

/**
 * One folder per client: its project file is written on every run (concurrent runs for different domains never write
 * the same file), and the explicit project settings keep a Pulumi.yaml found there from renaming the project.
 */
function workspaceOptions(domain: string, options: OnboardingOptions) {
  const workDir = path.join(path.resolve(options.workRoot ?? ".sendmailos-onboarding"), domain);
  fs.mkdirSync(workDir, { recursive: true });
  return {
    workDir,
    projectSettings: { name: projectOf(options), runtime: "nodejs" as const },
    ...(options.env ? { envVars: options.env } : {}),
    ...(options.pulumiCommand ? { pulumiCommand: options.pulumiCommand } : {}),
  };
}

/** The error to report: the lock, or the engine's own error lines (the provider's message says what to do). */
function asOnboardingError(domain: string, error: unknown): OnboardingError {
  if (error instanceof OnboardingError) return error;
  if (error instanceof ConcurrentUpdateError) return new OnboardingInProgressError(domain);
  const text = error instanceof Error ? error.message : String(error);
  // The CLI's stderr/stdout are in the message; keep the lines that say what went wrong.
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter(
      (line) => /^error:|^\S.*(failed|timed out|still \w+ after|already|refused)/i.test(line) && !/^(stdout|stderr|code):/.test(line),
    );
  const reason = lines.length > 0 ? [...new Set(lines)].join("\n") : text;
  return new OnboardingError(domain, `onboarding ${domain} did not end verified:\n${reason}`);
}
