/**
 * The kernel side of a Jupyter widget model: its state, kept in sync with the front end's model
 * through a comm on the `jupyter.widget` target (ipywidgets' message protocol 2.1: `update`,
 * `echo_update`, `request_state`, `custom`), and observers of its properties.
 */
import type { Displayable, MimeBundle } from "../display/types";
import { commHost, type Comm, type CommMessage } from "./comm-host";
import { CONTROL_TARGET, PROTOCOL_VERSION, VIEW_MIME, WIDGET_TARGET, modelFields, type ModelSpec } from "./spec";

/** A model's synced state: JSON values; widgets inside are sent as `IPY_MODEL_<id>` references. */
export type WidgetState = Record<string, unknown>;

/** What an observer receives for one changed property. */
export interface Change {
  name: string;
  old: unknown;
  new: unknown;
  owner: Widget;
}

/** Called with each change of an observed property. */
export type Observer = (change: Change) => void;

const live = new Map<string, Widget>();

function serialize(value: unknown): unknown {
  if (value instanceof Widget) return `IPY_MODEL_${value.id}`;
  if (Array.isArray(value)) return value.map(serialize);
  return value;
}

function serializeState(state: WidgetState): WidgetState {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, serialize(v)]));
}

/** Answers the front end's `request_states` with the state of every live model. */
function serveControlComm(comm: Comm): void {
  comm.onMessage((msg) => {
    if (msg.data.method !== "request_states") return;
    const states = Object.fromEntries([...live].map(([id, w]) => [id, w.fullState()]));
    comm.send({ method: "update_states", states, buffer_paths: [] });
  });
}

/** Hosts that already serve the control target (a test may swap hosts). */
const served = new WeakSet<object>();

/** A widget model; subclasses add typed properties. */
export class Widget implements Displayable {
  /** The comm id, which is also the model id. */
  readonly id: string;
  protected readonly state: WidgetState;
  private readonly comm: Comm;
  private readonly observers = new Map<string, Set<Observer>>();
  private closed = false;

  /**
   * @param spec - model and view of the front end
   * @param state - initial state (defaults of the model fill the rest in the front end)
   */
  constructor(spec: ModelSpec, state: WidgetState) {
    const host = commHost(spec.model);
    if (!served.has(host)) {
      host.registerTarget(CONTROL_TARGET, serveControlComm);
      served.add(host);
    }
    this.state = { ...modelFields(spec), ...state };
    this.comm = host.open(WIDGET_TARGET, { state: serializeState(this.state), buffer_paths: [] }, { metadata: { version: PROTOCOL_VERSION } });
    this.id = this.comm.id;
    live.set(this.id, this);
    this.comm.onMessage((msg) => this.receive(msg));
    this.comm.onClose(() => this.forget());
  }

  /** The whole state as sent to the front end. */
  fullState(): WidgetState {
    return serializeState(this.state);
  }

  /** Reads one state property. */
  get(name: string): unknown {
    return this.state[name];
  }

  /**
   * Changes state properties from the kernel: sends one `update`, then runs observers.
   *
   * @param patch - properties to change (unchanged values are not sent)
   */
  set(patch: WidgetState): void {
    const changed = Object.entries(patch).filter(([k, v]) => !Object.is(this.state[k], v) || typeof v === "object");
    if (!changed.length) return;
    const old = Object.fromEntries(changed.map(([k]) => [k, this.state[k]]));
    Object.assign(this.state, Object.fromEntries(changed));
    if (!this.closed) this.comm.send({ method: "update", state: serializeState(Object.fromEntries(changed)), buffer_paths: [] });
    for (const [k] of changed) this.notify(k, old[k], this.state[k]);
  }

  /**
   * Calls `observer` on each change of the named properties (all properties if none named).
   *
   * @param observer - receives `{ name, old, new, owner }`
   * @param names - properties to watch; default every property
   * @example
   * slider.observe(({ new: v }) => console.log(v), ["value"]);
   */
  observe(observer: Observer, names: string[] = ["*"]): void {
    for (const n of names) (this.observers.get(n) ?? this.observers.set(n, new Set()).get(n)!).add(observer);
  }

  /** Stops calling `observer` (for the named properties, or all). */
  unobserve(observer: Observer, names?: string[]): void {
    for (const [n, set] of this.observers) if (!names || names.includes(n)) set.delete(observer);
  }

  /** Closes the comm; the front end removes the model and its views. */
  close(): void {
    if (this.closed) return;
    this.comm.close();
    this.forget();
  }

  /** The view bundle: JupyterLab draws the widget, other front ends show the text. */
  toBundle(): MimeBundle {
    return { [VIEW_MIME]: { version_major: 2, version_minor: 0, model_id: this.id }, "text/plain": this.toString() };
  }

  toString(): string {
    return `${String(this.state._model_name).replace(/Model$/, "")}(id=${this.id})`;
  }

  /** Turns a front-end value into a valid one (subclasses clamp, round...). */
  protected validate(_name: string, value: unknown): unknown {
    return value;
  }

  /** Runs observers of `name`; subclasses derive other properties from it. */
  protected notify(name: string, old: unknown, value: unknown): void {
    for (const key of [name, "*"]) for (const o of [...(this.observers.get(key) ?? [])]) o({ name, old, new: value, owner: this });
  }

  /** A `custom` message from the front end (button clicks). */
  protected custom(_content: Record<string, unknown>): void {}

  private receive(msg: CommMessage): void {
    const method = msg.data.method;
    if (method === "request_state") this.comm.send({ method: "update", state: this.fullState(), buffer_paths: [] });
    else if (method === "custom") this.custom((msg.data.content ?? {}) as Record<string, unknown>);
    else if (method === "update") this.update((msg.data.state ?? {}) as WidgetState);
  }

  /** A state update from the front end: echoed to every front end, corrected if invalid, observed. */
  private update(incoming: WidgetState): void {
    this.comm.send({ method: "echo_update", state: incoming, buffer_paths: [] });
    const fixed: WidgetState = {};
    const changes: Array<[string, unknown, unknown]> = [];
    for (const [k, v] of Object.entries(incoming)) {
      const valid = this.validate(k, v);
      if (!Object.is(valid, v)) fixed[k] = valid;
      if (!Object.is(this.state[k], valid)) changes.push([k, this.state[k], valid]);
      this.state[k] = valid;
    }
    if (Object.keys(fixed).length) this.comm.send({ method: "update", state: fixed, buffer_paths: [] });
    for (const [k, old, value] of changes) this.notify(k, old, value);
  }

  private forget(): void {
    this.closed = true;
    live.delete(this.id);
  }
}
