/**
 * Wires the course kernel together: source maps for cells, tslab's executor behind our cell
 * runner, output routing, the handler and the ZeroMQ server.
 */
import path from "node:path";
import { installCompilerHooks } from "./sourcemap";

/** Starts the kernel for a Jupyter connection file; runs until shutdown. */
export function start(configPath: string): void {
  // Before anything loads tslab's converter (see sourcemap.ts).
  installCompilerHooks();
  // Deep library stacks (tfjs) must not push the user's cell out of the traceback.
  Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 60);
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded after the facade is in place */
  const { CellRunner } = require("./execute") as typeof import("./execute");
  const { CourseHandler } = require("./handler") as typeof import("./handler");
  const { CourseServer } = require("./server") as typeof import("./server");
  const { Output } = require("./output") as typeof import("./output");
  const { CommManager } = require("./comm") as typeof import("./comm");
  const { Message } = require("./message") as typeof import("./message");
  const { runtimeError } = require("./traceback") as typeof import("./traceback");
  const ts = require("@tslab/typescript-for-tslab") as { version: string };
  const tslab = require("tslab/package.json") as { version: string };
  /* eslint-enable @typescript-eslint/no-require-imports */

  const output = new Output(__dirname + path.sep);
  const runner = new CellRunner(process.cwd());
  const handler = new CourseHandler(runner, output, { ts: ts.version, tslab: tslab.version });
  // Comm messages sent before any request arrived have no parent.
  const orphan = Object.assign(new Message(), { header: { msg_id: "", msg_type: "", session: "", username: "kernel", date: "", version: "5.3" } });
  const comms: InstanceType<typeof CommManager> = new CommManager(output, (type, content, extra) => server.publisher(orphan)(type, content, extra));
  const server: InstanceType<typeof CourseServer> = new CourseServer(handler, configPath, () => {
    // Late output (and tslab's socket loops ending) must not be sent on closed sockets.
    output.attach(null);
    server.close();
    // Timers or worker threads a notebook left behind must not keep a shut-down kernel alive.
    setTimeout(() => process.exit(0), 1000).unref();
  }, comms);
  // The type checker is built while the client finishes its start-up (jupyter_client waits
  // 0.2 s for quiet IOPub after kernel_info), not before the sockets are bound.
  // DLCOURSE_KERNEL_WARM_FIRST=1: before binding the sockets, as before (bench A/B).
  if (process.env.DLCOURSE_KERNEL_WARM_FIRST === "1") runner.warm();
  else server.afterFirstKernelInfo = () => runner.warm();
  output.install();
  comms.install();

  process.on("SIGINT", () => runner.interrupt());
  // Errors from callbacks a cell left running (timers, unawaited promises): shown in the
  // latest cell, like ipykernel does, instead of killing the kernel.
  const late = (what: string) => (reason: unknown) => {
    const { ename, evalue, traceback } = runtimeError(reason, runner.cells);
    output.stream("stderr", `${what} ${ename}: ${evalue}\n${traceback.slice(1).join("\n")}\n`);
  };
  process.on("uncaughtException", late("Uncaught exception in a callback:"));
  process.on("unhandledRejection", late("Unhandled promise rejection:"));
  void server.init();
}
