/**
 * `construct` for the multi-language component `sendmailos:index:VerifiedDomain`: the plugin runs the same
 * component code a TypeScript program would (`VerifiedDomain` with the native resources), registering its
 * children with the engine as a program does, and answers with the component's URN and outputs. The
 * runtime set-up mirrors `@pulumi/pulumi`'s own provider server, whose `construct` cannot be reused alone.
 */
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { VerifiedDomain } from "./index";
import { provproto, structproto } from "./pulumi-internals";
import { packageName } from "./package-schema";

/* eslint-disable @typescript-eslint/no-explicit-any */
const settings: any = require("@pulumi/pulumi/runtime/settings");
const runtimeConfig: any = require("@pulumi/pulumi/runtime/config");
const rpc: any = require("@pulumi/pulumi/runtime/rpc");
const localState: any = require("@pulumi/pulumi/runtime/state");
const { deserializeInputs }: any = require("@pulumi/pulumi/provider/server");

/** The component this plugin constructs. */
export const verifiedDomainToken = `${packageName}:index:VerifiedDomain`;

/** Handles `Construct` for `VerifiedDomain`; `engineAddress()` is the engine the plugin was started for. */
export function constructHandler(engineAddress: () => string | undefined) {
  return (call: any, callback: grpc.sendUnaryData<any>): void => {
    void localState.withLocalStorage(async () => {
      try {
        const request = call.request;
        if (request.getType() !== verifiedDomainToken) throw new Error(`sendmailos: unknown component type ${request.getType()}`);
        const address = engineAddress();
        if (!address) throw new Error("sendmailos: construct needs the engine address the plugin was started with");
        settings.resetOptions(
          request.getProject(),
          request.getStack(),
          request.getParallel(),
          address,
          request.getMonitorendpoint(),
          request.getDryrun(),
          request.getOrganization(),
        );
        await settings.awaitFeatureSupport();
        const config: Record<string, string> = {};
        for (const [key, value] of request.getConfigMap().entries()) config[key] = value;
        runtimeConfig.setAllConfig(config, request.getConfigsecretkeysList());

        const inputs = await deserializeInputs(request.getInputs(), request.getInputdependenciesMap());
        const providers: Record<string, pulumi.ProviderResource> = {};
        for (const [pkg, ref] of request.getProvidersMap().entries()) providers[pkg] = new DependencyProvider(ref);
        const component = new VerifiedDomain(request.getName(), inputs, {
          parent: request.getParent() ? new pulumi.DependencyResource(request.getParent()) : undefined,
          dependsOn: request.getDependenciesList().map((urn: string) => new pulumi.DependencyResource(urn)),
          providers,
          protect: request.getProtect(),
        });
        const response = new provproto.ConstructResponse();
        response.setUrn(await (component.urn as any).promise());
        const state = {
          domainId: component.domainId,
          status: component.status,
          records: component.records,
          verifiedAt: component.verifiedAt,
          timeToVerifySeconds: component.timeToVerifySeconds,
        };
        const [serialized] = await rpc.serializeResourceProperties(`construct(${verifiedDomainToken}, ${request.getName()})`, state);
        response.setState(structproto.Struct.fromJavaScript(serialized) as any);
        await settings.waitForRPCs();
        callback(null, response);
      } catch (error) {
        callback(
          Object.assign(new Error((error as Error).message), {
            code: grpc.status.UNKNOWN,
            details: (error as Error).message,
          }) as grpc.ServiceError,
          null,
        );
      }
    });
  };
}

/** A provider passed to the component by reference (`urn::id`), as Pulumi's own server rebuilds it. */
class DependencyProvider extends pulumi.DependencyProviderResource {}
