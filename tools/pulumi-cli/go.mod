// Wrapper module that builds the real Pulumi CLI (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
// at a pinned version. `go install pkg/v3/cmd/pulumi@v3.259.0` is refused because pkg/v3's
// go.mod has replace directives, so we re-declare the one that matters (clipboard) here.
module azure-openai-ccc/tools/pulumi-cli

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 v3.259.0
	github.com/pulumi/pulumi/sdk/v3 v3.259.0
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
