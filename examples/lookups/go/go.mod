module cliq-lookups-go

go 1.22

require (
	github.com/pulumi-zoho-cliq/pulumi-zoho-cliq/sdk/go/cliq v0.1.0
	github.com/pulumi/pulumi/sdk/v3 v3.274.1
)
