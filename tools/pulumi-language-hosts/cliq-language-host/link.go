package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Link adds locally generated SDKs to a program's dependencies. The CLI calls it after every
// `pulumi convert`, with no packages unless the program uses a parameterized package, and from
// `pulumi package add`. Python programs get the SDK's folder in requirements.txt; other languages say
// what to do by hand.
func (h *host) Link(_ context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	if len(req.Packages) == 0 {
		return &pulumirpc.LinkResponse{}, nil
	}
	if h.language != "python" {
		paths := make([]string, 0, len(req.Packages))
		for _, p := range req.Packages {
			paths = append(paths, p.Path)
		}
		return nil, status.Errorf(codes.Unimplemented,
			"this %s host cannot link local SDKs: add %s to the program's dependencies by hand",
			h.language, strings.Join(paths, ", "))
	}

	dir := req.GetInfo().GetProgramDirectory()
	requirements := filepath.Join(dir, "requirements.txt")
	existing, err := os.ReadFile(requirements)
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	text := string(existing)
	var instructions []string
	for _, p := range req.Packages {
		rel, err := filepath.Rel(dir, p.Path)
		if err != nil {
			rel = p.Path
		}
		if !containsLine(text, rel) {
			if text != "" && !strings.HasSuffix(text, "\n") {
				text += "\n"
			}
			text += rel + "\n"
		}
		name := p.GetPackage().GetName()
		if param := p.GetPackage().GetParameterization(); param != nil {
			name = param.Name
		}
		module := strings.ReplaceAll(name, "-", "_")
		instructions = append(instructions, fmt.Sprintf("import pulumi_%s as %s", module, module))
	}
	if err := os.WriteFile(requirements, []byte(text), 0o644); err != nil {
		return nil, err
	}
	return &pulumirpc.LinkResponse{ImportInstructions: strings.Join(instructions, "\n")}, nil
}

func containsLine(text, line string) bool {
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == line {
			return true
		}
	}
	return false
}
