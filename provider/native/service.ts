/**
 * The native provider door: `pulumirpc.ResourceProvider` served over gRPC, translating each request into
 * a call of the resource kind's operations (the same core the dynamic provider serves) and the result into
 * the response. What this door adds over the dynamic one is protocol only: provider configuration as real
 * inputs (`checkConfig`/`diffConfig`/`configure`), exact previews, per-property `detailedDiff`, `read` with
 * inputs (import), the request's `timeout` (customTimeouts) and `cancel`. It accepts secrets (needed for
 * `construct`): the operations see plain values, and responses mark secret what came in secret (`secrets.ts`).
 */
import * as grpc from "@grpc/grpc-js";
import { domainOperations } from "../domain/domain-operations";
import { emulatorRecordOperations } from "../dns/emulator-record-operations";
import { configure } from "../runtime/context";
import { providerLog } from "../runtime/log";
import { PartialFailure, type PropertyChange, type ResourceOperations } from "../runtime/operations";
import { verificationOperations } from "../verification/verification-operations";
import { withResourceLog } from "./engine-log";
import { checkProviderConfig, configSource, diffProviderConfig } from "./provider-config";
import { outputNames, packageSchema } from "./package-schema";
import { fromStruct, toStruct, withUnknowns } from "./properties";
import { keepSecretsOf, revealAll } from "./secrets";
import { anyproto, emptyproto, plugproto, provproto, statusproto } from "./pulumi-internals";
import { forEngine } from "../schema/issues";
import { SDK_VERSION } from "../../sdk/version";
import { SendMailOSError } from "../../sdk";
import { SendMailOSResourceError } from "../runtime/errors";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Operations = ResourceOperations<any, any>;

/** The custom resources this provider serves, by type token. */
export const nativeKinds: Record<string, Operations> = {
  [domainOperations.token]: domainOperations,
  [verificationOperations.token]: verificationOperations,
  [emulatorRecordOperations.token]: emulatorRecordOperations,
};

/** What the service needs from its host process. */
export interface ServiceOptions {
  /** Builds a component (`VerifiedDomain`) for `construct`; absent: construct is refused. */
  construct?: (call: any, callback: grpc.sendUnaryData<any>) => void;
}

/** The resource type of a request: `type` when the engine sends it, else from the URN's last type segment. */
export function typeOf(request: { getUrn(): string; getType?(): string }): string {
  const type = request.getType?.();
  if (type) return type;
  const qualified = request.getUrn().split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}

function kindOf(request: { getUrn(): string; getType?(): string }): Operations {
  const type = typeOf(request);
  const kind = nativeKinds[type];
  if (!kind) throw Object.assign(new Error(`sendmailos: unknown resource type ${type}`), { code: grpc.status.INVALID_ARGUMENT });
  return kind;
}

/** Aborted by the engine's `cancel` (the first Ctrl-C, and every normal shutdown, when nothing is running). */
const cancellation = new AbortController();

/**
 * Sends an error the engine understands; a partial failure keeps the object in state (`ErrorResourceInitFailed`),
 * its properties marked secret where `inputs` (as received, secrets marked) held secrets.
 */
function grpcError(error: unknown, inputs?: Record<string, unknown>): grpc.ServiceError {
  const message = error instanceof Error ? error.message : String(error);
  const metadata = new grpc.Metadata();
  if (error instanceof PartialFailure) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(error.id);
    const properties = error.properties as Record<string, unknown>;
    detail.setProperties(toStruct(inputs ? keepSecretsOf(properties, inputs) : properties));
    detail.setReasonsList(error.reasons);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  const expected = error instanceof SendMailOSError || error instanceof SendMailOSResourceError || error instanceof PartialFailure;
  if (!expected) process.stderr.write(`sendmailos: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
  const code = (error as { code?: unknown }).code;
  return Object.assign(new Error(message), {
    code: typeof code === "number" ? code : grpc.status.UNKNOWN,
    details: message,
    metadata,
  }) as grpc.ServiceError;
}

/** Runs a handler body and answers with its result or its error (see {@link grpcError} for `inputs`). */
function answer<T>(callback: grpc.sendUnaryData<T>, body: () => Promise<T>, inputs?: Record<string, unknown>): void {
  body().then(
    (response) => callback(null, response),
    (error: unknown) => callback(grpcError(error, inputs), null),
  );
}

const kindsOfDiff: Record<PropertyChange["kind"], [number, number]> = {
  add: [provproto.PropertyDiff.Kind.ADD, provproto.PropertyDiff.Kind.ADD_REPLACE],
  delete: [provproto.PropertyDiff.Kind.DELETE, provproto.PropertyDiff.Kind.DELETE_REPLACE],
  update: [provproto.PropertyDiff.Kind.UPDATE, provproto.PropertyDiff.Kind.UPDATE_REPLACE],
};

/** A `DiffResponse` with a `detailedDiff` entry per changed property. */
function diffResponse(properties: PropertyChange[], replaces: string[], deleteBeforeReplace: boolean) {
  const response = new provproto.DiffResponse();
  response.setChanges(properties.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
  response.setReplacesList(replaces);
  response.setDeletebeforereplace(deleteBeforeReplace);
  response.setDiffsList([...new Set(properties.map((p) => p.path.split(/[.[]/)[0]!))]);
  const detailed = response.getDetaileddiffMap();
  for (const p of properties) {
    const diff = new provproto.PropertyDiff();
    diff.setKind(kindsOfDiff[p.kind][p.replaces ? 1 : 0]);
    diff.setInputdiff(p.input);
    detailed.set(p.path, diff);
  }
  response.setHasdetaileddiff(true);
  return response;
}

/** The `pulumirpc.ResourceProvider` implementation. */
export function resourceProviderService(
  options: ServiceOptions = {},
): Record<string, (call: any, callback: grpc.sendUnaryData<any>) => void> {
  return {
    getPluginInfo(_call, callback) {
      const info = new plugproto.PluginInfo();
      info.setVersion(SDK_VERSION);
      callback(null, info);
    },

    getSchema(_call, callback) {
      const response = new provproto.GetSchemaResponse();
      response.setSchema(JSON.stringify(packageSchema()));
      callback(null, response);
    },

    checkConfig(call, callback) {
      answer(callback, async () => {
        const { inputs, failures } = checkProviderConfig(fromStruct(call.request.getNews()));
        const response = new provproto.CheckResponse();
        response.setInputs(toStruct(inputs));
        response.setFailuresList(forEngine(failures).map(checkFailure));
        return response;
      });
    },

    diffConfig(call, callback) {
      answer(callback, async () => {
        const changes = diffProviderConfig(
          fromStruct(call.request.getOldInputs() ?? call.request.getOlds()),
          fromStruct(call.request.getNews()),
        );
        return diffResponse(changes, [], false);
      });
    },

    configure(call, callback) {
      answer(callback, async () => {
        // The engine sends the configuration's secrets (the API key) marked even to plugins that refuse them.
        const args = call.request.getArgs() ? revealAll(fromStruct(call.request.getArgs())) : undefined;
        configure(configSource(args, call.request.getVariablesMap()));
        const response = new provproto.ConfigureResponse();
        response.setAcceptsecrets(true);
        response.setAcceptresources(false);
        response.setSupportspreview(true);
        return response;
      });
    },

    check(call, callback) {
      answer(callback, () =>
        withResourceLog(call.request.getUrn(), async () => {
          const kind = kindOf(call.request);
          const news = fromStruct(call.request.getNews());
          const { inputs, failures } = await kind.check(revealAll(fromStruct(call.request.getOlds())), revealAll(news));
          const response = new provproto.CheckResponse();
          response.setInputs(toStruct(keepSecretsOf(inputs, news)));
          response.setFailuresList(forEngine(failures).map(checkFailure));
          return response;
        }),
      );
    },

    diff(call, callback) {
      answer(callback, () =>
        withResourceLog(call.request.getUrn(), async () => {
          const decision = await kindOf(call.request).diff(
            call.request.getId(),
            revealAll(fromStruct(call.request.getOlds())),
            revealAll(fromStruct(call.request.getNews())),
          );
          if (decision.warning) await providerLog().warn(decision.warning);
          return diffResponse(decision.properties, decision.replaces, decision.deleteBeforeReplace);
        }),
      );
    },

    create(call, callback) {
      const received = fromStruct(call.request.getProperties());
      answer(
        callback,
        () =>
          withResourceLog(call.request.getUrn(), async () => {
            const kind = kindOf(call.request);
            const inputs = revealAll(received);
            const response = new provproto.CreateResponse();
            if (call.request.getPreview()) {
              response.setProperties(toStruct(keepSecretsOf(withUnknowns(inputs, outputNames(kind.token)), received)));
              return response;
            }
            const { id, state } = await kind.create(inputs, { signal: cancellation.signal, timeoutSeconds: call.request.getTimeout() });
            response.setId(id);
            response.setProperties(toStruct(keepSecretsOf(state, received)));
            return response;
          }),
        received,
      );
    },

    read(call, callback) {
      answer(callback, () =>
        withResourceLog(call.request.getUrn(), async () => {
          const state = fromStruct(call.request.getProperties());
          const inputs = fromStruct(call.request.getInputs());
          const found = await kindOf(call.request).read(call.request.getId(), revealAll(state));
          const response = new provproto.ReadResponse();
          if (!found) return response; // an empty id: the object is gone
          response.setId(found.id);
          response.setProperties(toStruct(keepSecretsOf(found.state, state)));
          response.setInputs(toStruct(keepSecretsOf(found.inputs, inputs)));
          return response;
        }),
      );
    },

    update(call, callback) {
      const received = fromStruct(call.request.getNews());
      answer(
        callback,
        () =>
          withResourceLog(call.request.getUrn(), async () => {
            const kind = kindOf(call.request);
            const id = call.request.getId();
            const olds = revealAll(fromStruct(call.request.getOlds()));
            const news = revealAll(received);
            const response = new provproto.UpdateResponse();
            if (call.request.getPreview()) {
              const preview = kind.previewUpdate ? kind.previewUpdate(id, olds, news) : news;
              response.setProperties(toStruct(keepSecretsOf(withUnknowns(preview, outputNames(kind.token)), received)));
              return response;
            }
            const state = await kind.update(id, olds, news, { signal: cancellation.signal, timeoutSeconds: call.request.getTimeout() });
            response.setProperties(toStruct(keepSecretsOf(state, received)));
            return response;
          }),
        received,
      );
    },

    delete(call, callback) {
      answer(callback, () =>
        withResourceLog(call.request.getUrn(), async () => {
          await kindOf(call.request).delete(call.request.getId(), revealAll(fromStruct(call.request.getProperties())));
          return new emptyproto.Empty();
        }),
      );
    },

    construct(call, callback) {
      if (!options.construct) {
        callback(grpcError(new Error(`sendmailos: unknown component type ${call.request.getType()}`)), null);
        return;
      }
      options.construct(call, callback);
    },

    cancel(_call, callback) {
      // The engine cancels on the first Ctrl-C and at every normal shutdown: running waits stop as
      // resumable failures; with nothing running, this changes nothing.
      cancellation.abort();
      callback(null, new emptyproto.Empty());
    },

    attach(_call, callback) {
      callback(null, new emptyproto.Empty());
    },
  };
}

function checkFailure(failure: { property: string; reason: string }) {
  const message = new provproto.CheckFailure();
  message.setProperty(failure.property);
  message.setReason(failure.reason);
  return message;
}
