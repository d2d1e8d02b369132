//go:build tools

// Package tools pins the Pulumi CLI that scripts/install-pulumi.sh builds; it is never compiled.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
