/** The emulator's control surface (`/_emulator`), as the tests and the demo read it. */

/** GET a control-surface document of the emulator at `emulatorUrl` (its base URL, no trailing slash). */
export async function emulatorControl<T>(emulatorUrl: string, what: "state" | "requests"): Promise<T> {
  const response = await fetch(`${emulatorUrl}/_emulator/${what}`);
  if (!response.ok) throw new Error(`GET /_emulator/${what} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Empties the emulator's request log, so that the next look at it shows only what came after. */
export async function clearEmulatorRequestLog(emulatorUrl: string): Promise<void> {
  const response = await fetch(`${emulatorUrl}/_emulator/requests`, { method: "DELETE" });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`DELETE /_emulator/requests answered ${response.status}`);
}
