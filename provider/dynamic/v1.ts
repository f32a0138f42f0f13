/**
 * STABLE ENTRY `pulumi-sendmailos/dynamic/v1`: the only module that code serialized into Pulumi state
 * calls (see `shim.ts`). Its exports are a compatibility contract: state written by any earlier release
 * calls `attach(shim, request)` and `dispatch(kind, method, args)` here, so kinds and methods may be
 * added but never renamed or removed. Everything behind it may change freely.
 */
import type * as pulumi from "@pulumi/pulumi";
import { SendMailOSError } from "../../sdk";
import { domainOperations } from "../domain/domain-operations";
import type { DomainInputs } from "../domain/domain-schema";
import { emulatorRecordOperations } from "../dns/emulator-record-operations";
import { configure } from "../runtime/context";
import { startEngineWatchdog } from "../runtime/engine-watchdog";
import { SendMailOSResourceError } from "../runtime/errors";
import { PartialFailure } from "../runtime/operations";
import { verificationOperations } from "../verification/verification-operations";
import { dynamicProvider } from "./adapter";
import { isProviderKind, type ProviderKind } from "./kinds";
import { knownOutputsFor, knownOutputsOf } from "./known-outputs";

/**
 * The provider of each kind reachable from state. Typed by Pulumi's interface alone: the inferred types name
 * internal modules (and through them zod), which this entry's public declarations must not reach.
 */
export const providers: Readonly<Record<ProviderKind, pulumi.dynamic.ResourceProvider>> = {
  domain: dynamicProvider(domainOperations, {
    afterCheck: async (olds, inputs) => ({ ...(await knownOutputsFor(olds, inputs as DomainInputs)) }),
    afterRead: (state) => knownOutputsOf({ ...state, id: state.domainId }),
  }),
  verification: dynamicProvider(verificationOperations),
  emulatorDnsRecord: dynamicProvider(emulatorRecordOperations),
};

const methods = ["check", "diff", "create", "read", "update", "delete"] as const;
type Method = (typeof methods)[number];

let watchdogStarted = false;
/** A configuration the process could not read (a bad environment variable): every method reports it. */
let configurationError: Error | undefined;

/**
 * Called from the shim's `configure`: records the stack configuration (secrets decrypted) for this
 * process and installs the kind's real methods on the deserialized shim object. Never throws: the host
 * caches the shim before configuring it, so a failure here would leave a shim without `check`.
 */
export async function attach(shim: { k: string } & Record<string, unknown>, request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  try {
    configure(request.config);
    configurationError = undefined;
  } catch (error) {
    configurationError = error instanceof Error ? error : new Error(String(error));
  }
  if (!watchdogStarted) {
    watchdogStarted = true;
    startEngineWatchdog();
  }
  for (const method of methods) {
    shim[method] = (...args: unknown[]) => dispatch(shim.k, method, args);
  }
}

/** Calls one method of one kind's provider. */
export async function dispatch(kind: string, method: string, args: unknown[]): Promise<unknown> {
  if (!isProviderKind(kind)) {
    throw new Error(
      `pulumi-sendmailos: this stack's state names a resource kind ${JSON.stringify(kind)} that the installed package does not know; ` +
        "install the pulumi-sendmailos version that wrote the state, or a newer one.",
    );
  }
  if (!(methods as readonly string[]).includes(method)) throw new Error(`pulumi-sendmailos: the ${kind} provider has no method ${method}`);
  if (configurationError) throw configurationError;
  const fn = providers[kind][method as Method] as (...a: unknown[]) => Promise<unknown>;
  try {
    return await fn(...args);
  } catch (error) {
    throw withoutStack(error);
  }
}

/**
 * Expected failures (a rejected key, a timed-out wait, a refused input) are explained by their message: the
 * host prints an error's stack next to it, and frames pointing into the package's compiled files only hide
 * the explanation. Unexpected errors keep their stack, for bug reports.
 */
function withoutStack(error: unknown): unknown {
  if (error instanceof SendMailOSError || error instanceof SendMailOSResourceError || error instanceof PartialFailure) {
    Object.defineProperty(error, "stack", { value: `${error.name}: ${error.message}`, configurable: true, writable: true });
  }
  return error;
}
