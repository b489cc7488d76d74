/**
 * The kernel side of Jupyter's comm protocol (messaging spec, "Custom messages"): comms opened by
 * the kernel (`comm_open` on IOPub) and by the front end (`comm_open` on shell, accepted when a
 * target is registered, else closed at once as ipykernel does), `comm_msg` both ways, `comm_close`
 * both ways, and `comm_info_request` listing open comms, optionally of one target.
 *
 * Handlers run with the cell output routed to the comm message being handled, so a handler can
 * print and display (and update displays by id) while no cell runs. A handler that throws does not
 * stop the kernel: the error goes to the kernel log and, as stderr, to that message's output.
 * Installed as the widgets' comm host at `globalThis[COMM_HOST_KEY]` (lib/widgets/comm-host.ts).
 */
import { randomUUID } from "node:crypto";
import { COMM_HOST_KEY, type Comm, type CommHost, type CommMessage, type CommSendOptions, type OutputContext } from "../lib/widgets/comm-host";
import type { Output, Publish } from "./output";

type Opened = (comm: Comm, msg: CommMessage) => void;

/** Content of comm_open / comm_msg / comm_close from the front end. */
export interface CommContent {
  comm_id: string;
  target_name?: string;
  data?: Record<string, unknown>;
}

class KernelComm implements Comm {
  closed = false;
  private messageHandler: ((msg: CommMessage) => void) | null = null;
  private closeHandler: ((msg: CommMessage) => void) | null = null;

  constructor(readonly id: string, readonly target: string, private readonly owner: CommManager) {}

  send(data: Record<string, unknown>, options: CommSendOptions = {}): void {
    if (this.closed) throw new Error(`comm.send: the comm ${this.id} (target ${this.target}) is closed`);
    this.owner.publish("comm_msg", { comm_id: this.id, data }, options);
  }

  close(data: Record<string, unknown> = {}): void {
    if (this.closed) return;
    this.closed = true;
    this.owner.forget(this.id);
    this.owner.publish("comm_close", { comm_id: this.id, data }, {});
  }

  onMessage(handler: (msg: CommMessage) => void): void {
    this.messageHandler = handler;
  }

  onClose(handler: (msg: CommMessage) => void): void {
    this.closeHandler = handler;
  }

  deliver(msg: CommMessage): void {
    this.messageHandler?.(msg);
  }

  closedByFrontEnd(msg: CommMessage): void {
    this.closed = true;
    this.closeHandler?.(msg);
  }
}

/** Open comms and registered targets; the kernel's {@link CommHost}. */
export class CommManager implements CommHost {
  private readonly comms = new Map<string, KernelComm>();
  private readonly targets = new Map<string, Opened>();

  /**
   * @param output - the output router (its current target parents comm messages the kernel sends)
   * @param orphan - publishes with no parent, for comm messages sent before any request arrived
   */
  constructor(private readonly output: Output, private readonly orphan: Publish) {}

  install(): void {
    (globalThis as Record<string, unknown>)[COMM_HOST_KEY] = this;
  }

  open(target: string, data: Record<string, unknown>, options: CommSendOptions = {}): Comm {
    const comm = new KernelComm(randomUUID().replace(/-/g, ""), target, this);
    this.comms.set(comm.id, comm);
    this.publish("comm_open", { comm_id: comm.id, target_name: target, data }, options);
    return comm;
  }

  registerTarget(target: string, opened: Opened): void {
    this.targets.set(target, opened);
  }

  captureOutput(): OutputContext {
    const target = this.output.current();
    return { run: (fn) => this.output.within(target, fn) };
  }

  /** Sends a comm message on IOPub, parented to the request being handled (or the latest one). */
  publish(type: string, content: object, options: CommSendOptions): void {
    (this.output.current() ?? this.orphan)(type, content, { metadata: options.metadata ?? {}, buffers: options.buffers ?? [] });
  }

  forget(id: string): void {
    this.comms.delete(id);
  }

  /** `comm_info_reply` content: open comms, of `target` only if given. */
  info(target?: string): { status: "ok"; comms: Record<string, { target_name: string }> } {
    const comms: Record<string, { target_name: string }> = {};
    for (const [id, comm] of this.comms) if (target == null || comm.target === target) comms[id] = { target_name: comm.target };
    return { status: "ok", comms };
  }

  /**
   * Handles comm_open / comm_msg / comm_close from the front end, with output sent to `publish`.
   *
   * @param type - the message type
   * @param content - its content
   * @param rest - its metadata and buffers
   * @param publish - IOPub messages parented to this message
   */
  receive(type: string, content: CommContent, rest: { metadata: object; buffers: Uint8Array[] }, publish: Publish): void {
    const msg: CommMessage = { data: content.data ?? {}, metadata: rest.metadata as Record<string, unknown>, buffers: rest.buffers };
    this.output.within(publish, () => {
      try {
        this.dispatch(type, content, msg);
      } catch (e) {
        const text = `kernel: ${type} handler for comm ${content.comm_id} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`;
        this.output.log(text);
        this.output.stream("stderr", text);
      }
    });
  }

  private dispatch(type: string, content: CommContent, msg: CommMessage): void {
    const id = String(content.comm_id);
    if (type === "comm_open") return this.accept(id, String(content.target_name), msg);
    const comm = this.comms.get(id);
    if (!comm) return this.output.log(`kernel: ${type} for unknown comm ${id}\n`);
    if (type === "comm_msg") return comm.deliver(msg);
    this.comms.delete(id);
    comm.closedByFrontEnd(msg);
  }

  private accept(id: string, target: string, msg: CommMessage): void {
    const opened = this.targets.get(target);
    if (!opened) {
      this.output.log(`kernel: no comm target ${target}; closing comm ${id}\n`);
      return this.publish("comm_close", { comm_id: id, data: {} }, {});
    }
    const comm = new KernelComm(id, target, this);
    this.comms.set(id, comm);
    try {
      opened(comm, msg);
    } catch (e) {
      this.comms.delete(id);
      comm.closed = true;
      this.publish("comm_close", { comm_id: id, data: {} }, {});
      throw e;
    }
  }
}
