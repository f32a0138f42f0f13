/**
 * The part of GitHub Actions' expression language (`${{ ... }}`) that a workflow run locally needs: literals, context
 * paths (`github.event_name`, `steps.preview.outputs.exit-code`, ...), `==`, `!=`, `!`, `&&`, `||`, parentheses, and
 * the status functions `success()`, `failure()`, `always()`, `cancelled()`. Anything else is refused by name, so a
 * workflow that grows beyond it fails its test instead of being evaluated wrongly.
 */

/** A value of the language. */
export type ExpressionValue = string | number | boolean | null | { [key: string]: ExpressionValue };

/** The contexts and the job's status, for one evaluation. */
export interface ExpressionScope {
  contexts: Record<string, ExpressionValue>;
  /** Whether an earlier step of the job failed. */
  jobFailed: boolean;
}

/** An expression this evaluator does not support, or that is malformed. */
export class ExpressionError extends Error {
  constructor(expression: string, reason: string) {
    super(`\${{ ${expression} }}: ${reason}`);
    this.name = "ExpressionError";
  }
}

type Token = { kind: "string" | "number" | "name" | "op"; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const str = /^'((?:[^']|'')*)'/.exec(rest);
    if (str) {
      tokens.push({ kind: "string", text: str[1]!.replace(/''/g, "'") });
      i += str[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) {
      tokens.push({ kind: "number", text: num[0] });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*/.exec(rest);
    if (name) {
      tokens.push({ kind: "name", text: name[0] });
      i += name[0].length;
      continue;
    }
    const op = /^(==|!=|&&|\|\||!|\(|\))/.exec(rest);
    if (op) {
      tokens.push({ kind: "op", text: op[0] });
      i += op[0].length;
      continue;
    }
    throw new ExpressionError(source, `unsupported text at ${JSON.stringify(rest.slice(0, 20))}`);
  }
  return tokens;
}

const statusFunctions = new Set(["success", "failure", "always", "cancelled"]);

/** Evaluates one expression (without the `${{ }}`). */
export function evaluate(source: string, scope: ExpressionScope): ExpressionValue {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const take = (text?: string): Token => {
    const token = tokens[at];
    if (!token || (text !== undefined && token.text !== text)) {
      throw new ExpressionError(
        source,
        `expected ${text ?? "more"} at token ${at + 1}, found ${token ? JSON.stringify(token.text) : "the end"}`,
      );
    }
    at++;
    return token;
  };

  const or = (): ExpressionValue => {
    let left = and();
    while (peek()?.text === "||") {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): ExpressionValue => {
    let left = equality();
    while (peek()?.text === "&&") {
      take();
      const right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const equality = (): ExpressionValue => {
    let left = unary();
    while (peek()?.text === "==" || peek()?.text === "!=") {
      const op = take().text;
      const right = unary();
      left = equal(left, right) === (op === "==");
    }
    return left;
  };
  const unary = (): ExpressionValue => {
    if (peek()?.text === "!") {
      take();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): ExpressionValue => {
    const token = take();
    if (token.kind === "string") return token.text;
    if (token.kind === "number") return Number(token.text);
    if (token.text === "(") {
      const value = or();
      take(")");
      return value;
    }
    if (token.kind !== "name") throw new ExpressionError(source, `unexpected ${JSON.stringify(token.text)}`);
    if (token.text === "true" || token.text === "false") return token.text === "true";
    if (token.text === "null") return null;
    if (peek()?.text === "(") {
      if (!statusFunctions.has(token.text)) throw new ExpressionError(source, `the function ${token.text}() is not supported here`);
      take("(");
      take(")");
      if (token.text === "always") return true;
      if (token.text === "cancelled") return false;
      return token.text === "failure" ? scope.jobFailed : !scope.jobFailed;
    }
    return lookup(token.text);
  };
  const lookup = (dotted: string): ExpressionValue => {
    const [root, ...keys] = dotted.split(".");
    if (!(root! in scope.contexts)) throw new ExpressionError(source, `the context ${root} is not available here`);
    let value: ExpressionValue = scope.contexts[root!]!;
    for (const key of keys) {
      value = value !== null && typeof value === "object" ? (value[key] ?? null) : null;
    }
    return value;
  };

  const value = or();
  if (at !== tokens.length) throw new ExpressionError(source, `unexpected ${JSON.stringify(tokens[at]!.text)}`);
  return value;
}

/** GitHub's truthiness: false, 0, "" and null are false. */
export function truthy(value: ExpressionValue): boolean {
  return !(value === false || value === 0 || value === "" || value === null);
}

/** GitHub's `==`: strings compare case-insensitively; other kinds by value. */
function equal(a: ExpressionValue, b: ExpressionValue): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** As text in a string (`null` is empty). */
export function asText(value: ExpressionValue): string {
  if (value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Replaces every `${{ ... }}` in a string by its value. */
export function interpolate(text: string, scope: ExpressionScope): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => asText(evaluate(expression.trim(), scope)));
}

/**
 * Evaluates a step's or job's `if:` (with or without `${{ }}`); as on GitHub, a condition that names no status
 * function holds only while the job has not failed.
 */
export function condition(source: string | boolean | undefined, scope: ExpressionScope): boolean {
  if (source === undefined) return !scope.jobFailed;
  if (typeof source === "boolean") return source && !scope.jobFailed;
  const inner = source
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, "$1")
    .trim();
  const value = truthy(evaluate(inner, scope));
  return /\b(success|failure|always|cancelled)\(\)/.test(inner) ? value : value && !scope.jobFailed;
}
