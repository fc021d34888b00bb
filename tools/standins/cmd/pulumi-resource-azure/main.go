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
	"sort"

	"azure-openai-ccc/tools/standins/azureshapes"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

func main() {
	azureshapes.Serve("pulumi-resource-azure", "azure", func(base *azureshapes.Provider) pulumirpc.ResourceProviderServer {
		return &provider{base}
	})
}

type provider struct {
	*azureshapes.Provider
}

func (p *provider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: p.Spec.Classic.Package.Version}, nil
}

func (p *provider) Invoke(ctx context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	args, err := azureshapes.Unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	out, known := p.Spec.ClassicInvoke(req.GetTok(), args, p.Environment())
	if !known {
		msg := fmt.Sprintf("azure stand-in: function %s is not simulated; it returns a placeholder object", req.GetTok())
		p.Warn(ctx, "", msg)
	}
	ret, err := azureshapes.Marshal(out)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: ret}, nil
}

// Check defaults `name` to the logical name (the TypeScript fake does the same).
func (p *provider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	news, err := azureshapes.Unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	if _, ok := news["name"]; !ok {
		news["name"] = resource.NewStringProperty(resource.URN(req.GetUrn()).Name())
	}
	inputs, err := azureshapes.Marshal(news)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: inputs}, nil
}

// replaces: changing these arguments recreates the resource (ForceNew in azurerm).
var replaces = map[string]bool{"name": true, "resourceGroupName": true, "location": true, "cognitiveAccountId": true, "kind": true}

func (p *provider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := azureshapes.Unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	news, err := azureshapes.Unmarshal(req.GetNews())
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
	in, err := azureshapes.Unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	id, out := p.Spec.ClassicCreate(string(resource.URN(req.GetUrn()).Type()), in, p.Environment(), req.GetPreview())
	props, err := azureshapes.Marshal(out)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CreateResponse{Id: id, Properties: props}, nil
}

func (p *provider) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	news, err := azureshapes.Unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	_, out := p.Spec.ClassicCreate(string(resource.URN(req.GetUrn()).Type()), news, p.Environment(), req.GetPreview())
	props, err := azureshapes.Marshal(out)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: props}, nil
}

// Read returns the recorded state, changed by the AZURE_STANDIN_DRIFT overrides that match it.
func (p *provider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	urn := resource.URN(req.GetUrn())
	outputs, err := azureshapes.Unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	inputs, err := azureshapes.Unmarshal(req.GetInputs())
	if err != nil {
		return nil, err
	}
	overrides, err := azureshapes.LoadOverrides()
	if err != nil {
		return nil, err
	}
	for _, patch := range overrides.ResourcePatches(p.Spec, urn, req.GetId(), outputs) {
		outputs = azureshapes.PatchMap(outputs, patch)
		inputs = azureshapes.PatchMap(inputs, patch) // bridged: inputs and outputs share names
	}
	props, err := azureshapes.Marshal(outputs)
	if err != nil {
		return nil, err
	}
	ins, err := azureshapes.Marshal(inputs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: props, Inputs: ins}, nil
}

func (p *provider) Delete(context.Context, *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
