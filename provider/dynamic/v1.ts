/**
 * STABLE ENTRY `pulumi-sendmailos/dynamic/v1`: the only module that code serialized into Pulumi state
 * calls (see `shim.ts`). Its exports are a compatibility contract: state written by any earlier release
 * calls `attach(shim, request)` and `dispatch(kind, method, args)` here, so kinds and methods may be
 * added but never renamed or removed. Everything behind it may change freely.
 */
import type * as pulumi from "@pulumi/pulumi";
import { configure } from "../runtime/context";
import { startEngineWatchdog } from "../runtime/engine-watchdog";
import { domainProvider } from "../domain/domain-provider";
import { verificationProvider } from "../verification/verification-provider";
import { emulatorDnsRecordProvider } from "../dns/emulator-record-provider";

/** Resource kinds reachable from state. */
export const providers = {
  domain: domainProvider,
  verification: verificationProvider,
  emulatorDnsRecord: emulatorDnsRecordProvider,
} as const;

/** A kind of resource served by this entry. */
export type ProviderKind = keyof typeof providers;

const methods = ["check", "diff", "create", "read", "update", "delete"] as const;

let watchdogStarted = false;

/**
 * Called from the shim's `configure`: records the stack configuration (secrets decrypted) for this
 * process and installs the kind's real methods on the deserialized shim object.
 */
export async function attach(shim: { k: string } & Record<string, unknown>, request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  configure(request.config);
  if (!watchdogStarted) {
    watchdogStarted = true;
    startEngineWatchdog();
  }
  const kind = kindOf(shim.k);
  for (const method of methods) {
    shim[method] = (...args: unknown[]) => dispatch(kind, method, args);
  }
}

/** Calls one method of one kind's provider. */
export function dispatch(kind: string, method: string, args: unknown[]): Promise<unknown> {
  const provider = providers[kindOf(kind)] as unknown as Record<string, ((...a: unknown[]) => Promise<unknown>) | undefined>;
  const fn = provider[method];
  if (!fn) return Promise.reject(new Error(`pulumi-sendmailos: the ${kind} provider has no method ${method}`));
  return fn(...args);
}

function kindOf(kind: string): ProviderKind {
  if (!(kind in providers)) {
    throw new Error(
      `pulumi-sendmailos: this stack's state names a resource kind "${kind}" that the installed package does not know; ` +
        "install the pulumi-sendmailos version that wrote the state, or a newer one.",
    );
  }
  return kind as ProviderKind;
}
