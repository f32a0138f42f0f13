package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
	"github.com/sendmailos/pulumi-sendmailos/sdks/go/sendmailos"
)

// program is the inline Pulumi program: one sending domain, registered with SendMailOS, its three DKIM CNAMEs
// published in the local emulator's DNS, and `up` blocked until SendMailOS reports it verified. Against the
// real service, publish the records where your zone lives instead: `Dns: &sendmailos.DnsTargetArgs{Provider:
// pulumi.String("route53"), ZoneName: pulumi.String("acme.com")}`.
func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	domain, err := sendmailos.NewVerifiedDomain(ctx, cfg.Require("domain"), &sendmailos.VerifiedDomainArgs{
		Domain:     pulumi.String(cfg.Require("domain")),
		ExternalId: pulumi.String("client_acme"),
		Metadata:   pulumi.StringMap{"plan": pulumi.String(cfg.Require("plan"))},
		Dns:        &sendmailos.DnsTargetArgs{Provider: pulumi.String("emulator")},
		// Poll every second at first; the default (5 s, growing to 60 s) suits the real service.
		Wait: &sendmailos.WaitSettingsArgs{PollIntervalSeconds: pulumi.Float64(1)},
	})
	if err != nil {
		return err
	}
	ctx.Export("domainId", domain.DomainId)
	ctx.Export("status", domain.Status)
	ctx.Export("records", domain.Records)
	return nil
}
