package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// legacyHosts starts sdk/v3 v3.68.0's host for the language (installed next to this binary as
// legacy-pulumi-language-<language>) and hands out a client for it.
//
// That host takes the project's runtime options as command-line flags, which is how engines of its time
// passed them; today's engine sends them in every request instead (ProgramInfo.Options). So one child is
// started per distinct set of flags (in practice one per CLI command), with the options it understands.
type legacyHosts struct {
	language string
	engine   func() string

	mu       sync.Mutex
	children map[string]*legacyChild
}

type legacyChild struct {
	cmd    *exec.Cmd
	conn   *grpc.ClientConn
	client pulumirpc.LanguageRuntimeClient
}

func newLegacyHosts(language string, engine func() string) *legacyHosts {
	return &legacyHosts{language: language, engine: engine, children: map[string]*legacyChild{}}
}

// legacyOptions are the runtime options of Pulumi.yaml that the v3.68.0 hosts accept as flags; others
// (toolchain, typechecker, packagemanager, ...) are newer and would make their flag parsing fail.
var legacyOptions = map[string][]string{
	"python": {"virtualenv"},
	"nodejs": {"typescript", "tsconfig", "nodeargs"},
}

func (l *legacyHosts) flags(info *pulumirpc.ProgramInfo, dir string) []string {
	var flags []string
	if info != nil {
		if info.RootDirectory != "" {
			flags = append(flags, "-root="+filepath.Clean(info.RootDirectory))
		}
		options := info.GetOptions().AsMap()
		for _, name := range legacyOptions[l.language] {
			if v, ok := options[name]; ok && v != nil {
				flags = append(flags, fmt.Sprintf("-%s=%v", name, v))
			}
		}
	}
	if l.language == "python" {
		// The exec script of the current Python SDK, installed next to us; the v3.68.0 host would otherwise
		// look for it next to itself, which is the same folder, but say so explicitly.
		if exe := filepath.Join(dir, "pulumi-language-python-exec"); fileExists(exe) {
			flags = append(flags, "-use-executor="+exe)
		}
	}
	sort.Strings(flags)
	return flags
}

func (l *legacyHosts) client(info *pulumirpc.ProgramInfo) (pulumirpc.LanguageRuntimeClient, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(self)
	flags := l.flags(info, dir)
	key := strings.Join(flags, "\x00")

	l.mu.Lock()
	defer l.mu.Unlock()
	if c, ok := l.children[key]; ok {
		return c.client, nil
	}
	c, err := startLegacy(filepath.Join(dir, "legacy-pulumi-language-"+l.language), flags, l.engine())
	if err != nil {
		return nil, err
	}
	l.children[key] = c
	return c.client, nil
}

func startLegacy(bin string, flags []string, engine string) (*legacyChild, error) {
	args := flags
	if engine != "" {
		// Positional, last: the old host logs to and health-checks the engine at this address.
		args = append(append([]string{}, flags...), engine)
	}
	cmd := exec.Command(bin, args...)
	// What the old host prints after its port line is the program's output: the engine reads it from us.
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("could not start %s (built by scripts/install-pulumi.sh): %w", bin, err)
	}
	out := bufio.NewReader(stdout)
	line, err := out.ReadString('\n')
	port, convErr := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || convErr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, fmt.Errorf("%s did not print its port (got %q): %v", bin, line, err)
	}
	go func() { _, _ = io.Copy(os.Stdout, out) }()

	conn, err := grpc.NewClient(fmt.Sprintf("127.0.0.1:%d", port),
		grpc.WithTransportCredentials(insecure.NewCredentials()), rpcutil.GrpcChannelOptions())
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, err
	}
	return &legacyChild{cmd: cmd, conn: conn, client: pulumirpc.NewLanguageRuntimeClient(conn)}, nil
}

func (l *legacyHosts) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for key, c := range l.children {
		_ = c.conn.Close()
		_ = c.cmd.Process.Kill()
		_ = c.cmd.Wait()
		delete(l.children, key)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
