/**
 * The data file: domains, idempotency records and the DNS zone as one JSON document, so a restarted
 * emulator answers exactly as before (same ids, same tokens, same replays, same records). Writes are
 * atomic (temporary file, fsync, rename): a crash leaves the old file or the new one, never half.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { domainStatusSchema, wireMetadataSchema } from "../sdk/wire";
import { dnsRecordTypes } from "./dns-zone";

/** Bumped when the file format changes incompatibly. */
const formatVersion = 1;

/** Schema of the data file; loading validates it so a hand-edited mistake fails loudly at start. */
export const dataFileSchema = z.object({
  version: z.literal(formatVersion),
  domains: z.array(
    z.object({
      id: z.string(),
      workspace: z.string(),
      domainName: z.string(),
      status: domainStatusSchema,
      externalId: z.string().nullable(),
      metadata: wireMetadataSchema,
      dkimTokens: z.array(z.string()),
      createdAt: z.string(),
      verifiedAt: z.string().nullable(),
      pendingSinceMs: z.number(),
    }),
  ),
  idempotency: z.array(
    z.object({
      workspace: z.string(),
      key: z.string(),
      fingerprint: z.string(),
      status: z.number(),
      body: z.unknown(),
    }),
  ),
  dnsRecords: z.array(z.object({ name: z.string(), type: z.enum(dnsRecordTypes), value: z.string(), ttl: z.number() })),
});
/** Content of the data file. */
export type DataFile = z.infer<typeof dataFileSchema>;
/** Content of the data file without its version stamp. */
export type DataFileContent = Omit<DataFile, "version">;

/** Reads the data file; `undefined` when it does not exist yet. Throws on unreadable content. */
export function loadDataFile(path: string): DataFileContent | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const parsed = dataFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`Emulator data file ${path} is not valid: ${z.prettifyError(parsed.error)}`);
  }
  const { version: _version, ...content } = parsed.data;
  return content;
}

/** Writes the data file atomically. */
export function saveDataFile(path: string, content: DataFileContent): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, JSON.stringify({ version: formatVersion, ...content }, null, 2));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/**
 * Coalesces the change notifications of one event-loop turn into one write: a create that also
 * stores an idempotency record is written once, and never half.
 */
export class DataFileWriter {
  private pending = false;

  /**
   * @param path the data file.
   * @param collect returns the current content.
   * @param onError receives write failures (the emulator keeps serving from memory).
   */
  constructor(
    private readonly path: string,
    private readonly collect: () => DataFileContent,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Schedules a write at the end of the current turn. */
  changed(): void {
    if (this.pending) return;
    this.pending = true;
    queueMicrotask(() => this.flush());
  }

  /** Writes now if a write is scheduled. */
  flush(): void {
    if (!this.pending) return;
    this.pending = false;
    try {
      saveDataFile(this.path, this.collect());
    } catch (err) {
      this.onError(err);
    }
  }
}
