// Command pulumi-resource-azure-native STANDS IN FOR AZURE IN TESTS. It is not the
// real azure-native provider and never talks to Azure: it accepts any azure-native:*
// resource type and answers the way azure-native 3.28.0 does after an ARM PUT, so
// `pulumi preview/up/refresh` and policy packs can run offline.
//
// It is deliberately no kinder than the real provider: outputs have azure-native's
// RESPONSE shape, not an echo of inputs. Path parameters (resourceGroupName, accountName,
// raiPolicyName, deploymentName, ...) are not outputs; `name` is the resource's own name
// parameter; `type` is the ARM type; the Pulumi ID is the ARM id. Names omitted by the
// program are auto-named in Check (logical name + suffix), as azure-native does.
//
// Shapes come from the one spec shared with the TypeScript fake of the offline check,
// tools/standins/azureshapes/azure-shapes.json (rules in azureshapes/shapes.go):
//   - resource types of the spec, versioned tokens (cognitiveservices/v20241001:Account)
//     and v2 module aliases (documentdb) included; other azure-native types get a guessed shape;
//   - Invoke: authorization:getClientConfig/getClientToken, every list*Keys and
//     list*ConnectionStrings of the SDK, and get* lookups of the spec's types, in the
//     function's response shape with values marked "standin-". A function it does not
//     know returns an object {standinPlaceholder: "..."} and a warning naming it;
//   - GetSchema: a Pulumi package schema (azure-native 3.28.0) of those resources and
//     functions (azureshapes/schema.json, generated from the SDK's .d.ts), which the YAML
//     language host needs to resolve types and outputs such as ${account.name};
//   - explicit providers: a provider's subscriptionId (argument or azure-native:subscriptionId
//     config) and tenantId go into ids and getClientConfig; otherwise the fake subscription
//     00000000-0000-0000-0000-000000000000.
//
// DRIFT SIMULATION (for `pulumi refresh` tests): set AZURE_STANDIN_DRIFT to a JSON file,
//
//	{"resources": [{"resource": "support-filter", "type": "azure-native:cognitiveservices:RaiPolicy",
//	  "patch": {"properties": {"contentFilters": [{"$match": {"name": "Jailbreak"}, "blocking": false}]}}}]}
//
// and Read (refresh) returns the resource - matched by logical name, `name` output or ARM id -
// with the patch applied to its outputs and to the inputs that hold the patched keys, as if
// someone had switched the Jailbreak filter to annotate in the portal. "invokes" entries
// ({"function": tok, "args": {...}, "patch": {...}}) likewise change a function's answer,
// e.g. getAccount's kind. Patch rules: azureshapes.Overrides. The file is read on every
// Read/Invoke, so a test can write it between commands.
//
// Not implemented: import of real resources, API validation, defaults Azure would add.
package main

import (
	"context"
	"fmt"
	"regexp"
	"sort"

	"azure-openai-ccc/tools/standins/azureshapes"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

func main() {
	azureshapes.Serve("pulumi-resource-azure-native", "azure-native", func(base *azureshapes.Provider) pulumirpc.ResourceProviderServer {
		return &provider{base}
	})
}

type provider struct {
	*azureshapes.Provider
}

func (p *provider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: p.Spec.Package.Version}, nil
}

func (p *provider) GetSchema(context.Context, *pulumirpc.GetSchemaRequest) (*pulumirpc.GetSchemaResponse, error) {
	return &pulumirpc.GetSchemaResponse{Schema: azureshapes.Schema}, nil
}

// Invoke answers azure-native functions in their response shape (azureshapes.Spec.Invoke).
func (p *provider) Invoke(ctx context.Context, req *pulumirpc.InvokeRequest) (*pulumirpc.InvokeResponse, error) {
	args, err := azureshapes.Unmarshal(req.GetArgs())
	if err != nil {
		return nil, err
	}
	out, known := p.Spec.Invoke(req.GetTok(), args, p.Environment())
	if !known {
		p.Warn(ctx, "", fmt.Sprintf("azure-native stand-in: function %s is not simulated; it returns a placeholder object", req.GetTok()))
	}
	overrides, err := azureshapes.LoadOverrides()
	if err != nil {
		return nil, err
	}
	for _, patch := range overrides.InvokePatches(p.Spec, req.GetTok(), args) {
		out = azureshapes.PatchMap(out, patch)
	}
	ret, err := azureshapes.Marshal(out)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.InvokeResponse{Return: ret}, nil
}

// Check returns the inputs, auto-naming the resource's own name parameter when the
// program omitted it (azure-native does this with a random suffix; ours is derived
// from the URN so runs are reproducible).
func (p *provider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	urn := resource.URN(req.GetUrn())
	t, err := p.Spec.Resource(string(urn.Type()))
	if err != nil {
		return nil, err
	}
	news, err := azureshapes.Unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, err := azureshapes.Unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	k := resource.PropertyKey(t.NameParam())
	if _, ok := news[k]; !ok {
		if v, ok := olds[k]; ok {
			news[k] = v
		} else {
			news[k] = resource.NewStringProperty(t.AutoName(urn))
		}
	}
	inputs, err := azureshapes.Marshal(news)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: inputs}, nil
}

// Diff compares old inputs with new inputs; changing a path parameter or the
// location replaces the resource, as in azure-native.
func (p *provider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	t, err := p.Spec.Resource(string(resource.URN(req.GetUrn()).Type()))
	if err != nil {
		return nil, err
	}
	olds, err := azureshapes.Unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	news, err := azureshapes.Unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	ignore := map[string]bool{}
	for _, k := range req.GetIgnoreChanges() {
		ignore[k] = true
	}
	keys := map[resource.PropertyKey]bool{}
	for k := range olds {
		keys[k] = true
	}
	for k := range news {
		keys[k] = true
	}
	var diffs, replaces []string
	detailed := map[string]*pulumirpc.PropertyDiff{}
	for k := range keys {
		o, hasO := olds[k]
		n, hasN := news[k]
		if ignore[string(k)] || (hasO && hasN && o.DeepEquals(n)) {
			continue
		}
		kind := pulumirpc.PropertyDiff_UPDATE
		if t.IsPathParam(string(k)) || k == "location" {
			kind = pulumirpc.PropertyDiff_UPDATE_REPLACE
			replaces = append(replaces, string(k))
		}
		switch {
		case !hasO && kind == pulumirpc.PropertyDiff_UPDATE:
			kind = pulumirpc.PropertyDiff_ADD
		case !hasN && kind == pulumirpc.PropertyDiff_UPDATE:
			kind = pulumirpc.PropertyDiff_DELETE
		}
		diffs = append(diffs, string(k))
		detailed[string(k)] = &pulumirpc.PropertyDiff{Kind: kind, InputDiff: true}
	}
	sort.Strings(diffs)
	sort.Strings(replaces)
	changes := pulumirpc.DiffResponse_DIFF_NONE
	if len(diffs) > 0 {
		changes = pulumirpc.DiffResponse_DIFF_SOME
	}
	return &pulumirpc.DiffResponse{
		Changes: changes, Diffs: diffs, Replaces: replaces,
		DetailedDiff: detailed, HasDetailedDiff: true,
	}, nil
}

func (p *provider) Create(_ context.Context, req *pulumirpc.CreateRequest) (*pulumirpc.CreateResponse, error) {
	t, err := p.Spec.Resource(string(resource.URN(req.GetUrn()).Type()))
	if err != nil {
		return nil, err
	}
	in, err := azureshapes.Unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	env := p.Environment()
	out, err := azureshapes.Marshal(t.Create(in, env, req.GetPreview(), nil))
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		return &pulumirpc.CreateResponse{Properties: out}, nil // the ID is unknown in preview
	}
	return &pulumirpc.CreateResponse{Id: t.ArmID(in, env), Properties: out}, nil
}

func (p *provider) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	t, err := p.Spec.Resource(string(resource.URN(req.GetUrn()).Type()))
	if err != nil {
		return nil, err
	}
	news, err := azureshapes.Unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, err := azureshapes.Unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	out, err := azureshapes.Marshal(t.Create(news, p.Environment(), req.GetPreview(), olds))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: out}, nil
}

// Read returns the recorded state (there is no Azure to refresh from), changed by the
// AZURE_STANDIN_DRIFT overrides that match the resource. A resource read by id only
// (Resource.get) gets the lookup shape of its ARM id.
func (p *provider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	urn := resource.URN(req.GetUrn())
	t, err := p.Spec.Resource(string(urn.Type()))
	if err != nil {
		return nil, err
	}
	outputs, err := azureshapes.Unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	inputs, err := azureshapes.Unmarshal(req.GetInputs())
	if err != nil {
		return nil, err
	}
	if len(outputs) == 0 {
		params, env := t.ParseID(req.GetId()), p.Environment()
		if m := subscriptionInID.FindStringSubmatch(req.GetId()); m != nil {
			env.SubscriptionID = m[1]
		}
		outputs = t.LookupResult(params, env)
		delete(outputs, "id")
		if len(inputs) == 0 {
			inputs = params
		}
	}
	overrides, err := azureshapes.LoadOverrides()
	if err != nil {
		return nil, err
	}
	for _, patch := range overrides.ResourcePatches(p.Spec, urn, req.GetId(), outputs) {
		outputs = azureshapes.PatchMap(outputs, patch)
		inputPatch := map[string]any{}
		for k, v := range patch {
			if _, ok := inputs[resource.PropertyKey(k)]; ok {
				inputPatch[k] = v
			}
		}
		inputs = azureshapes.PatchMap(inputs, inputPatch)
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

var subscriptionInID = regexp.MustCompile(`(?i)^/subscriptions/([^/]+)`)

func (p *provider) Delete(context.Context, *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
