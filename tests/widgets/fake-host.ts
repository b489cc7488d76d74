/**
 * A comm host standing in for the kernel in unit tests: records what widgets send and lets a
 * test play the front end (messages from it, comms it opens).
 */
import type { Comm, CommHost, CommMessage, CommSendOptions, OutputContext } from "../../lib/widgets/comm-host";

/** One message the kernel side sent. */
export interface Sent {
  type: "comm_open" | "comm_msg" | "comm_close";
  id: string;
  target: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

class FakeComm implements Comm {
  handler: ((m: CommMessage) => void) | null = null;
  closeHandler: ((m: CommMessage) => void) | null = null;
  constructor(readonly id: string, readonly target: string, private readonly host: FakeCommHost) {}
  send(data: Record<string, unknown>, options: CommSendOptions = {}): void {
    this.host.sent.push({ type: "comm_msg", id: this.id, target: this.target, data, metadata: options.metadata ?? {} });
  }
  close(data: Record<string, unknown> = {}): void {
    this.host.sent.push({ type: "comm_close", id: this.id, target: this.target, data, metadata: {} });
  }
  onMessage(h: (m: CommMessage) => void): void {
    this.handler = h;
  }
  onClose(h: (m: CommMessage) => void): void {
    this.closeHandler = h;
  }
}

export class FakeCommHost implements CommHost {
  readonly sent: Sent[] = [];
  readonly comms = new Map<string, FakeComm>();
  readonly targets = new Map<string, (c: Comm, m: CommMessage) => void>();
  private next = 0;

  open(target: string, data: Record<string, unknown>, options: CommSendOptions = {}): Comm {
    const comm = new FakeComm(`c${++this.next}`, target, this);
    this.comms.set(comm.id, comm);
    this.sent.push({ type: "comm_open", id: comm.id, target, data, metadata: options.metadata ?? {} });
    return comm;
  }
  registerTarget(target: string, opened: (c: Comm, m: CommMessage) => void): void {
    this.targets.set(target, opened);
  }
  captureOutput(): OutputContext {
    return { run: (fn) => fn() };
  }

  /** The front end sends `data` on comm `id`. */
  fromFrontEnd(id: string, data: Record<string, unknown>): void {
    this.comms.get(id)!.handler?.({ data, metadata: {}, buffers: [] });
  }
  /** The front end opens a comm on `target`; returns it. */
  openFromFrontEnd(target: string, data: Record<string, unknown> = {}): FakeComm {
    const comm = new FakeComm(`fe${++this.next}`, target, this);
    this.targets.get(target)!(comm, { data, metadata: {}, buffers: [] });
    return comm;
  }
  /** Messages sent on comm `id` since the last call (and forgets them). */
  take(id?: string): Sent[] {
    const mine = this.sent.filter((s) => id === undefined || s.id === id);
    this.sent.splice(0, this.sent.length, ...this.sent.filter((s) => !mine.includes(s)));
    return mine;
  }
}
