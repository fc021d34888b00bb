// Command pulumi-resource-azure-native STANDS IN FOR AZURE IN TESTS. It is not the
// real azure-native provider and never talks to Azure: it accepts any azure-native:*
// resource type and answers the way azure-native 3.28.0 does after an ARM PUT, so
// `pulumi preview/up` and policy packs can run offline.
//
// It is deliberately no kinder than the real provider: outputs have azure-native's
// RESPONSE shape, not an echo of inputs. Path parameters (resourceGroupName and any
// top-level *Name such as accountName/raiPolicyName/deploymentName) are not outputs;
// `name` is the resource's own name parameter; `type` is the ARM type; the Pulumi ID
// is an ARM-style ID. Names omitted by the program are auto-named in Check (logical
// name + suffix), as azure-native does. Not implemented: schema, invokes/functions,
// import of real resources, API validation, defaults Azure would add.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

const (
	version        = "3.28.0"
	subscriptionID = "00000000-0000-0000-0000-000000000000"
)

func main() {
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(s, &provider{})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-azure-native (stand-in): %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-azure-native (stand-in): %v\n", err)
		os.Exit(1)
	}
}

type provider struct {
	pulumirpc.UnimplementedResourceProviderServer
}

// armType describes how one azure-native type token maps to ARM.
type armType struct {
	namespace string   // e.g. Microsoft.CognitiveServices
	segments  []string // collection names, outermost first, e.g. accounts, raiPolicies
	params    []string // name parameter for each segment, e.g. accountName, raiPolicyName
	outputs   []string // top-level output properties of the SDK resource (response shape)
	api       string   // azureApiVersion output (the REST API version azure-native 3.28.0 uses)
	open      bool     // guessed type: pass every non-path input through
}

var known = map[string]armType{
	"azure-native:resources:ResourceGroup": {
		outputs: []string{"azureApiVersion", "location", "managedBy", "name", "properties", "tags", "type"},
		api:     "2024-03-01",
	},
	"azure-native:cognitiveservices:Account": {
		namespace: "Microsoft.CognitiveServices", segments: []string{"accounts"}, params: []string{"accountName"},
		outputs: []string{"azureApiVersion", "etag", "identity", "kind", "location", "name", "properties",
			"sku", "systemData", "tags", "type"},
		api: "2025-06-01",
	},
	"azure-native:cognitiveservices:RaiPolicy": {
		namespace: "Microsoft.CognitiveServices", segments: []string{"accounts", "raiPolicies"},
		params:  []string{"accountName", "raiPolicyName"},
		outputs: []string{"azureApiVersion", "etag", "name", "properties", "systemData", "tags", "type"},
		api:     "2025-06-01",
	},
	"azure-native:cognitiveservices:Deployment": {
		namespace: "Microsoft.CognitiveServices", segments: []string{"accounts", "deployments"},
		params:  []string{"accountName", "deploymentName"},
		outputs: []string{"azureApiVersion", "etag", "name", "properties", "sku", "systemData", "tags", "type"},
		api:     "2025-06-01",
	},
	"azure-native:cognitiveservices:RaiBlocklist": {
		namespace: "Microsoft.CognitiveServices", segments: []string{"accounts", "raiBlocklists"},
		params:  []string{"accountName", "raiBlocklistName"},
		outputs: []string{"azureApiVersion", "etag", "name", "properties", "systemData", "tags", "type"},
		api:     "2025-06-01",
	},
}

// lookup returns the ARM shape of a type token, guessing for unknown tokens
// (azure-native:<module>:<Type> -> Microsoft.<Module>/<types>/<typeName>Name).
func lookup(tok string) (armType, error) {
	if t, ok := known[tok]; ok {
		return t, nil
	}
	parts := strings.Split(tok, ":")
	if len(parts) != 3 || parts[0] != "azure-native" {
		return armType{}, fmt.Errorf("stand-in azure-native provider: unsupported type %q", tok)
	}
	mod, typ := parts[1], parts[2]
	return armType{
		namespace: "Microsoft." + strings.ToUpper(mod[:1]) + mod[1:],
		segments:  []string{lowerFirst(typ) + "s"},
		params:    []string{lowerFirst(typ) + "Name"},
		outputs:   []string{"name", "properties", "type"},
		open:      true,
	}, nil
}

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

// nameParam is the input that carries the resource's own name.
func (t armType) nameParam() string {
	if len(t.params) == 0 {
		return "resourceGroupName" // resource groups are named by resourceGroupName
	}
	return t.params[len(t.params)-1]
}

// isPathParam: path parameters are inputs only, never outputs.
func isPathParam(k string) bool {
	return k == "resourceGroupName" || k == "subscriptionId" || strings.HasSuffix(k, "Name")
}

func str(m resource.PropertyMap, k string) string {
	if v, ok := m[resource.PropertyKey(k)]; ok && v.IsString() {
		return v.StringValue()
	}
	return ""
}

func (t armType) armID(in resource.PropertyMap) string {
	id := "/subscriptions/" + subscriptionID + "/resourceGroups/" + str(in, "resourceGroupName")
	if len(t.segments) == 0 {
		return id
	}
	id += "/providers/" + t.namespace
	for i, seg := range t.segments {
		id += "/" + seg + "/" + str(in, t.params[i])
	}
	return id
}

func (t armType) armType() string {
	if len(t.segments) == 0 {
		return "Microsoft.Resources/resourceGroups"
	}
	return t.namespace + "/" + strings.Join(t.segments, "/")
}

func (t armType) hasOutput(k string) bool {
	if t.open && !isPathParam(k) {
		return true
	}
	for _, o := range t.outputs {
		if o == k {
			return true
		}
	}
	return false
}

// project maps inputs to the output (response) shape. With preview=true it follows
// azure-native's PreviewOutputs(inputs, res.Response) (provider/pkg/provider/provider.go
// Create, provider/pkg/convert/previewOutputs.go in pulumi/pulumi-azure-native): every
// response property absent from the inputs is UNKNOWN - so `name` (the input is
// raiPolicyName, not name), `type`, `etag`, `systemData` and nested server fields such
// as properties.provisioningState are unknown during preview.
func (t armType) project(in resource.PropertyMap, preview bool, old resource.PropertyMap) resource.PropertyMap {
	unknown := resource.MakeComputed(resource.NewStringProperty(""))
	out := resource.PropertyMap{}
	for k, v := range in {
		if !isPathParam(string(k)) && t.hasOutput(string(k)) {
			out[k] = v
		}
	}
	if preview {
		for _, k := range t.outputs {
			if _, ok := out[resource.PropertyKey(k)]; !ok {
				out[resource.PropertyKey(k)] = unknown
			}
		}
		// On update previews the name and type cannot change (a name change replaces).
		for _, k := range []resource.PropertyKey{"name", "type", "azureApiVersion"} {
			if v, ok := old[k]; ok {
				out[k] = v
			}
		}
		if p, ok := out["properties"]; ok && p.IsObject() {
			props := p.ObjectValue().Copy()
			props["provisioningState"] = unknown
			out["properties"] = resource.NewObjectProperty(props)
		}
		return out
	}
	name := str(in, t.nameParam())
	out["name"] = resource.NewStringProperty(name)
	out["type"] = resource.NewStringProperty(t.armType())
	if t.api != "" {
		out["azureApiVersion"] = resource.NewStringProperty(t.api)
	}
	if t.hasOutput("etag") && !t.open {
		out["etag"] = resource.NewStringProperty(`"` + hash(t.armID(in)) + `"`)
	}
	if t.hasOutput("systemData") && !t.open {
		out["systemData"] = resource.NewObjectProperty(resource.PropertyMap{
			"createdByType":      resource.NewStringProperty("User"),
			"lastModifiedByType": resource.NewStringProperty("User"),
		})
	}
	props := resource.PropertyMap{}
	if p, ok := out["properties"]; ok && p.IsObject() {
		props = p.ObjectValue().Copy()
	}
	props["provisioningState"] = resource.NewStringProperty("Succeeded")
	out["properties"] = resource.NewObjectProperty(props)
	return out
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])[:8]
}

func unmarshal(s *structpb.Struct) (resource.PropertyMap, error) {
	return plugin.UnmarshalProperties(s, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: true})
}

func marshal(m resource.PropertyMap) (*structpb.Struct, error) {
	return plugin.MarshalProperties(m, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, SkipNulls: true})
}

func (p *provider) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (p *provider) CheckConfig(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	return &pulumirpc.CheckResponse{Inputs: req.GetNews()}, nil
}

func (p *provider) DiffConfig(context.Context, *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	return &pulumirpc.DiffResponse{Changes: pulumirpc.DiffResponse_DIFF_NONE}, nil
}

func (p *provider) Configure(context.Context, *pulumirpc.ConfigureRequest) (*pulumirpc.ConfigureResponse, error) {
	// SupportsPreview makes the engine call Create/Update with preview=true, as for the real provider.
	return &pulumirpc.ConfigureResponse{AcceptSecrets: true, AcceptResources: true, SupportsPreview: true}, nil
}

// Check returns the inputs, auto-naming the resource's own name parameter when the
// program omitted it (azure-native does this with a random suffix; ours is derived
// from the URN so runs are reproducible).
func (p *provider) Check(_ context.Context, req *pulumirpc.CheckRequest) (*pulumirpc.CheckResponse, error) {
	urn := resource.URN(req.GetUrn())
	t, err := lookup(string(urn.Type()))
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	k := resource.PropertyKey(t.nameParam())
	if _, ok := news[k]; !ok {
		if v, ok := olds[k]; ok {
			news[k] = v
		} else {
			news[k] = resource.NewStringProperty(urn.Name() + hash(string(urn))[:7])
		}
	}
	inputs, err := marshal(news)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.CheckResponse{Inputs: inputs}, nil
}

// Diff compares old inputs with new inputs; changing a path parameter or the
// location replaces the resource, as in azure-native.
func (p *provider) Diff(_ context.Context, req *pulumirpc.DiffRequest) (*pulumirpc.DiffResponse, error) {
	olds, err := unmarshal(req.GetOldInputs())
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
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
		if isPathParam(string(k)) || k == "location" {
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
	t, err := lookup(string(resource.URN(req.GetUrn()).Type()))
	if err != nil {
		return nil, err
	}
	in, err := unmarshal(req.GetProperties())
	if err != nil {
		return nil, err
	}
	out, err := marshal(t.project(in, req.GetPreview(), nil))
	if err != nil {
		return nil, err
	}
	if req.GetPreview() {
		return &pulumirpc.CreateResponse{Properties: out}, nil // the ID is unknown in preview
	}
	return &pulumirpc.CreateResponse{Id: t.armID(in), Properties: out}, nil
}

func (p *provider) Update(_ context.Context, req *pulumirpc.UpdateRequest) (*pulumirpc.UpdateResponse, error) {
	t, err := lookup(string(resource.URN(req.GetUrn()).Type()))
	if err != nil {
		return nil, err
	}
	news, err := unmarshal(req.GetNews())
	if err != nil {
		return nil, err
	}
	olds, err := unmarshal(req.GetOlds())
	if err != nil {
		return nil, err
	}
	out, err := marshal(t.project(news, req.GetPreview(), olds))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.UpdateResponse{Properties: out}, nil
}

// Read returns the recorded state unchanged (there is no Azure to refresh from).
func (p *provider) Read(_ context.Context, req *pulumirpc.ReadRequest) (*pulumirpc.ReadResponse, error) {
	return &pulumirpc.ReadResponse{Id: req.GetId(), Properties: req.GetProperties(), Inputs: req.GetInputs()}, nil
}

func (p *provider) Delete(context.Context, *pulumirpc.DeleteRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
