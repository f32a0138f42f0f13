/**
 * Turning zod issues into one line that names each offending field (`metadata.plan: expected string,
 * received number`): the one wording shared by the client (a response of the wrong shape, a request
 * refused before sending) and the emulator (its 400 answers), so both name a field the same way.
 */
import type { z } from "zod";
import { displayText } from "./display";

/** Most issues named in one line; the rest are counted. */
export const MAX_ISSUES_SHOWN = 3;

/**
 * `path: message` for up to {@link MAX_ISSUES_SHOWN} issues, then `; and N more`. The root of the
 * document is called `body` (it is always a request or response body). Pure.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
  const more = issues.length - MAX_ISSUES_SHOWN;
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

/**
 * A path as a reader would write it: `metadata.plan`, `domains[2].id`. A key that is not a plain
 * identifier is quoted (`metadata["a.b"]`), escaped and cut, because keys are user input and may hold
 * dots, line breaks or a pasted file.
 */
export function issuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "body";
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment) && segment.length <= 40) {
      text += text === "" ? segment : `.${segment}`;
    } else text += `[${displayText(String(segment), 40)}]`;
  }
  return text;
}
