/**
 * The parts of `@pulumi/pulumi` the native provider needs beyond its public API: the gRPC stubs of the
 * provider protocol, `google-protobuf` as that package resolves it (the messages must be built by the same
 * copy that the stubs use), and the runtime hooks a component's `construct` needs. In one place, so that
 * the tested range of the `@pulumi/pulumi` peer dependency covers exactly these.
 */
import * as path from "node:path";

const pulumiRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

/** Requires a module the way `@pulumi/pulumi` resolves it. */
function fromPulumi<T>(request: string): T {
  return require(require.resolve(request, { paths: [pulumiRoot] })) as T;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The provider protocol's messages (`pulumirpc`). */
export const provproto: any = require("@pulumi/pulumi/proto/provider_pb.js");
/** The provider protocol's service definition. */
export const provrpc: any = require("@pulumi/pulumi/proto/provider_grpc_pb.js");
/** `PluginInfo`. */
export const plugproto: any = require("@pulumi/pulumi/proto/plugin_pb.js");
/** `google.rpc.Status`, carried in error details. */
export const statusproto: any = require("@pulumi/pulumi/proto/status_pb.js");
/** `google.protobuf.Empty`. */
export const emptyproto: any = fromPulumi("google-protobuf/google/protobuf/empty_pb");
/** `google.protobuf.Any`. */
export const anyproto: any = fromPulumi("google-protobuf/google/protobuf/any_pb");
/** `google.protobuf.Struct`. */
export const structproto: { Struct: { fromJavaScript(value: unknown): StructMessage } } = fromPulumi(
  "google-protobuf/google/protobuf/struct_pb",
);
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The part of a protobuf `Struct` message we use. */
export interface StructMessage {
  toJavaScript(): unknown;
}
