package main

import (
	"context"
	"errors"
	"io"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// host answers the LanguageRuntime protocol. Calls it does not implement answer Unimplemented, which the
// engine treats as "an older host" and falls back from (GetRequiredPackages -> GetRequiredPlugins, ...).
type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	language string

	mu            sync.Mutex
	engineAddress string
	// legacy starts and reaches the old python/nodejs hosts; nil for go.
	legacy *legacyHosts
}

func newHost(language, engineAddress string) *host {
	h := &host{language: language, engineAddress: engineAddress}
	if language != "go" {
		h.legacy = newLegacyHosts(language, h.engine)
	}
	return h
}

func (h *host) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

func (h *host) close() {
	if h.legacy != nil {
		h.legacy.close()
	}
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// Handshake is how an engine that attaches to a running host (PULUMI_DEBUG_LANGUAGES) tells its address.
func (h *host) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	h.engineAddress = req.EngineAddress
	h.mu.Unlock()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	if h.legacy == nil {
		// Go: the engine loads each provider the program registers a resource with when it does, so an empty
		// answer only loses the up-front "plugin not installed" check.
		return &pulumirpc.GetRequiredPluginsResponse{}, nil
	}
	c, err := h.legacy.client(req.Info)
	if err != nil {
		return nil, err
	}
	return c.GetRequiredPlugins(ctx, req)
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if h.legacy == nil {
		return h.runGo(ctx, req)
	}
	c, err := h.legacy.client(req.Info)
	if err != nil {
		return nil, err
	}
	return c.Run(ctx, req)
}

func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, srv pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	if h.legacy == nil {
		return h.installGoDependencies(req, srv)
	}
	c, err := h.legacy.client(req.Info)
	if err != nil {
		return err
	}
	stream, err := c.InstallDependencies(srv.Context(), req)
	if err != nil {
		return err
	}
	return forwardStream(stream.Recv, srv.Send)
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	if h.legacy == nil {
		return &pulumirpc.AboutResponse{}, nil
	}
	c, err := h.legacy.client(req.Info)
	if err != nil {
		return nil, err
	}
	return c.About(ctx, req)
}

func (h *host) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	if h.legacy == nil {
		return &pulumirpc.GetProgramDependenciesResponse{}, nil
	}
	c, err := h.legacy.client(req.Info)
	if err != nil {
		return nil, err
	}
	return c.GetProgramDependencies(ctx, req)
}

func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, srv pulumirpc.LanguageRuntime_RunPluginServer) error {
	if h.legacy == nil {
		return status.Error(codes.Unimplemented, "running Go plugins from source is not supported by this host")
	}
	c, err := h.legacy.client(req.Info)
	if err != nil {
		return err
	}
	stream, err := c.RunPlugin(srv.Context(), req)
	if err != nil {
		return err
	}
	return forwardStream(stream.Recv, srv.Send)
}

// forwardStream copies a server stream of the child host to the engine until the child ends it.
func forwardStream[T any](recv func() (*T, error), send func(*T) error) error {
	for {
		msg, err := recv()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if err := send(msg); err != nil {
			return err
		}
	}
}
