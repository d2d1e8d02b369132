//go:build tools

// Package tools pins the YAML language host that scripts/install-pulumi.sh builds; it is never compiled.
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
