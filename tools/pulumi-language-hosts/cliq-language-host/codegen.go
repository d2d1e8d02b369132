package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	nodejsgen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	pythongen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	codegenrpc "github.com/pulumi/pulumi/sdk/v3/proto/go/codegen"
)

// Code generation: PCL programs (from `pulumi import`, `pulumi convert`) and package schemas (from
// `pulumi package gen-sdk`) to source in this host's language, with pkg/v3's generators. Schemas of the
// packages a program or schema refers to come from the engine's loader service at req.LoaderTarget.

func (h *host) bindOptions(strict bool) []pcl.BindOption {
	// Every current host prefers the output-versioned form of invokes (fn(...).apply vs. awaited calls).
	opts := []pcl.BindOption{pcl.PreferOutputVersionedInvokes}
	if !strict {
		// `pulumi import` binds non-strictly: its programs may name parents and providers it does not declare.
		opts = append(opts, pcl.NonStrictBindOptions()...)
	}
	return opts
}

func (h *host) GenerateProgram(
	_ context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	parser := syntax.NewParser()
	for name, text := range req.Source {
		if err := parser.ParseFile(strings.NewReader(text), name); err != nil {
			return nil, err
		}
	}
	if parser.Diagnostics.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: toRPC(parser.Diagnostics)}, nil
	}
	program, diags, err := pcl.BindProgram(parser.Files, schema.NewCachedLoader(loader), h.bindOptions(req.Strict)...)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() || program == nil {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: toRPC(diags)}, nil
	}

	var files map[string][]byte
	var genDiags hcl.Diagnostics
	switch h.language {
	case "python":
		files, genDiags, err = pythongen.GenerateProgram(program)
	case "go":
		files, genDiags, err = gogen.GenerateProgram(program)
	case "nodejs":
		files, genDiags, err = nodejsgen.GenerateProgram(program)
	}
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GenerateProgramResponse{Source: files, Diagnostics: toRPC(append(diags, genDiags...))}, nil
}

func (h *host) GenerateProject(
	_ context.Context, req *pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	program, diags, err := pcl.BindDirectory(req.SourceDirectory, schema.NewCachedLoader(loader),
		h.bindOptions(req.Strict)...)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() || program == nil {
		return &pulumirpc.GenerateProjectResponse{Diagnostics: toRPC(diags)}, nil
	}
	var project workspace.Project
	if err := json.Unmarshal([]byte(req.Project), &project); err != nil {
		return nil, fmt.Errorf("project of the request: %w", err)
	}

	switch h.language {
	case "python":
		// No typechecker and the default toolchain (pip), as Pulumi's host does outside its tests.
		err = pythongen.GenerateProject(req.TargetDirectory, project, program, req.LocalDependencies, "", "")
	case "go":
		err = gogen.GenerateProject(req.TargetDirectory, project, program, req.LocalDependencies)
	case "nodejs":
		err = nodejsgen.GenerateProject(req.TargetDirectory, project, program, req.LocalDependencies, false, "nodejs")
	}
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GenerateProjectResponse{Diagnostics: toRPC(diags)}, nil
}

func (h *host) GeneratePackage(
	_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	cached := schema.NewCachedLoader(loader)

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, fmt.Errorf("schema of the request: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, cached, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: toRPC(diags)}, nil
	}

	var files map[string][]byte
	switch h.language {
	case "python":
		files, err = pythongen.GeneratePackage("pulumi-language-python", pkg, req.ExtraFiles, cached)
	case "go":
		if len(req.ExtraFiles) > 0 {
			return nil, errors.New("overlays are not supported for Go")
		}
		files, err = gogen.GeneratePackage("pulumi-language-go", pkg, req.LocalDependencies)
	case "nodejs":
		files, err = nodejsgen.GeneratePackage("pulumi-language-nodejs", pkg, req.ExtraFiles, req.LocalDependencies,
			req.Local, cached)
	}
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		path := filepath.Join(req.Directory, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, err
		}
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: toRPC(diags)}, nil
}

func toRPC(diags hcl.Diagnostics) []*codegenrpc.Diagnostic {
	return plugin.HclDiagnosticsToRPCDiagnostics(diags)
}
