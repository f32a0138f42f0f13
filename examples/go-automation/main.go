// Command sendmailos-go manages a SendMailOS sending domain from Go, through the Pulumi Automation API with an
// INLINE program (program.go): the Pulumi CLI runs the engine and calls back into this process, so no Go
// language plugin (pulumi-language-go) is needed. The resources come from the generated Go SDK in
// ../../sdks/go and are served by the native provider plugin pulumi-resource-sendmailos.
//
//	sendmailos-go [-work-dir DIR] [-plugin-dir DIR] [-stack NAME] [-domain D] [-plan P] up|preview|destroy
//
// The API key comes from SENDMAILOS_API_KEY (stored as the secret stack setting sendmailos:apiKey), the API
// root from SENDMAILOS_BASE_URL when set; the backend and its passphrase from the usual Pulumi environment
// (PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE). Progress goes to stderr; the result is one JSON line on stdout.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

// result is what one run prints on stdout.
type result struct {
	Action  string         `json:"action"`
	Changes map[string]int `json:"changes"`
	Outputs map[string]any `json:"outputs,omitempty"`
}

// settings are the command line's choices.
type settings struct {
	action, workDir, pluginDir, stack, domain, plan string
}

func main() {
	var s settings
	flag.StringVar(&s.workDir, "work-dir", "workspace", "folder for the project and stack settings (created when missing)")
	flag.StringVar(&s.pluginDir, "plugin-dir", "", "folder holding pulumi-resource-sendmailos (default: PATH or installed plugins)")
	flag.StringVar(&s.stack, "stack", "dev", "stack name")
	flag.StringVar(&s.domain, "domain", "acme.example", "the sending domain")
	flag.StringVar(&s.plan, "plan", "starter", "the domain's metadata `plan` (changes in place)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: sendmailos-go [flags] up|preview|destroy")
		flag.PrintDefaults()
		os.Exit(2)
	}
	s.action = flag.Arg(0)
	// Ctrl-C cancels the operation the way `pulumi up` does: the engine stops running steps cleanly.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := run(ctx, s)
	if err != nil {
		fmt.Fprintf(os.Stderr, "sendmailos-go: %v\n", err)
		os.Exit(1)
	}
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		fmt.Fprintf(os.Stderr, "sendmailos-go: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, s settings) (*result, error) {
	stack, err := selectStack(ctx, s)
	if err != nil {
		return nil, err
	}
	res := &result{Action: s.action, Changes: map[string]int{}}
	switch s.action {
	case "up":
		up, err := stack.Up(ctx, optup.ProgressStreams(os.Stderr), optup.ErrorProgressStreams(os.Stderr))
		if err != nil {
			return nil, fmt.Errorf("up: %w", err)
		}
		if up.Summary.ResourceChanges != nil {
			res.Changes = *up.Summary.ResourceChanges
		}
		res.Outputs = map[string]any{}
		for k, v := range up.Outputs {
			res.Outputs[k] = v.Value
		}
	case "preview":
		pre, err := stack.Preview(ctx, optpreview.ProgressStreams(os.Stderr), optpreview.ErrorProgressStreams(os.Stderr))
		if err != nil {
			return nil, fmt.Errorf("preview: %w", err)
		}
		for op, n := range pre.ChangeSummary {
			res.Changes[string(op)] = n
		}
	case "destroy":
		des, err := stack.Destroy(ctx, optdestroy.ProgressStreams(os.Stderr), optdestroy.ErrorProgressStreams(os.Stderr))
		if err != nil {
			return nil, fmt.Errorf("destroy: %w", err)
		}
		if des.Summary.ResourceChanges != nil {
			res.Changes = *des.Summary.ResourceChanges
		}
	default:
		return nil, fmt.Errorf("unknown action %q: use up, preview or destroy", s.action)
	}
	return res, nil
}

// selectStack creates or selects the stack of the inline program and writes its configuration.
func selectStack(ctx context.Context, s settings) (auto.Stack, error) {
	apiKey := os.Getenv("SENDMAILOS_API_KEY")
	if apiKey == "" {
		return auto.Stack{}, errors.New("SENDMAILOS_API_KEY is not set: export your SendMailOS API key " +
			"(sk_live_... or sk_test_...; the emulator prints its own)")
	}
	if err := os.MkdirAll(s.workDir, 0o755); err != nil {
		return auto.Stack{}, fmt.Errorf("creating -work-dir: %w", err)
	}
	project := workspace.Project{
		Name:    tokens.PackageName("sendmailos-go"),
		Runtime: workspace.NewProjectRuntimeInfo("go", nil),
	}
	if s.pluginDir != "" {
		// The same setting as `plugins.providers[].path` in a Pulumi.yaml. The engine would resolve a relative
		// path from the project folder (-work-dir); the user means one from where they are.
		dir, err := filepath.Abs(s.pluginDir)
		if err != nil {
			return auto.Stack{}, fmt.Errorf("-plugin-dir: %w", err)
		}
		project.Plugins = &workspace.Plugins{Providers: []workspace.PluginOptions{{Name: "sendmailos", Path: dir}}}
	}
	stack, err := auto.UpsertStackInlineSource(ctx, s.stack, string(project.Name), program,
		auto.WorkDir(s.workDir), auto.Project(project))
	if err != nil {
		return auto.Stack{}, fmt.Errorf("creating or selecting stack %q: %w", s.stack, err)
	}
	config := auto.ConfigMap{
		"domain":            {Value: s.domain},
		"plan":              {Value: s.plan},
		"sendmailos:apiKey": {Value: apiKey, Secret: true},
	}
	if baseURL := os.Getenv("SENDMAILOS_BASE_URL"); baseURL != "" {
		config["sendmailos:baseUrl"] = auto.ConfigValue{Value: baseURL}
	}
	if err := stack.SetAllConfig(ctx, config); err != nil {
		return auto.Stack{}, fmt.Errorf("writing the stack configuration: %w", err)
	}
	return stack, nil
}
