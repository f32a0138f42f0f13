/** Silences the provider's progress lines during a benchmark, counting them instead. */
import { setProviderLog, type ProviderLog } from "../../provider/runtime/log";

/** A silenced provider log; `restore` puts the previous one back. */
export interface QuietLog {
  /** Info lines swallowed so far. */
  readonly infoLines: () => number;
  /** Warning lines swallowed so far. */
  readonly warnLines: () => number;
  restore(): void;
}

/** Replaces the provider log with one that only counts lines. */
export function quietProviderLog(): QuietLog {
  let info = 0;
  let warn = 0;
  const log: ProviderLog = {
    info: () => void info++,
    warn: () => void warn++,
  };
  const previous = setProviderLog(log);
  return { infoLines: () => info, warnLines: () => warn, restore: () => void setProviderLog(previous) };
}
