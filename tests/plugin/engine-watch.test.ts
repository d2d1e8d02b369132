import { strict as assert } from "assert";
import * as net from "net";
import { parseEngineAddress, watchEngine } from "../../provider/plugin/engine-watch";

describe("plugin: the watch on the engine that started it", () => {
  it("reads host and port from the engine's address, IPv6 included", () => {
    assert.deepEqual(parseEngineAddress("127.0.0.1:41234"), { host: "127.0.0.1", port: 41234 });
    assert.deepEqual(parseEngineAddress("[::1]:41234"), { host: "::1", port: 41234 });
    assert.equal(parseEngineAddress("not-an-address"), undefined);
  });

  it("stays quiet while the engine listens and calls back once it is gone", async () => {
    const engine = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => engine.listen(0, "127.0.0.1", resolve));
    const { port } = engine.address() as net.AddressInfo;
    const events: string[] = [];
    let probes = 0;
    const gone = new Promise<void>((resolve) => {
      watchEngine(`127.0.0.1:${port}`, () => (events.push("gone"), resolve()), 10);
    });
    // The engine answers several probes first: none of them may count as gone.
    await new Promise<void>((resolve) => {
      engine.on("connection", () => {
        probes += 1;
        if (probes === 3) resolve();
      });
    });
    assert.deepEqual(events, []);
    await new Promise<void>((resolve) => engine.close(() => resolve()));
    await gone;
    assert.deepEqual(events, ["gone"]);
  });
});
