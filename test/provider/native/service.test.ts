import { strict as assert } from "node:assert";
import type * as grpc from "@grpc/grpc-js";
import { provproto, structproto } from "../../../provider/native/pulumi-internals";
import { secret } from "../../../provider/native/secrets";
import { resourceProviderService } from "../../../provider/native/service";

/* eslint-disable @typescript-eslint/no-explicit-any */
const service = resourceProviderService();
const urn = "urn:pulumi:dev::p::sendmailos:index:EmulatorDnsRecord::r";
const struct = (value: Record<string, unknown>) => structproto.Struct.fromJavaScript(value);

/** Calls one handler of the service as gRPC would; resolves with its response. */
function call(method: string, request: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    service[method]!({ request }, ((error: grpc.ServiceError | null, response: unknown) =>
      error ? reject(error) : resolve(response)) as grpc.sendUnaryData<unknown>);
  });
}

function checkRequest(news: Record<string, unknown>) {
  const request = new provproto.CheckRequest();
  request.setUrn(urn);
  request.setType("sendmailos:index:EmulatorDnsRecord");
  request.setOlds(struct({}));
  request.setNews(struct(news));
  return request;
}

const record = { name: "a._domainkey.acme.example", type: "CNAME" };

describe("native provider service", () => {
  describe("configure", () => {
    it("accepts secrets: the engine refuses construct (VerifiedDomain) from a plugin that does not", async () => {
      const request = new provproto.ConfigureRequest();
      request.setArgs(struct({}));
      const response = await call("configure", request);
      assert.equal(response.getAcceptsecrets(), true);
    });
  });

  describe("when an input arrives secret", () => {
    it("check validates the plain value and answers the input still secret", async () => {
      const response = await call("check", checkRequest({ ...record, value: secret("a.dkim.amazonses.com") }));
      assert.deepEqual(response.getFailuresList(), []);
      assert.deepEqual(response.getInputs().toJavaScript(), { ...record, value: secret("a.dkim.amazonses.com"), ttl: 300 });
    });

    it("check refuses a bad secret value, naming the field and not the value", async () => {
      const response = await call("check", checkRequest({ ...record, value: secret(4242) }));
      const reasons: string[] = response.getFailuresList().map((f: any) => f.getReason());
      assert.equal(reasons.length, 1);
      assert.match(reasons[0]!, /^value must be a string, got a number/);
      assert.doesNotMatch(reasons[0]!, /4242/);
    });

    it("diff compares the plain values: the same secret is no change", async () => {
      const request = new provproto.DiffRequest();
      request.setUrn(urn);
      request.setType("sendmailos:index:EmulatorDnsRecord");
      request.setId("r1");
      request.setOlds(struct({ ...record, value: secret("a.dkim.amazonses.com"), ttl: 300 }));
      request.setNews(struct({ ...record, value: secret("a.dkim.amazonses.com"), ttl: 300 }));
      const response = await call("diff", request);
      assert.equal(response.getChanges(), provproto.DiffResponse.DiffChanges.DIFF_NONE);
      request.setNews(struct({ ...record, value: secret("b.dkim.amazonses.com"), ttl: 300 }));
      assert.deepEqual((await call("diff", request)).getDiffsList(), ["value"]);
    });

    it("a previewed create answers the outputs with the input's secrets kept", async () => {
      const request = new provproto.CreateRequest();
      request.setUrn(urn);
      request.setType("sendmailos:index:EmulatorDnsRecord");
      request.setPreview(true);
      request.setProperties(struct({ ...record, value: secret("a.dkim.amazonses.com"), ttl: 300 }));
      const response = await call("create", request);
      assert.deepEqual(response.getProperties().toJavaScript()["value"], secret("a.dkim.amazonses.com"));
    });
  });
});
