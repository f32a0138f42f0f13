// @ts-check
/*
 * The Analyzer proxy that RunPlugin puts in front of a Node.js policy pack (upstream: sdk/v3 policy_proxy.go).
 *
 * Why: the CLI starts a policy pack through RunPlugin and only then tells it about the stack, with the
 * ConfigureStack RPC. @pulumi/policy packs read the stack (name, project, organization, dry run, config) from
 * PULUMI_NODEJS_* and PULUMI_CONFIG when they start. So the host first serves the Analyzer service itself,
 * waits for ConfigureStack, starts the pack with that environment, then forwards every call to it.
 *
 *   CLI --RunPlugin--> host: prints the proxy's port as the plugin's first stdout line
 *   CLI --Handshake--> proxy: answered here
 *   CLI --ConfigureStack--> proxy: remembered; the host starts the pack with PULUMI_CONFIG etc.
 *   pack prints its port --> attach(): ConfigureStack forwarded (tags), then every other call forwarded
 *
 * A call other than Handshake/ConfigureStack before ConfigureStack means none is coming (`pulumi policy
 * publish`, for one): the pack then starts without stack information, as upstream.
 */
"use strict";

const { grpc, analyzerproto, analyzerrpc } = require("./host-require");
const { debug, messageOf } = require("./log");
const { grpcError } = require("./rpc-errors");

/** @typedef {import("@pulumi/pulumi/proto/analyzer_pb").AnalyzerStackConfigureRequest} StackConfiguration */
/** @typedef {import("@pulumi/pulumi/proto/analyzer_grpc_pb").AnalyzerClient} AnalyzerClient */
/** @typedef {import("@grpc/grpc-js").handleUnaryCall<any, any>} UnaryHandler */
/** @typedef {import("@grpc/grpc-js").ServerUnaryCall<any, any>} UnaryCall */
/** @typedef {import("@grpc/grpc-js").sendUnaryData<any>} UnaryCallback */
/** @typedef {import("@grpc/grpc-js").ServiceError} ServiceError */

/** How long close() lets calls in flight finish before the proxy stops serving anyway. */
const CLOSE_GRACE_MS = 2000;

/** The Analyzer calls that are forwarded to the pack unchanged. */
const FORWARDED = ["analyze", "analyzeStack", "remediate", "getAnalyzerInfo", "getPluginInfo", "configure", "cancel"];

/**
 * A promise that settles once; later settle calls are ignored (upstream: promise.CompletionSource.Fulfill).
 * @template T
 */
class Settable {
  constructor() {
    this.settled = false;
    /** @type {(value: T) => void} */
    this.resolveFn = () => undefined;
    /** @type {(err: Error) => void} */
    this.rejectFn = () => undefined;
    /** @type {Promise<T>} */
    this.promise = new Promise((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
    // A rejection nobody waits for must not crash the host (Node exits on unhandled rejections).
    this.promise.catch(() => undefined);
  }
  /** @param {T} value */
  resolve(value) {
    if (!this.settled) {
      this.settled = true;
      this.resolveFn(value);
    }
  }
  /** @param {Error} err */
  reject(err) {
    if (!this.settled) {
      this.settled = true;
      this.rejectFn(err);
    }
  }
}

/**
 * Reads the first stdout line of a policy pack: its port, as the policy SDK prints it.
 * @param {string} line
 * @returns {number}
 * @throws {Error} quoting the line when it is not a port
 */
function parsePortLine(line) {
  const text = line.trim();
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port > 0 && port <= 65535)) {
    throw new Error(
      `the policy pack's first line on stdout should be its port, but it printed '${text.slice(0, 200)}': ` +
        "a policy pack must not write to stdout before it serves (use console.error for diagnostics)",
    );
  }
  return port;
}

/** An Analyzer server on a loopback port that forwards to a policy pack once it is attached. */
class PolicyProxy {
  /**
   * Starts serving on 127.0.0.1 at a free port.
   * @returns {Promise<PolicyProxy>}
   */
  static start() {
    const proxy = new PolicyProxy();
    return new Promise((resolve, reject) => {
      proxy.server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
        if (err) {
          reject(new Error(`could not start the policy pack proxy: ${err.message}`));
          return;
        }
        proxy.port = port;
        debug(`policy pack proxy listening on port ${port}`);
        resolve(proxy);
      });
    });
  }

  /** Use PolicyProxy.start(). */
  constructor() {
    this.port = 0;
    /** @type {Settable<StackConfiguration | undefined>} */
    this.stackConfiguration = new Settable();
    /** @type {Settable<AnalyzerClient>} */
    this.client = new Settable();
    /** @type {AnalyzerClient | undefined} */
    this.connection = undefined;
    this.server = new grpc.Server();
    /** @type {Record<string, UnaryHandler>} */
    const impl = {
      handshake: (_call, callback) => callback(null, new analyzerproto.AnalyzerHandshakeResponse()),
      configureStack: (call, callback) => {
        if (!this.stackConfiguration.settled) {
          this.stackConfiguration.resolve(call.request);
          callback(null, new analyzerproto.AnalyzerStackConfigureResponse());
        } else {
          // The pack was started already: it gets this one directly.
          this.forward("configureStack", call, callback);
        }
      },
    };
    for (const method of FORWARDED) {
      impl[method] = (call, callback) => {
        this.stackConfiguration.resolve(undefined);
        this.forward(method, call, callback);
      };
    }
    this.server.addService(analyzerrpc.AnalyzerService, impl);
  }

  /**
   * The stack configuration, once the CLI has sent it; undefined when another call came first.
   * @returns {Promise<StackConfiguration | undefined>}
   */
  configuration() {
    return this.stackConfiguration.promise;
  }

  /**
   * Connects to the started pack and forwards the stack configuration to it (for the tags, which only arrive
   * that way); from then on every call is forwarded.
   * @param {number} port the port the pack printed
   * @returns {Promise<void>}
   */
  async attach(port) {
    const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    this.connection = client;
    const config = await this.stackConfiguration.promise;
    if (config) {
      try {
        await new Promise((resolve, reject) => client.configureStack(config, (err, resp) => (err ? reject(err) : resolve(resp))));
      } catch (err) {
        // Packs of older @pulumi/policy versions do not implement ConfigureStack.
        if (/** @type {ServiceError} */ (err).code !== grpc.status.UNIMPLEMENTED) {
          const failure = new Error(`policy pack configuration failed: ${messageOf(err)}`);
          this.client.reject(failure);
          throw failure;
        }
      }
    }
    debug(`policy pack proxy attached to port ${port}`);
    this.client.resolve(client);
  }

  /**
   * The pack will never serve (it exited, or printed no port): calls waiting for it fail with this reason.
   * @param {Error} reason
   */
  abort(reason) {
    this.stackConfiguration.resolve(undefined);
    this.client.reject(reason);
  }

  /**
   * Stops serving and closes the connection to the pack. Calls still waiting for the pack get their error
   * first: the server only stops once they are answered (or after a bound).
   */
  close() {
    this.abort(new Error("the policy pack has stopped"));
    this.connection?.close();
    const force = setTimeout(() => this.server.forceShutdown(), CLOSE_GRACE_MS);
    force.unref();
    this.server.tryShutdown(() => clearTimeout(force));
  }

  /**
   * @param {string} method
   * @param {UnaryCall} call
   * @param {UnaryCallback} callback
   */
  forward(method, call, callback) {
    this.client.promise.then(
      (client) => {
        const invoke = /** @type {Record<string, Function>} */ (/** @type {unknown} */ (client))[method];
        /** @type {import("@grpc/grpc-js").ClientUnaryCall} */
        const outgoing = invoke.call(client, call.request, (/** @type {ServiceError | null} */ err, /** @type {unknown} */ resp) =>
          callback(err, resp),
        );
        call.on("cancelled", () => outgoing.cancel());
      },
      (err) => callback(grpcError(grpc.status.UNAVAILABLE, `policy pack not started: ${messageOf(err)}`)),
    );
  }
}

module.exports = { PolicyProxy, parsePortLine };
