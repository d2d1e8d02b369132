// Command cliq-language-host is a Pulumi language host (pulumirpc.LanguageRuntime at the CLI's own protocol
// version) installed as pulumi-language-python, pulumi-language-nodejs and pulumi-language-go; the language is
// the part of the binary's name after "pulumi-language-" (or -language).
//
// Why it exists: the module proxy this project builds from serves none of Pulumi's current language-host
// modules, only sdk/v3 v3.68.0's python and nodejs hosts, which predate code generation (GenerateProgram,
// GeneratePackage, GenerateProject, used by `pulumi import`, `pulumi convert` and `pulumi package gen-sdk`),
// and no Go host at all. So this host does code generation itself with pkg/v3's codegen libraries, runs Go
// programs itself, and forwards everything about running python and nodejs programs to the old host, which
// it starts as a child (see legacy.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// version is set by scripts/install-pulumi.sh to the CLI's version, so `pulumi about` shows one version.
var version = "3.0.0"

func main() {
	language := flag.String("language", strings.TrimPrefix(filepath.Base(os.Args[0]), "pulumi-language-"),
		"python, nodejs or go")
	showVersion := flag.Bool("version", false, "print the version and exit")
	// Old engines passed runtime options as flags; the current one passes them in each request (ProgramInfo).
	// Accept and ignore the flags such engines or tools might still pass.
	flag.String("tracing", "", "ignored")
	flag.String("root", "", "ignored")
	flag.Parse()
	if *showVersion {
		fmt.Println(version)
		return
	}
	logging.InitLogging(false, 0, false)

	switch *language {
	case "python", "nodejs", "go":
	default:
		cmdutil.Exit(fmt.Errorf("unsupported language %q: install this binary as pulumi-language-{python,nodejs,go}",
			*language))
	}

	var engineAddress string
	if args := flag.Args(); len(args) > 0 {
		engineAddress = args[0]
	}

	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	// Like Pulumi's hosts: stop when the engine goes away, so no host outlives the CLI that started it.
	if engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start health check: %w", err))
		}
	}

	serve(ctx, newHost(*language, engineAddress))
}

// serve answers the engine until it goes away, then stops the host's children.
func serve(ctx context.Context, h *host) {
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stop)
	}()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
		Options: rpcutil.TracingServerInterceptorOptions(nil),
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host RPC server: %w", err))
	}
	// The first line on stdout is how the engine learns where to connect.
	fmt.Printf("%d\n", handle.Port)
	err = <-handle.Done
	h.close()
	if err != nil {
		cmdutil.Exit(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}
