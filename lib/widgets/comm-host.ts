/**
 * The contract between the kernel's comm protocol (kernel/comm.ts) and the widgets: a comm is a
 * channel between one kernel-side object and its front-end model (Jupyter messaging spec, "Custom
 * messages"). The dlcourse kernel installs a {@link CommHost} at `globalThis[COMM_HOST_KEY]`;
 * tests install their own with {@link setCommHost}.
 */

/** JSON data, metadata and binary buffers of one comm message. */
export interface CommMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  buffers: Uint8Array[];
}

/** Options for {@link Comm.send} and {@link CommHost.open}. */
export interface CommSendOptions {
  /** Message metadata. Default `{}`. */
  metadata?: Record<string, unknown>;
  /** Binary frames sent after the content. Default none. */
  buffers?: Uint8Array[];
}

/** One open comm, kernel-opened or front-end-opened. */
export interface Comm {
  readonly id: string;
  readonly target: string;
  /** Sends `comm_msg` to the front end. Throws if the comm is closed. */
  send(data: Record<string, unknown>, options?: CommSendOptions): void;
  /** Sends `comm_close` (unless the front end closed it) and forgets the comm. */
  close(data?: Record<string, unknown>): void;
  /** Called with each `comm_msg` from the front end; errors go to the log, not the kernel. */
  onMessage(handler: (msg: CommMessage) => void): void;
  /** Called once when the front end closes the comm. */
  onClose(handler: (msg: CommMessage) => void): void;
}

/** Where outputs went when {@link CommHost.captureOutput} was called. */
export interface OutputContext {
  /** Runs `fn` with stdout/display sent where they went at capture time. */
  run<T>(fn: () => T): T;
}

/** The kernel side of the comm protocol, as the widgets see it. */
export interface CommHost {
  /** Opens a comm to the front end (`comm_open`) for `target`. */
  open(target: string, data: Record<string, unknown>, options?: CommSendOptions): Comm;
  /** Accepts comms the front end opens for `target`; `opened` gets each new comm and its open message. */
  registerTarget(target: string, opened: (comm: Comm, msg: CommMessage) => void): void;
  /** The output route now (running cell, or comm message being handled), for later callbacks. */
  captureOutput(): OutputContext;
}

/** The global property the kernel's {@link CommHost} lives under (a string: shared across module copies). */
export const COMM_HOST_KEY = "__dlcourseCommHost__";

let override: CommHost | null = null;

/**
 * Replaces the kernel's comm host (tests); `null` restores the kernel's.
 *
 * @param host - the host widgets open their comms with
 * @example
 * setCommHost(new FakeCommHost());
 */
export function setCommHost(host: CommHost | null): void {
  override = host;
}

/**
 * The comm host widgets use now.
 *
 * @param caller - named in the error message
 * @returns the test override or the kernel's host
 * @throws Error when no kernel with comms is running and no host was set
 */
export function commHost(caller: string): CommHost {
  const host = override ?? ((globalThis as Record<string, unknown>)[COMM_HOST_KEY] as CommHost | undefined);
  if (!host) throw new Error(`${caller}: no kernel with comms is running (use the dlcourse kernel, or setCommHost in tests)`);
  return host;
}
