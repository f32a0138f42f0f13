/**
 * A minimal method + path router: patterns are literal segments and `:name` parameters
 * (`/api/v1/domains/:id`). It tells "no such path" (404) from "no such method on this path" (405),
 * which the API distinguishes.
 */

/** Outcome of {@link Router.match}. */
export type RouteMatch<H> =
  | { kind: "found"; handler: H; params: Record<string, string>; pattern: string }
  | { kind: "method-not-allowed"; allowed: string[]; pattern: string }
  | { kind: "not-found" };

interface Route<H> {
  method: string;
  pattern: string;
  segments: string[];
  handler: H;
}

/** Routes requests to handlers of any type `H`. */
export class Router<H> {
  private readonly routes: Route<H>[] = [];

  /** Adds a route; returns the router for chaining. */
  add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method: method.toUpperCase(), pattern, segments: split(pattern), handler });
    return this;
  }

  /** Finds the handler for a method and a path (without query string). */
  match(method: string, path: string): RouteMatch<H> {
    const segments = split(path);
    const allowed: string[] = [];
    let pattern: string | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) {
        return { kind: "found", handler: route.handler, params, pattern: route.pattern };
      }
      allowed.push(route.method);
      pattern ??= route.pattern;
    }
    if (pattern !== undefined) return { kind: "method-not-allowed", allowed, pattern };
    return { kind: "not-found" };
  }
}

function split(path: string): string[] {
  // A trailing slash is tolerated (`/api/v1/domains/`), as most HTTP frameworks do.
  return path.split("/").filter((segment) => segment !== "");
}

function matchSegments(pattern: string[], path: string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? "";
    const actual = path[i] ?? "";
    if (expected.startsWith(":")) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined; // malformed percent-encoding cannot name any resource
      }
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
