// @ts-check
/*
 * gRPC error statuses as grpc-js expects them from handlers: an Error with `code` and `details`.
 */
"use strict";

/**
 * @param {import("@grpc/grpc-js").status} code
 * @param {string} message shown by the CLI to the user: say what failed and what to do
 * @returns {Error & { code: import("@grpc/grpc-js").status, details: string }}
 */
function grpcError(code, message) {
  return Object.assign(new Error(message), { code, details: message });
}

/**
 * Ends a server stream with an error status. `call.destroy(err)` in this grpc-js version closes the stream
 * without any status, and the CLI would wait forever; emitting "error" sends the status.
 * @param {import("@grpc/grpc-js").ServerWritableStream<any, any>} call
 * @param {import("@grpc/grpc-js").status} code
 * @param {string} message
 */
function failStream(call, code, message) {
  call.emit("error", grpcError(code, message));
}

module.exports = { grpcError, failStream };
