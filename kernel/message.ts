/**
 * A Jupyter wire-protocol message: parse (with HMAC check), reply, sign and send. tslab has the
 * same class but does not export it; ours has the same shape (createReply, signAndSend), so
 * tslab's per-message handlers accept it.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const DELIM = Buffer.from("<IDS|MSG>");
/** Sends ZeroMQ has not taken yet (once taken, its I/O thread writes them even while JavaScript is busy). */
const sending = new Set<Promise<unknown>>();

/**
 * Waits until ZeroMQ has taken every message sent so far.
 * @returns a promise that never rejects
 */
export function allTaken(): Promise<unknown> {
  return Promise.allSettled([...sending]);
}

interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

/** Something that sends multipart messages (a zeromq socket). */
export interface Sender {
  send(parts: Array<Buffer | string>): unknown;
}

export class Message {
  identity: Buffer[] = [];
  header = {} as Header;
  parent: Header | Record<string, never> = {};
  metadata: object = {};
  content: object = {};
  /** Binary frames after the content (comm messages of widgets with binary state). */
  buffers: Buffer[] = [];

  /** Parses raw frames; throws if the delimiter is missing or the signature does not match. */
  static parse(key: string, raw: Buffer[]): Message {
    const at = raw.findIndex((b) => b.equals(DELIM));
    if (at < 0) throw new Error("kernel: message without <IDS|MSG> delimiter");
    const [hmac, ...parts] = raw.slice(at + 1);
    if (key) {
      const want = Buffer.from(sign(key, parts.slice(0, 4).map(String)));
      if (want.length !== hmac.length || !timingSafeEqual(want, hmac)) throw new Error("kernel: message with a bad signature");
    }
    const msg = new Message();
    msg.identity = raw.slice(0, at);
    [msg.header, msg.parent, msg.metadata, msg.content] = parts.slice(0, 4).map((p) => JSON.parse(p.toString()));
    msg.buffers = parts.slice(4);
    return msg;
  }

  createReply(): Message {
    const reply = new Message();
    reply.identity = this.identity;
    reply.header = { ...this.header, version: "5.3", date: new Date().toISOString(), msg_id: randomBytes(16).toString("hex") };
    reply.parent = this.header;
    return reply;
  }

  /** A reply of type `msgType` with `content`, ready to send. */
  reply(msgType: string, content: object): Message {
    const reply = this.createReply();
    reply.header.msg_type = msgType;
    reply.content = content;
    return reply;
  }

  signAndSend(key: string, sock: Sender): void {
    const bodies = [this.header, this.parent, this.metadata, this.content].map((b) => JSON.stringify(b));
    const sent = sock.send([...this.identity, DELIM, sign(key, bodies), ...bodies, ...this.buffers]);
    if (sent instanceof Promise) {
      sending.add(sent);
      sent.then(() => sending.delete(sent), () => sending.delete(sent));
    }
  }
}

function sign(key: string, bodies: string[]): string {
  if (!key) return "";
  const hash = createHmac("sha256", key);
  for (const b of bodies) hash.update(b);
  return hash.digest("hex");
}
