// Command pulumi-resource-azure STANDS IN FOR THE CLASSIC AZURE PROVIDER (@pulumi/azure 6.40,
// bridged from Terraform's azurerm) IN TESTS, so the classic examples run through the real CLI
// offline. Like a bridged provider, its outputs are the inputs plus `id` and the values the
// service computes (an account's endpoint and keys, marked "standin-"); `name` defaults to the
// logical name. The types, id templates and computed values are the "classic" section of
// tools/standins/azureshapes/azure-shapes.json, shared with tooling/harness/fakeAzure.ts:
// azure:core/resourceGroup:ResourceGroup, azure:cognitive/account:Account,
// azure:cognitive/aIServices:AIServices, azure:cognitive/accountRaiPolicy:AccountRaiPolicy,
// azure:cognitive/deployment:Deployment; another azure:* type gets id /fake/<type>/<name>.
// Invoke: azure:core/getClientConfig:getClientConfig; another function returns a marked
// placeholder and a warning naming it. The subscription is the provider's subscriptionId
// (argument or azure:subscriptionId config), else 00000000-0000-0000-0000-000000000000.
// AZURE_STANDIN_DRIFT works as for pulumi-resource-azure-native (see its header).
package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"sync"

	"azure-openai-ccc/tools/standins/azureshapes"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

func main() {
	spec, err := azureshapes.Load()
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-azure (stand-in): %v\n", err)
		os.Exit(1)
	}
	p := &provider{spec: spec, env: azureshapes.Env{SubscriptionID: spec.FakeSubscriptionID, TenantID: spec.FakeTenantID}}
	if len(os.Args) > 1 {
		if conn, err := grpc.NewClient(os.Args[1], grpc.WithTransportCredentials(insecure.NewCredentials())); err == nil {
			p.engine = pulumirpc.NewEngineClient(conn)
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(s, p)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-azure (stand-in): %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-azure (stand-in): %v\n", err)
		os.Exit(1)
	}
}

type provider struct {
	pulumirpc.UnimplementedResourceProviderServer
	spec   *azureshapes.Spec
	engine pulumirpc.EngineClient
	mu     sync.Mutex
	env    azureshapes.Env
}

func (p *provider) environment() azureshapes.Env {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.env
}

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	return plugin.UnmarshalProperties(s, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: true})
}

func marshal(m resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(m, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: true})
}

func (p *provider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: p.spec.Classic.Package.Version}, nil
}

func (p *provider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *provider) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (p *provider) Configure(_ context.Context, req *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	setting := func(key string) string {
		if v, ok := args[resource.PropertyKey(key)]; ok && v.IsString() && v.StringValue() != "" {
			return v.StringValue()
		}
		return req.GetVariables()["azure:config:"+key]
	}
	p.mu.Lock()
	if s := setting("subscriptionId"); s != "" {
		p.env.SubscriptionID = s
	}
	if t := setting("tenantId"); t != "" {
		p.env.TenantID = t
	}
	p.mu.Unlock()
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, AcceptResources: true, SupportsPreview: true}, nil
}

func (p *provider) Invoke(ctx context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	args, err := unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	out, known := p.spec.ClassicInvoke(req.GetTok(), args, p.environment())
	if !known {
		msg := fmt.Sprintf("azure stand-in: function %s is not simulated; it returns a placeholder object", req.GetTok())
		fmt.Fprintf(os.Stderr, "warning: %s\n", msg)
		if p.engine != nil {
			_, _ = p.engine.Log(ctx, &pulumirpc.LogRequest{Severity: pulumirpc.LogSeverity_WARNING, Message: msg})
		}
	}
	ret, err := marshal(out)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: ret}, nil
}

// Check defaults `name` to the logical name (the TypeScript fake does the same).
func (p *provider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	if _, ok := news["name"]; !ok {
		news["name"] = resource.NewStringProperty(resource.URN(req.GetUrn()).Name())
	}
	inputs, err := marshal(news)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: inputs}, nil
}

// replaces: changing these arguments recreates the resource (ForceNew in azurerm).
var replaces = map[string]bool{"name": true, "resourceGroupName": true, "location": true, "cognitiveAccountId": true, "kind": true}

func (p *provider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	keys := map[resource.PropertyKey]bool{}
	for k := range olds {
		keys[k] = true
	}
	for k := range news {
		keys[k] = true
	}
	var diffs, repl []string
	for k := range keys {
		if o, n := olds[k], news[k]; o.DeepEquals(n) {
			continue
		}
		diffs = append(diffs, string(k))
		if replaces[string(k)] {
			repl = append(repl, string(k))
		}
	}
	sort.Strings(diffs)
	sort.Strings(repl)
	changes := pulumirpc.DiffResponse_DIFF_NONE
	if len(diffs) > 0 {
		changes = pulumirpc.DiffResponse_DIFF_SOME
	}
	return &pulumirpc.DiffResponse{Changes: changes, Diffs: diffs, Replaces: repl}, nil
}

func (p *provider) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	in, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	id, out := p.spec.ClassicCreate(string(resource.URN(req.GetUrn()).Type()), in, p.environment(), req.GetPreview())
	props, err := marshal(out)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

func (p *provider) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	_, out := p.spec.ClassicCreate(string(resource.URN(req.GetUrn()).Type()), news, p.environment(), req.GetPreview())
	props, err := marshal(out)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

// Read returns the recorded state, changed by the AZURE_STANDIN_DRIFT overrides that match it.
func (p *provider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	urn := resource.URN(req.GetUrn())
	outputs, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	inputs, err := unmarshal(req.GetInputs())
	if err != nil {
		return nil, err
	}
	overrides, err := azureshapes.LoadOverrides()
	if err != nil {
		return nil, err
	}
	for _, patch := range overrides.ResourcePatches(p.spec, urn, req.GetId(), outputs) {
		outputs = azureshapes.PatchMap(outputs, patch)
		inputs = azureshapes.PatchMap(inputs, patch) // bridged: inputs and outputs share names
	}
	props, err := marshal(outputs)
	if err != nil {
		return nil, err
	}
	ins, err := marshal(inputs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: props, Inputs: ins}, nil
}

func (p *provider) Delete(context.Context, *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
