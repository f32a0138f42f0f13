/**
 * Progress and warning lines from inside the provider process. The engine forwards a dynamic
 * provider's standard output to the CLI as diagnostics (Pulumi 3.146+), so a plain line is the
 * portable channel. Lines are prefixed so that they can be told apart from the engine's own output.
 */
import { engineWarn } from "./engine-log";

/** Where the provider writes progress and warnings (replaceable in tests). */
export interface ProviderLog {
  info(message: string): void;
  /** Resolves once the warning is delivered, so that a caller can hold its answer until it is shown. */
  warn(message: string): void | Promise<void>;
}

/**
 * Info lines go to standard output, the stream the engine shows for dynamic providers. Warnings go to
 * the engine with warning severity when running under it (see `engine-log.ts`), else to standard output.
 */
export const consoleLog: ProviderLog = {
  info: (message) => console.log(`sendmailos: ${message}`),
  warn: async (message) => {
    const sent = await engineWarn(`sendmailos: ${message}`).catch(() => false);
    if (!sent) console.log(`sendmailos: warning: ${message}`);
  },
};

let current: ProviderLog = consoleLog;

/** The log the provider writes to. */
export function providerLog(): ProviderLog {
  return current;
}

/** Replaces the log (tests capture lines with it); returns the previous one. */
export function setProviderLog(log: ProviderLog): ProviderLog {
  const previous = current;
  current = log;
  return previous;
}
