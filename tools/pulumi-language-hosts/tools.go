//go:build tools

// Package tools pins the language hosts that scripts/install-pulumi.sh builds; it is never compiled.
package tools

import (
	_ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
	_ "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
)
