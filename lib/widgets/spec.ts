/**
 * Versions of the Jupyter widget protocol and model modules this library speaks: those of
 * ipywidgets 8.1 / jupyterlab_widgets 3.0 (pinned in requirements.txt). JupyterLab's widget
 * manager looks models up by these module names and versions.
 */

/** The comm target of widget models (front end and kernel). */
export const WIDGET_TARGET = "jupyter.widget";
/** The comm target a front end opens to fetch every model's state at once. */
export const CONTROL_TARGET = "jupyter.widget.control";
/** Widget message protocol version, sent as comm_open metadata. */
export const PROTOCOL_VERSION = "2.1.0";
/** The MIME type of a widget view in an output. */
export const VIEW_MIME = "application/vnd.jupyter.widget-view+json";
/** The notebook metadata key nbclient and JupyterLab save widget state under. */
export const STATE_MIME = "application/vnd.jupyter.widget-state+json";

/** Where a model class and its view live in the front end. */
export interface ModelSpec {
  model: string;
  view: string | null;
  module: "@jupyter-widgets/controls" | "@jupyter-widgets/base" | "@jupyter-widgets/output";
  /** Module of the view when it differs (style models have base's StyleView). */
  viewModule?: "@jupyter-widgets/base";
}

const VERSIONS: Record<string, string> = {
  "@jupyter-widgets/controls": "2.0.0",
  "@jupyter-widgets/base": "2.0.0",
  "@jupyter-widgets/output": "1.0.0",
};

/**
 * The `_model_*` / `_view_*` state fields of a model.
 *
 * @param spec - model and view names and module
 * @returns the fields JupyterLab's widget manager needs to create the model
 */
export function modelFields(spec: ModelSpec): Record<string, string | null> {
  const viewModule = spec.view ? (spec.viewModule ?? spec.module) : spec.module;
  return {
    _model_name: spec.model,
    _model_module: spec.module,
    _model_module_version: VERSIONS[spec.module],
    _view_name: spec.view,
    _view_module: viewModule,
    _view_module_version: VERSIONS[viewModule],
  };
}
