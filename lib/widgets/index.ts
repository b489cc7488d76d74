/**
 * Jupyter widgets for the course kernel: models JupyterLab's widget manager (jupyterlab_widgets
 * 3.0, ipywidgets 8 protocol) draws, with state synced both ways over comms, and `interact`.
 *
 * Imports ../core (options) and ../display (the Output widget captures displays); no other lib
 * folder imports it. The kernel provides the comm host (kernel/comm.ts) through `COMM_HOST_KEY`.
 */
export { Widget } from "./widget";
export type { Change, Observer, WidgetState } from "./widget";
export { DOMWidget, ValueWidget, Layout, Style } from "./dom-widget";
export type { DescriptionOptions, StyleName } from "./dom-widget";
export { IntSlider, FloatSlider, FloatLogSlider } from "./sliders";
export type { SliderOptions, LogSliderOptions } from "./sliders";
export { Checkbox, Dropdown, Button } from "./controls";
export type { CheckboxOptions, DropdownOptions, ButtonOptions } from "./controls";
export { HBox, VBox } from "./boxes";
export type { BoxOptions } from "./boxes";
export { Output, errorOutput } from "./output";
export type { NbOutput, CaptureOptions } from "./output";
export { interact, Interactive } from "./interact";
export type { Controls, InteractOptions, ValuesOf } from "./interact";
export { setCommHost, COMM_HOST_KEY } from "./comm-host";
export type { Comm, CommHost, CommMessage, CommSendOptions, OutputContext } from "./comm-host";
export { WIDGET_TARGET, CONTROL_TARGET, PROTOCOL_VERSION, VIEW_MIME, STATE_MIME } from "./spec";
