import * as pulumi from "@pulumi/pulumi";
import { declareExample } from "./program";

const config = new pulumi.Config();

/** Per sending domain: `{ domainId, status, verifiedAt }`. */
export const domains = declareExample({
  zone: config.require("zone"),
  subdomains: config.getObject<string[]>("subdomains") ?? [],
});
