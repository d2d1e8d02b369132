"""An empty program: what `pulumi import` adopts gets its code from the CLI."""
import pulumi  # noqa: F401
