/** Where providers send warnings that must reach the person running `pulumi up`. */
export interface ProviderLogger {
  warn(message: string): void;
}

/**
 * Inside Pulumi, `pulumi.log.warn` shows the warning in the update's diagnostics (it falls back to stderr when
 * no engine is attached). `@pulumi/pulumi` is loaded only when a warning is actually emitted.
 */
export const pulumiLogger: ProviderLogger = {
  warn(message: string): void {
    try {
      const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
      void pulumi.log.warn(message);
    } catch {
      console.warn(`warning: ${message}`);
    }
  },
};
