/**
 * `pulumi-sendmailos/review`: a pull-request comment (or a drift report) in domain terms from the output of
 * `pulumi preview --json`. Knows Pulumi's preview JSON and the package's resources, not the SendMailOS API.
 *
 * ```ts
 * const { comment, exitCode } = summarizePreview(fs.readFileSync("preview.json", "utf8"));
 * ```
 * @packageDocumentation
 */
import { reviewModel } from "./domain-changes";
import { driftModel } from "./drift";
import { parsePreviewOutput } from "./preview-json";
import { hasDrift, renderDrift } from "./render-drift";
import { renderReview } from "./render-review";

export { githubCommentLimit } from "./budget";
export { reviewModel, type DomainChange, type ReviewModel } from "./domain-changes";
export { driftModel, type DriftModel, type DomainDrift, type Drift } from "./drift";
export { parsePreviewOutput, PreviewFormatError, type PreviewRecord, type PlannedStep, type PolicyViolation } from "./preview-json";
export { renderReview, allowKey, type RenderOptions } from "./render-review";
export { renderDrift, hasDrift } from "./render-drift";

/** What to summarize. */
export interface SummarizeOptions {
  /** `review` (a pull request's preview) or `drift` (a `pulumi preview --refresh`). @default "review" */
  mode?: "review" | "drift";
  /** The most the comment may hold, 0 for no limit. @default 65536 */
  limit?: number;
  /** Values that must never appear (API keys): replaced by `[secret]` wherever they occur. */
  secrets?: readonly string[];
}

/**
 * The Markdown comment for a preview's JSON output, and the exit code a CI step should end with: 0, or 1 in
 * drift mode when something drifted or was never applied.
 * @throws PreviewFormatError when the text is not the output of `pulumi preview --json`.
 */
export function summarizePreview(text: string, options: SummarizeOptions = {}): { comment: string; exitCode: number } {
  const preview = parsePreviewOutput(text);
  const render = { limit: options.limit ?? undefined };
  if (options.mode === "drift") {
    const model = driftModel(preview);
    return { comment: redact(renderDrift(model, render), options.secrets), exitCode: hasDrift(model) || model.errors.length > 0 ? 1 : 0 };
  }
  return { comment: redact(renderReview(reviewModel(preview), render), options.secrets), exitCode: 0 };
}

/** The text with every occurrence of a secret replaced by `[secret]` (a last line of defence; secrets shorter than 6 characters are not searched for). */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join("[secret]");
  return out;
}
