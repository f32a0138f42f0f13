import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { setSettings, resetClients } from "../../provider/runtime/context";
import { setProviderLog, type ProviderLog } from "../../provider/runtime/log";

/** An emulator plus the provider runtime pointed at it, and the provider's log lines. */
export interface ProviderFixture {
  emulator: RunningEmulator;
  lines: string[];
  /** Resolves with the first log line (already written or to come) that matches. */
  nextLine(pattern: RegExp): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts an emulator on free ports (fast verification, rate limits scaled down so that tests do not
 * wait a minute) and points the provider runtime at it, as `configure` would from stack config.
 */
export async function startProviderFixture(options: EmulatorOptions = {}): Promise<ProviderFixture> {
  const emulator = await startEmulator({
    rateLimits: false,
    verification: { checkIntervalMs: 50 },
    ...options,
  });
  // The emulator's limits are off here, so the client's pacing is too; the sdk's own tests cover pacing.
  setSettings({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, dnsResolvers: [emulator.dns.address] }, { rateLimits: false });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const add = (line: string) => {
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  };
  const log: ProviderLog = { info: (m) => add(m), warn: (m) => add(`warning: ${m}`) };
  const previous = setProviderLog(log);
  return {
    emulator,
    lines,
    nextLine(pattern) {
      const seen = lines.find((line) => pattern.test(line));
      return seen !== undefined ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ pattern, resolve }));
    },
    async stop() {
      setProviderLog(previous);
      resetClients();
      await emulator.stop();
    },
  };
}
