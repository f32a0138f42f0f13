/**
 * Secret values between the engine and the resource operations. The plugin accepts secrets because the
 * engine refuses `construct` (the `VerifiedDomain` component) from a plugin that does not ("plugins that can
 * construct components must support secrets"). Accepting them makes the plugin responsible for what the
 * engine otherwise does itself: the operations get plain values, and every property of a response whose
 * input of the same name held a secret goes back marked secret, by the engine's own rule (`annotateSecrets`
 * in pkg/resource/plugin/provider_plugin.go), so a secret never comes back in the clear.
 */

/** The key and value that mark a secret in the engine's property values (`@pulumi/pulumi/runtime/rpc`). */
const signatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** True when the value is the engine's wrapper of a secret. */
export function isSecret(value: unknown): value is { value: unknown } {
  return isPlainObject(value) && value[signatureKey] === secretSignature;
}

/** The engine's wrapper of a secret around a value. */
export function secret(value: unknown): Plain {
  return { [signatureKey]: secretSignature, value };
}

/** True when the value is, or holds anywhere inside, a secret. */
export function hasSecrets(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(hasSecrets);
  if (isPlainObject(value)) return Object.values(value).some(hasSecrets);
  return false;
}

/** The value with every secret wrapper replaced by what it wraps, at any depth. */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  return value;
}

/** {@link reveal} for a property map. */
export function revealAll(properties: Plain): Plain {
  return reveal(properties) as Plain;
}

/**
 * `outputs` with each property marked secret when the input of the same name held a secret; a map input
 * that is not itself secret is compared key by key. A whole array is marked when any element was secret
 * (its order may change). Mirrors the engine's `annotateSecrets`.
 */
export function keepSecretsOf(outputs: Plain, inputs: Plain): Plain {
  const result: Plain = { ...outputs };
  for (const [key, input] of Object.entries(inputs)) {
    if (!(key in result)) continue;
    const output = result[key];
    if (isPlainObject(output) && !isSecret(output) && isPlainObject(input) && !isSecret(input)) {
      result[key] = keepSecretsOf(output, input);
    } else if (!isSecret(output) && hasSecrets(input)) {
      result[key] = secret(output);
    }
  }
  return result;
}
