import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { setSettings, resetClients } from "../../provider/runtime/context";
import { setProviderLog, type ProviderLog } from "../../provider/runtime/log";

/** An emulator plus the provider runtime pointed at it, and the provider's log lines. */
export interface ProviderFixture {
  emulator: RunningEmulator;
  lines: string[];
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
  const log: ProviderLog = { info: (m) => void lines.push(m), warn: (m) => void lines.push(`warning: ${m}`) };
  const previous = setProviderLog(log);
  return {
    emulator,
    lines,
    async stop() {
      setProviderLog(previous);
      resetClients();
      await emulator.stop();
    },
  };
}
