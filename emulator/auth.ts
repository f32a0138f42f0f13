/**
 * API-key authentication and workspace selection, as the SendMailOS docs describe it: an
 * organization key picks a workspace with `X-Workspace-Id`, a workspace-scoped key is bound to one.
 */
import type { IncomingHttpHeaders } from "node:http";
import { workspaceIdProblem } from "../sdk/request-fields";
import { errorCodes } from "../sdk/wire";
import { errorReply, type Reply } from "./reply";
import type { ApiKeyConfig } from "./options";

/** Who is calling: the key (rate limits count per key) and the workspace it acts in. */
export interface Caller {
  apiKey: string;
  workspace: string;
}

/** Result of {@link authenticate}: a caller, or the 401/403 reply to send. */
export type AuthResult = { ok: true; caller: Caller } | { ok: false; reply: Reply };

/** The documented 401 body, byte for byte. */
const unauthorized = errorReply(401, errorCodes.unauthorized, "Invalid API key");

/** Workspaces a key may act in; the first is the one used without `X-Workspace-Id`. */
export function workspacesOf(config: ApiKeyConfig): string[] {
  if (config.workspace !== undefined) return [config.workspace];
  if (config.workspaces !== undefined && config.workspaces.length > 0) return config.workspaces;
  return ["ws_default"];
}

/** Checks `Authorization` and `X-Workspace-Id` against the configured keys. */
export function authenticate(headers: IncomingHttpHeaders, keys: readonly ApiKeyConfig[]): AuthResult {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "");
  const config = match ? keys.find((candidate) => candidate.key === match[1]) : undefined;
  if (!config) return { ok: false, reply: unauthorized };

  const allowed = workspacesOf(config);
  const requested = headerValue(headers["x-workspace-id"]);
  if (requested === undefined || requested === "") {
    return { ok: true, caller: { apiKey: config.key, workspace: allowed[0] ?? "ws_default" } };
  }
  const problem = workspaceIdProblem(requested);
  if (problem !== undefined) return { ok: false, reply: errorReply(400, errorCodes.invalid, `X-Workspace-Id: ${problem}`) };
  if (!allowed.includes(requested)) {
    return {
      ok: false,
      reply: errorReply(403, errorCodes.forbidden, `This API key cannot access workspace ${requested}`),
    };
  }
  return { ok: true, caller: { apiKey: config.key, workspace: requested } };
}

/** A header's single value (Node joins repeated custom headers with ", "; arrays only for set-cookie). */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value?.trim();
}
