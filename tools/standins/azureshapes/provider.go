package azureshapes

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/structpb"
)

// Provider is what both Azure stand-in providers share: serving over gRPC as a provider plugin, warnings to the
// engine, the marshalling options, and the subscription and tenant Configure takes from an explicit provider's
// arguments or from the default provider's stack config (<namespace>:config:subscriptionId). Each command embeds
// it and adds the resource operations.
type Provider struct {
	pulumirpc.UnimplementedResourceProviderServer
	Spec      *Spec
	namespace string
	engine    pulumirpc.EngineClient
	mu        sync.Mutex
	env       Env
}

// Serve runs a stand-in provider plugin: `name` is the binary (for messages), `namespace` its config namespace,
// and `wrap` builds the command's provider around the shared part. It prints the port, as plugins do, and exits
// when the engine is done with it.
func Serve(name, namespace string, wrap func(*Provider) pulumirpc.ResourceProviderServer) {
	fail := func(err error) {
		fmt.Fprintf(os.Stderr, "%s (stand-in): %v\n", name, err)
		os.Exit(1)
	}
	spec, err := Load()
	if err != nil {
		fail(err)
	}
	p := &Provider{Spec: spec, namespace: namespace, env: Env{SubscriptionID: spec.FakeSubscriptionID, TenantID: spec.FakeTenantID}}
	if len(os.Args) > 1 { // the engine passes its address: warnings go to its Log RPC
		if conn, err := grpc.NewClient(os.Args[1], grpc.WithTransportCredentials(insecure.NewCredentials())); err == nil {
			p.engine = pulumirpc.NewEngineClient(conn)
		}
	}
	server := wrap(p)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(s, server)
			return nil
		},
	})
	if err != nil {
		fail(err)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fail(err)
	}
}

// Environment is the subscription and tenant resources are created in.
func (p *Provider) Environment() Env {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.env
}

// Warn reports to the CLI (engine Log, shown as a warning) and to stderr.
func (p *Provider) Warn(ctx context.Context, urn, msg string) {
	fmt.Fprintf(os.Stderr, "warning: %s\n", msg)
	if p.engine != nil {
		_, _ = p.engine.Log(ctx, &pulumirpc.LogRequest{Severity: pulumirpc.LogSeverity_WARNING, Message: msg, Urn: urn})
	}
}

var marshalOptions = plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: true}

// Unmarshal reads properties as the engine sends them, unknowns and secrets kept.
func Unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	return plugin.UnmarshalProperties(s, marshalOptions)
}

// Marshal writes properties for the engine, unknowns and secrets kept.
func Marshal(m resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(m, marshalOptions)
}

func (p *Provider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *Provider) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

// Configure takes the subscription and tenant of an explicit provider (its arguments, secret or not) or of the
// default provider (stack config <namespace>:subscriptionId / <namespace>:tenantId).
func (p *Provider) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	args, err := Unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	setting := func(key string) string {
		if v, ok := args[resource.PropertyKey(key)]; ok {
			if v.IsSecret() {
				v = v.SecretValue().Element
			}
			if v.IsString() && v.StringValue() != "" {
				return v.StringValue()
			}
		}
		return req.GetVariables()[p.namespace+":config:"+key]
	}
	p.mu.Lock()
	if s := setting("subscriptionId"); s != "" {
		p.env.SubscriptionID = s
	}
	if t := setting("tenantId"); t != "" {
		p.env.TenantID = t
	}
	p.mu.Unlock()
	// SupportsPreview makes the engine call Create/Update with preview=true, as for the real providers.
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, AcceptResources: true, SupportsPreview: true}, nil
}
