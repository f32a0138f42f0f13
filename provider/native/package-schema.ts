/**
 * The Pulumi package schema (`schema.json`) of the native provider, derived from the same zod schemas as
 * `check`, the `Args` types and the README, so that YAML, Go and Python users see the same rules and docs.
 * Pulumi's schema has no union of objects: the DNS target becomes one object whose `provider` names the
 * variant (each variant's fields optional), and `wait` a `oneOf` of a boolean and the settings.
 */
import type { z } from "zod";
import { verifiedDomainArgsSchema, verifiedDomainOutputsSchema, waitSettingsSchema } from "../components/verified-domain-schema";
import { dnsTargetSchema } from "../dns/dns-target-schema";
import { emulatorRecordInputsSchema, emulatorRecordOutputsSchema } from "../dns/emulator-record-schema";
import { dnsRecordOutputSchema, domainInputsSchema, domainOutputsSchema } from "../domain/domain-schema";
import { providerConfigSchema } from "../runtime/provider-config-schema";
import { describeObject, describeType, type PropertyModel, type TypeModel } from "../schema/describe";
import { recordCheckOutputSchema, verificationInputsSchema, verificationOutputsSchema } from "../verification/verification-schema";
import { SDK_VERSION } from "../../sdk/version";

/** The package name: type tokens are `sendmailos:index:<Type>`. */
export const packageName = "sendmailos";

/** A property of the Pulumi schema (the subset we emit). */
export interface SchemaProperty {
  type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty;
  $ref?: string;
  oneOf?: SchemaProperty[];
  description?: string;
  default?: unknown;
  secret?: boolean;
  willReplaceOnChanges?: boolean;
  enum?: unknown[];
}

/** Named object types the schema refers to, by the zod schema that defines them. */
const namedTypes: [string, z.ZodType][] = [
  ["DnsRecord", dnsRecordOutputSchema],
  ["RecordCheck", recordCheckOutputSchema],
  ["DnsTarget", dnsTargetSchema],
  ["WaitSettings", waitSettingsSchema],
];

const token = (name: string) => `${packageName}:index:${name}`;
const ref = (name: string) => `#/types/${token(name)}`;

/** The named type whose model equals this one, if any (matched by property names). */
function namedTypeOf(type: TypeModel): string | undefined {
  const keys = (t: TypeModel): string =>
    t.kind === "object" ? t.properties.map((p) => p.name).join(",") : t.kind === "union" ? t.options.map(keys).join("|") : "";
  const wanted = keys(type);
  return namedTypes.find(([, schema]) => keys(describeType(schema)) === wanted)?.[0];
}

function propertyOf(type: TypeModel): SchemaProperty {
  switch (type.kind) {
    case "string":
      return { type: "string" };
    case "number":
      return { type: type.integer ? "integer" : "number" };
    case "boolean":
      return { type: "boolean" };
    case "literal":
      return { type: typeof type.value === "number" ? "number" : (typeof type.value as "string" | "boolean") };
    case "array":
      return { type: "array", items: propertyOf(type.items) };
    case "map":
      return { type: "object", additionalProperties: propertyOf(type.values) };
    case "object":
    case "union": {
      const named = namedTypeOf(type);
      if (named !== undefined) return { $ref: ref(named) };
      if (type.kind === "union") return { oneOf: type.options.map(propertyOf) };
      throw new Error("package schema: an anonymous object type; name it in namedTypes");
    }
  }
}

function schemaProperty(p: PropertyModel): SchemaProperty {
  return {
    ...propertyOf(p.type),
    description: describeDoc(p),
    // A default on a oneOf breaks the Go generator (`pulumi.(true)`): unions say theirs in the description.
    ...(p.default !== undefined && typeof p.default !== "object" && p.type.kind !== "union" ? { default: p.default } : {}),
    ...(p.doc.secret ? { secret: true } : {}),
    ...(p.doc.replaces ? { willReplaceOnChanges: true } : {}),
  };
}

function describeDoc(p: PropertyModel): string {
  return p.doc.defaultText === undefined ? p.doc.description : `${p.doc.description} Default: ${p.doc.defaultText.replace(/`/g, "")}.`;
}

function properties(models: PropertyModel[]): Record<string, SchemaProperty> {
  return Object.fromEntries(models.map((p) => [p.name, schemaProperty(p)]));
}

/** An object type of the schema; a discriminated union is flattened into one object (see the module doc). */
function objectType(schema: z.ZodType, description: string) {
  const type = describeType(schema);
  let models: PropertyModel[];
  if (type.kind === "union") {
    const byName = new Map<string, PropertyModel>();
    for (const option of type.options) {
      if (option.kind !== "object") throw new Error("package schema: only unions of objects can be flattened");
      for (const p of option.properties) if (!byName.has(p.name)) byName.set(p.name, { ...p, required: false, default: undefined });
    }
    models = [...byName.values()];
    const tag = type.discriminator;
    const values = type.options.flatMap((o) =>
      o.kind === "object"
        ? o.properties.filter((p) => p.name === tag && p.type.kind === "literal").map((p) => (p.type as { value: unknown }).value)
        : [],
    );
    if (tag !== undefined) {
      const tagModel = byName.get(tag)!;
      byName.set(tag, {
        ...tagModel,
        required: true,
        type: { kind: "string" },
        doc: { description: `One of ${values.map((v) => JSON.stringify(v)).join(", ")}.` },
      });
      models = [...byName.values()];
    }
  } else {
    models = describeObject(schema);
  }
  return {
    type: "object",
    description,
    properties: properties(models),
    required: models.filter((p) => p.required).map((p) => p.name),
  };
}

/** A custom resource (or component) of the schema: inputs from the input schema, outputs from both. */
function resource(description: string, inputs: z.ZodType, outputs: z.ZodType, isComponent = false) {
  const inputModels = describeObject(inputs);
  const outputModels = describeObject(outputs);
  const all = isComponent ? outputModels : [...inputModels, ...outputModels.filter((o) => !inputModels.some((i) => i.name === o.name))];
  return {
    ...(isComponent ? { isComponent: true } : {}),
    description,
    inputProperties: properties(inputModels),
    requiredInputs: inputModels.filter((p) => p.required).map((p) => p.name),
    properties: properties(all),
    required: isComponent
      ? outputModels.map((p) => p.name)
      : [
          ...inputModels.filter((p) => p.required || p.default !== undefined).map((p) => p.name),
          ...outputModels.filter((p) => p.required).map((p) => p.name),
        ],
  };
}

/** The output property names of each custom resource, for previews of a create (they are not known yet). */
export function outputNames(resourceToken: string): string[] {
  const outputs = {
    Domain: domainOutputsSchema,
    DomainVerification: verificationOutputsSchema,
    EmulatorDnsRecord: emulatorRecordOutputsSchema,
  }[resourceToken.split(":")[2] ?? ""];
  return outputs === undefined ? [] : describeObject(outputs).map((p) => p.name);
}

/** The whole package schema. */
export function packageSchema() {
  const config = describeObject(providerConfigSchema);
  return {
    name: packageName,
    displayName: "SendMailOS",
    version: SDK_VERSION,
    description: "SendMailOS sending domains: register, publish the DKIM records in DNS, and wait until verified.",
    keywords: ["pulumi", "sendmailos", "email", "dkim", "ses", "category/utility"],
    homepage: "https://sendmailos.com",
    license: "Apache-2.0",
    repository: "https://github.com/sendmailos/pulumi-sendmailos",
    publisher: "pulumi-sendmailos",
    // Lets the SDK generators write complete packages (a go.mod, versions instead of placeholders).
    meta: { supportPack: true },
    config: { variables: properties(config) },
    provider: {
      description:
        "The SendMailOS provider: an API key and, for agencies, a workspace. Explicit providers manage several accounts in one program.",
      inputProperties: properties(config),
      properties: Object.fromEntries(Object.entries(properties(config)).filter(([name]) => name !== "apiKey")),
    },
    resources: {
      [token("Domain")]: resource(
        "A SendMailOS sending domain: registering it returns three DKIM tokens and the CNAME records to publish.",
        domainInputsSchema,
        domainOutputsSchema,
      ),
      [token("DomainVerification")]: resource(
        "Blocks `pulumi up` until SendMailOS reports the domain verified, printing what is wrong in DNS while it waits. A timeout, a `failed` status or a cancellation keeps the resource in state, so the next `pulumi up` resumes the wait.",
        verificationInputsSchema,
        verificationOutputsSchema,
      ),
      [token("EmulatorDnsRecord")]: resource(
        "One record in the local SendMailOS emulator's DNS zone (development and tests).",
        emulatorRecordInputsSchema,
        emulatorRecordOutputsSchema,
      ),
      [token("VerifiedDomain")]: resource(
        "The whole chain: registers a SendMailOS domain, publishes its three DKIM CNAMEs in the chosen DNS, and waits until SendMailOS verifies it.",
        verifiedDomainArgsSchema,
        verifiedDomainOutputsSchema,
        true,
      ),
    },
    types: Object.fromEntries(
      namedTypes.map(([name, schema]) => [
        token(name),
        objectType(schema, ((schema.meta() ?? {}) as { description?: string }).description ?? `${name}.`),
      ]),
    ),
    language: {
      go: {
        importBasePath: "github.com/sendmailos/pulumi-sendmailos/sdks/go/sendmailos",
        generateResourceContainerTypes: true,
        respectSchemaVersion: true,
      },
      python: { packageName: "pulumi_sendmailos", respectSchemaVersion: true, pyproject: { enabled: true } },
      nodejs: { packageName: "@sendmailos/pulumi", respectSchemaVersion: true },
    },
  };
}
