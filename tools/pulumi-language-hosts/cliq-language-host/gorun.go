package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/constant"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// runGo builds the Go program with `go build` and runs the binary. The Go SDK reads everything about the
// run from the environment (the names are the SDK's own constants), so there is no other interface.
// runtime.options.binary in Pulumi.yaml runs a prebuilt binary instead, and runtime.options.buildTarget names
// where the build goes (a temporary folder otherwise), as in Pulumi's Go host.
func (h *host) runGo(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := info.GetProgramDirectory()
	if programDir == "" {
		programDir = req.GetPwd()
	}

	env, err := h.goEnv(req)
	if err != nil {
		return nil, err
	}

	options := info.GetOptions().AsMap()
	bin := ""
	if b, ok := options["binary"].(string); ok && b != "" {
		bin = b
		if !filepath.IsAbs(bin) {
			bin = filepath.Join(info.GetRootDirectory(), bin)
		}
	} else {
		if target, ok := options["buildTarget"].(string); ok && target != "" {
			// runtime.options.buildTarget keeps the binary where the user asked (relative to the program, as
			// `go build -o` there reads it), for reuse or inspection after the run.
			bin = target
			if !filepath.IsAbs(bin) {
				bin = filepath.Join(programDir, bin)
			}
		} else {
			tmp, err := os.MkdirTemp("", "pulumi-go-program-")
			if err != nil {
				return nil, err
			}
			defer os.RemoveAll(tmp)
			bin = filepath.Join(tmp, "program")
		}
		build := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
		build.Dir = programDir
		// go build's messages go to the engine through our stderr; its stdout is empty.
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("error in compiling Go: `go build` in %s: %v",
				programDir, err)}, nil
		}
	}

	cmd := exec.CommandContext(ctx, bin)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	// Cancelling the request (Ctrl-C in the CLI) interrupts the program so it can finish its RPCs.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exit) && exit.ExitCode() == constant.ExitStatusLoggedError:
		// The program already reported its error to the engine.
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exit):
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("program exited with non-zero exit code: %d", exit.ExitCode()),
		}, nil
	default:
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
}

func (h *host) goEnv(req *pulumirpc.RunRequest) ([]string, error) {
	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	keys, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := os.Environ()
	set := func(name, value string) {
		if value != "" {
			env = append(env, name+"="+value)
		}
	}
	set(pulumi.EnvOrganization, req.GetOrganization())
	set(pulumi.EnvProject, req.GetProject())
	set(pulumi.EnvPulumiRootDirectory, req.GetInfo().GetRootDirectory())
	set(pulumi.EnvStack, req.GetStack())
	set(pulumi.EnvConfig, string(config))
	set(pulumi.EnvConfigSecretKeys, string(keys))
	set(pulumi.EnvDryRun, strconv.FormatBool(req.GetDryRun()))
	set(pulumi.EnvParallel, strconv.Itoa(int(req.GetParallel())))
	set(pulumi.EnvMonitor, req.GetMonitorAddress())
	set(pulumi.EnvEngine, h.engine())
	return env, nil
}

// installGoDependencies runs `go mod download` (what `pulumi install` means for a Go program), streaming
// its output to the CLI.
func (h *host) installGoDependencies(
	req *pulumirpc.InstallDependenciesRequest, srv pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory() //nolint:staticcheck // older engines send only this
	}
	cmd := exec.CommandContext(srv.Context(), "go", "mod", "download")
	cmd.Dir = dir
	w := streamWriter{send: func(b []byte) error {
		return srv.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b})
	}}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("`go mod download` in %s: %w", dir, err)
	}
	return nil
}

type streamWriter struct{ send func([]byte) error }

func (w streamWriter) Write(p []byte) (int, error) {
	if err := w.send(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}
