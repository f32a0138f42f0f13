/**
 * A local S3-compatible server (scripts/fakes3, on gofakes3) for the tests of Pulumi's `s3://` state backend, started
 * and stopped by the test. Every request it answers is kept, so a test can wait for one it expects.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { ensureGoTool } from "../../scripts/go-tool";

/** One request the server answered, e.g. `{ method: "PUT", path: "/state/.pulumi/locks/...", status: 200 }`. */
export interface S3Request {
  method: string;
  /** Path and query, bucket first (path-style). */
  path: string;
  status: number;
}

/** A running server. */
export interface FakeS3 {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** Every request answered so far, in order. */
  readonly requests: S3Request[];
  /**
   * Pulumi's backend URL for a bucket of this server (path-style addressing; the region is required by the AWS SDK and
   * means nothing here).
   */
  backendUrl(bucket: string): string;
  /** The environment the AWS SDK inside the Pulumi CLI needs: dummy keys (any are accepted) and no checksum warnings. */
  readonly awsEnv: Record<string, string>;
  /** Stops the server (its objects are in memory and are gone). */
  stop(): Promise<void>;
}

/** Starts a server with the given buckets on a free loopback port. */
export async function startFakeS3(buckets: string[]): Promise<FakeS3> {
  const bin = await ensureGoTool("fakes3");
  const child = spawn(bin, ["-bucket", buckets.join(",")], { stdio: ["pipe", "pipe", "pipe"] });
  const requests: S3Request[] = [];
  let stderr = "";
  let pending = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      const match = /^fakes3: (\S+) (\S+) (\d+)$/.exec(line);
      if (match) requests.push({ method: match[1]!, path: match[2]!, status: Number(match[3]) });
      else stderr += `${line}\n`;
    }
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      stdout += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`fakes3 exited with code ${code} before listening:\n${stderr}`)));
  });
  return {
    endpoint,
    requests,
    backendUrl: (bucket) => `s3://${bucket}?endpoint=${endpoint}&s3ForcePathStyle=true&region=us-east-1`,
    awsEnv: { AWS_ACCESS_KEY_ID: "fakes3-test", AWS_SECRET_ACCESS_KEY: "fakes3-test", AWS_RESPONSE_CHECKSUM_VALIDATION: "when_required" },
    stop: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    // Closing its standard input stops it (as it would if this process died); SIGTERM is the backstop.
    child.stdin!.end();
    child.kill("SIGTERM");
  });
}
