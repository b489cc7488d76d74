/**
 * The ZeroMQ side: tslab's ZmqServer (sockets, heartbeat, kernel_info/complete/inspect/
 * is_complete handlers) with our dispatch in front, which adds execute through
 * {@link CourseHandler}, history_request, interrupt_request, the comm messages (comm.ts),
 * and answers unknown requests without printing into a cell.
 */
import { readFileSync } from "node:fs";
import { ZmqServer } from "tslab/dist/jupyter";
import type { CourseHandler, ExecuteRequest } from "./handler";
import type { HistoryRequest } from "./history";
import type { CommContent, CommManager } from "./comm";
import { allTaken, Message, type Sender } from "./message";
import type { Publish } from "./output";

type Upstream = Parameters<ZmqServer["handleKernelInfo"]>[1];

/** How long (ms) closed sockets may still deliver what they hold: under zeromq's 0.5 s warning. */
const LINGER_MS = 250;

export class CourseServer extends ZmqServer {
  /** Runs once, after the first kernel_info reply has been sent (start.ts warms the type checker then). */
  afterFirstKernelInfo: (() => void) | null = null;

  constructor(private readonly course: CourseHandler, configPath: string, private readonly onShutdown: () => void, private readonly comms: CommManager) {
    super(course, configPath);
  }

  private closing = false;

  /**
   * tslab's `init`, with the heartbeat's echo awaited. tslab's loop echoes each ping without
   * awaiting the send, so a ping that arrived as the kernel shut down left "Unhandled promise
   * rejection: Error: Socket is closed" on stderr. Sockets end their loops when closed.
   */
  override async init(): Promise<void> {
    this.connInfo = JSON.parse(readFileSync(this.configPath, "utf-8")) as ZmqServer["connInfo"];
    // Loaded here, not at the top: the kernel's start-up snapshot cannot hold a native addon.
    const zmq = require("zeromq") as typeof import("zeromq");
    [this.iopub, this.shell, this.control, this.stdin, this.hb] = [new zmq.Publisher(), new zmq.Router(), new zmq.Router(), new zmq.Router(), new zmq.Reply()];
    void this.serve(this.shell, (parts) => void this.handleShellMessage(this.shell, ...parts));
    void this.serve(this.control, (parts) => void this.handleShellMessage(this.control, ...parts));
    void this.serve(this.hb, (parts) => this.hb.send(parts));
    const { transport, ip } = this.connInfo;
    const ports = [this.connInfo.iopub_port, this.connInfo.shell_port, this.connInfo.control_port, this.connInfo.stdin_port, this.connInfo.hb_port];
    await Promise.all([this.iopub, this.shell, this.control, this.stdin, this.hb].map((sock, i) => sock.bind(`${transport}://${ip}:${ports[i]}`)));
  }

  /** Hands each message of `sock` to `handle` until the socket closes; a failure after closing is expected. */
  private async serve(sock: AsyncIterable<Buffer[]>, handle: (parts: Buffer[]) => unknown): Promise<void> {
    try {
      for await (const parts of sock) await handle(parts);
    } catch (e) {
      if (!this.closing) this.course.log(`kernel: socket loop ended: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }

  /**
   * Closes the sockets with a bounded linger. zeromq's default (-1) makes the process's exit wait
   * for every queued message, and after 0.5 s it prints "Waiting for queued ZeroMQ messages to be
   * delivered" on stderr: a client that stopped reading (or a slow machine) held the exit and left
   * that line. Heartbeat echoes can be dropped; replies and the last status get {@link LINGER_MS}.
   */
  override close(): void {
    this.closing = true;
    this.hb.linger = 0;
    for (const sock of [this.iopub, this.shell, this.control, this.stdin]) sock.linger = LINGER_MS;
    super.close();
  }

  /** Publishes on IOPub as a child of `parent`, with metadata and binary buffers if given. */
  publisher(parent: Message): Publish {
    return (type, content, extra = {}) => {
      const out = parent.reply(type, content);
      out.metadata = extra.metadata ?? {};
      out.buffers = (extra.buffers ?? []).map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      out.signAndSend(this.connInfo.key, this.iopub);
    };
  }

  private send(sock: Sender, msg: Message, type: string, content: object): void {
    msg.reply(type, content).signAndSend(this.connInfo.key, sock);
  }

  override async handleShellMessage(sock: Parameters<ZmqServer["handleShellMessage"]>[0], ...args: Buffer[]): Promise<void> {
    let msg: Message;
    try {
      msg = Message.parse(this.connInfo.key, args);
    } catch (e) {
      this.course.log(`${e instanceof Error ? e.message : String(e)}\n`);
      return;
    }
    const upstream = msg as unknown as Upstream;
    this.publishStatus("busy", upstream);
    let shutdown = false;
    try {
      const type = msg.header.msg_type;
      if (type === "kernel_info_request") this.handleKernelInfo(sock, upstream);
      else if (type === "execute_request") await this.handleExecute(sock, upstream);
      else if (type === "is_complete_request") this.handleIsComplete(sock, upstream);
      else if (type === "inspect_request") this.handleInspect(sock, upstream);
      else if (type === "complete_request") this.handleComplete(sock, upstream);
      else if (type === "comm_info_request") this.send(sock, msg, "comm_info_reply", this.comms.info((msg.content as { target_name?: string }).target_name));
      else if (type === "comm_open" || type === "comm_msg" || type === "comm_close")
        this.comms.receive(type, msg.content as CommContent, { metadata: msg.metadata, buffers: msg.buffers }, this.publisher(msg));
      else if (type === "history_request") this.send(sock, msg, "history_reply", { status: "ok", history: this.course.history.query(msg.content as HistoryRequest) });
      else if (type === "interrupt_request") {
        this.course.interrupt();
        this.send(sock, msg, "interrupt_reply", { status: "ok" });
      } else if (type === "shutdown_request") {
        const restart = (msg.content as { restart?: boolean }).restart === true;
        this.send(sock, msg, "shutdown_reply", { status: "ok", restart });
        shutdown = true;
      } else this.course.log(`kernel: no handler for ${type}\n`);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      this.course.log(`kernel: ${msg.header.msg_type} failed: ${err.stack}\n`);
      const reply = msg.header.msg_type.replace(/_request$/, "_reply");
      this.send(sock, msg, reply, { status: "error", ename: err.name, evalue: err.message, traceback: [] });
    } finally {
      this.publishStatus("idle", upstream);
    }
    if (shutdown) this.onShutdown();
    if (msg.header.msg_type === "kernel_info_request" && this.afterFirstKernelInfo) {
      const then = this.afterFirstKernelInfo;
      this.afterFirstKernelInfo = null;
      // once the reply and the idle status are with ZeroMQ, the event loop may block
      void allTaken().then(() => setImmediate(then));
    }
  }

  override async handleExecute(sock: Sender, msg: Upstream): Promise<void> {
    const message = msg as unknown as Message;
    const publish = this.publisher(message);
    const content = await this.course.execute(message.content as ExecuteRequest, publish, message.header.date);
    this.send(sock, message, "execute_reply", content);
  }
}
