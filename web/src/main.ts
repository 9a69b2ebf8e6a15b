import { ApiError, serverMethods } from './api.js';
import { BrowserWorker } from './browser-client.js';
import { startBrowserFill } from './browser-fill.js';
import { decodeImage, readPixels, showBitmap } from './canvas.js';
import { byId, checkRadio } from './dom.js';
import { EditHistory } from './edit-history.js';
import { currentImage, renderEdits, type Edit } from './edits.js';
import { holesFromMaskImage } from './mask-file.js';
import type { FillRun, StartFill } from './fill-run.js';
import { countHoles } from './mask-overlay.js';
import { MaskPainter, type Tool } from './mask-painter.js';
import type { MethodInfo } from './method-info.js';
import { OptionsForm } from './options-form.js';
import { startServerFill } from './server-fill.js';
import { Stage } from './stage.js';
import { VideoMode } from './video-mode.js';

const el = {
  modeImage: byId('mode-image', HTMLButtonElement),
  modeVideo: byId('mode-video', HTMLButtonElement),
  imageMode: byId('image-mode', HTMLElement),
  videoMode: byId('video-mode', HTMLElement),
  imageOpen: byId('image-open', HTMLElement),
  imageInput: byId('image-input', HTMLInputElement),
  imageName: byId('image-name', HTMLElement),
  toolBrush: byId('tool-brush', HTMLButtonElement),
  toolEraser: byId('tool-eraser', HTMLButtonElement),
  toolSelect: byId('tool-select', HTMLButtonElement),
  brushSize: byId('brush-size', HTMLInputElement),
  brushSizeValue: byId('brush-size-value', HTMLOutputElement),
  undo: byId('undo', HTMLButtonElement),
  redo: byId('redo', HTMLButtonElement),
  clearMask: byId('clear-mask', HTMLButtonElement),
  maskInput: byId('mask-input', HTMLInputElement),
  method: byId('method', HTMLSelectElement),
  methodDescription: byId('method-description', HTMLElement),
  optionsForm: byId('options-form', HTMLFormElement),
  run: byId('run', HTMLButtonElement),
  cancel: byId('cancel', HTMLButtonElement),
  progress: byId('progress', HTMLProgressElement),
  status: byId('status', HTMLElement),
  download: byId('download', HTMLButtonElement),
  apply: byId('apply', HTMLButtonElement),
  viewEdit: byId('view-edit', HTMLButtonElement),
  viewCompare: byId('view-compare', HTMLButtonElement),
  compareControl: byId('compare-control', HTMLElement),
  compareSlider: byId('compare-slider', HTMLInputElement),
  stage: byId('stage', HTMLElement),
  box: byId('canvas-box', HTMLElement),
  imageCanvas: byId('image-canvas', HTMLCanvasElement),
  maskCanvas: byId('mask-canvas', HTMLCanvasElement),
  beforeCanvas: byId('before-canvas', HTMLCanvasElement),
  afterCanvas: byId('after-canvas', HTMLCanvasElement),
  serverless: byId('serverless-note', HTMLElement),
};

const stage = new Stage({
  stage: el.stage,
  box: el.box,
  emptyState: byId('empty-state', HTMLElement),
  editLayers: [el.imageCanvas, el.maskCanvas],
  compare: { before: el.beforeCanvas, after: el.afterCanvas, divider: byId('compare-divider', HTMLElement) },
  cursor: byId('brush-cursor', HTMLElement),
});
const optionsForm = new OptionsForm(el.optionsForm);
const history = new EditHistory<Edit>();
const videoMode = new VideoMode();
let mode: 'image' | 'video' = 'image';

/** The image as opened; the picture being edited is it plus the edits in `history`. */
let opened: { bitmap: ImageBitmap; name: string } | undefined;
let methods: MethodInfo[] = [];
/** On the server that served the page, or, with none, in the page's own worker. */
let startFill: StartFill = startServerFill;
let tool: Tool = 'brush';
/** Answers the Select tool's clicks, in both the server's page and the static one. */
const selectWorker = new BrowserWorker();
/** A click being answered: the next waits for it. */
let selecting = false;
interface RunFlags {
  cancelRequested: boolean;
  /** Its picture was replaced: nothing more of it is shown. */
  abandoned: boolean;
}
interface RunningJob extends RunFlags {
  readonly fill: FillRun;
}
let running: RunningJob | undefined;
/** The last result, with the image it was computed from (which later edits do not change). */
let result: { before: ImageBitmap; after: ImageBitmap; url: string; fileName: string } | undefined;

// ---- status and controls

function setStatus(text: string, kind: 'info' | 'error' | 'ok' = 'info'): void {
  el.status.textContent = text;
  el.status.dataset.kind = kind;
}

function reportError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.field) optionsForm.markProblem(error.field, message);
  setStatus(message, 'error');
}

/** `undefined` shows an indeterminate bar (uploading, queued). */
function setProgress(fraction: number | undefined): void {
  if (fraction === undefined) el.progress.removeAttribute('value');
  else el.progress.value = fraction;
}

function updateControls(): void {
  const hasImage = opened !== undefined;
  el.undo.disabled = !history.canUndo;
  el.redo.disabled = !history.canRedo;
  el.clearMask.disabled = !hasImage;
  el.run.disabled = !hasImage || running !== undefined || methods.length === 0;
  el.cancel.disabled = running === undefined || running.cancelRequested;
  el.download.disabled = result === undefined;
  el.apply.disabled = !result || !opened || currentImage(opened.bitmap, history.applied()) === result.after;
  el.viewCompare.disabled = result === undefined;
}

function setView(view: 'edit' | 'compare'): void {
  stage.setView(view);
  checkRadio([el.viewEdit, el.viewCompare], view === 'edit' ? el.viewEdit : el.viewCompare);
  el.compareControl.hidden = view !== 'compare';
}

function setTool(next: Tool): void {
  tool = next;
  checkRadio([el.toolBrush, el.toolEraser, el.toolSelect], { brush: el.toolBrush, eraser: el.toolEraser, select: el.toolSelect }[next]);
  el.box.classList.toggle('picking', next === 'select');
  setView('edit');
}

function setBrushSize(size: number): void {
  el.brushSize.value = String(size);
  el.brushSizeValue.value = el.brushSize.value;
}

/** Image or video: each has its own panel and workspace; `#video` in the address opens the page on video. */
function setMode(next: 'image' | 'video'): void {
  mode = next;
  checkRadio([el.modeImage, el.modeVideo], next === 'image' ? el.modeImage : el.modeVideo);
  el.imageMode.hidden = next !== 'image';
  el.imageOpen.hidden = next !== 'image';
  el.imageName.hidden = next !== 'image';
  el.videoMode.hidden = next !== 'video';
  window.history.replaceState(null, '', next === 'video' ? '#video' : location.pathname + location.search);
}

// ---- the picture

function render(): void {
  if (!opened) return;
  renderEdits(opened.bitmap, history.applied(), el.imageCanvas, el.maskCanvas);
  updateControls();
}

async function openImage(file: File): Promise<void> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await decodeImage(file, file.name);
  } catch (error) {
    reportError(error);
    return;
  }
  abandonRun();
  dropResult();
  opened = { bitmap, name: file.name };
  history.clear();
  el.imageName.textContent = `${file.name} · ${bitmap.width}×${bitmap.height}`;
  el.brushSize.max = String(Math.max(64, Math.ceil(Math.max(bitmap.width, bitmap.height) / 4)));
  setBrushSize(Math.min(Number(el.brushSize.value), Number(el.brushSize.max)));
  stage.setImageSize(bitmap.width, bitmap.height);
  setView('edit');
  render();
  setStatus('Paint over what should go away, then press Inpaint.');
}

async function openMask(file: File): Promise<void> {
  if (!opened) {
    setStatus('Open an image before its mask.', 'error');
    return;
  }
  try {
    const bitmap = await decodeImage(file, file.name);
    const { width, height } = el.imageCanvas;
    if (bitmap.width !== width || bitmap.height !== height) {
      throw new Error(`${file.name} is ${bitmap.width}×${bitmap.height} but the image is ${width}×${height}: a mask must match the image`);
    }
    const { holes, note } = holesFromMaskImage(bitmap);
    history.push({ kind: 'mask', holes });
    setView('edit');
    render();
    setStatus(note ? `Mask loaded: ${note}.` : 'Mask loaded.');
  } catch (error) {
    reportError(error);
  }
}

function undo(): void {
  if (history.undo()) afterHistoryMove();
}

function redo(): void {
  if (history.redo()) afterHistoryMove();
}

function afterHistoryMove(): void {
  setView('edit');
  render();
}

function clearMask(): void {
  if (!opened || countHoles(el.maskCanvas) === 0) return;
  history.push({ kind: 'clear' });
  setView('edit');
  render();
}

// ---- painting and selecting (and dragging the before/after split)

new MaskPainter({
  box: el.box,
  overlay: el.maskCanvas,
  stage,
  tool: () => tool,
  brushSize: () => Number(el.brushSize.value),
  editing: () => opened !== undefined && stage.currentView === 'edit',
  onStroke: (stroke) => {
    history.push({ kind: 'stroke', ...stroke });
    updateControls();
  },
  onPick: (x, y, remove) => void selectAt(x, y, remove),
});

/** Adds the object under (x, y) to the mask, or takes it out; selectObject runs in the browser worker. */
async function selectAt(x: number, y: number, remove: boolean): Promise<void> {
  if (!opened || selecting) return;
  selecting = true;
  const picture = currentImage(opened.bitmap, history.applied());
  const { width, height, data } = readPixels(el.imageCanvas);
  const started = performance.now();
  setStatus('Selecting…');
  try {
    const holes = await selectWorker.select({ width, height, rgba: data }, [{ x, y }]);
    // Another image, or an applied result, has replaced the one clicked on.
    if (!opened || currentImage(opened.bitmap, history.applied()) !== picture) return;
    history.push({ kind: 'region', holes, erase: remove });
    setView('edit');
    render();
    const ms = Math.round(performance.now() - started);
    setStatus(`${remove ? 'Took out' : 'Added'} the object under the click (${ms} ms). Shift-click takes one out; the brush refines.`);
  } catch (error) {
    reportError(error);
  } finally {
    selecting = false;
  }
}

el.box.addEventListener('pointerdown', (event) => {
  if (!opened || event.button !== 0 || stage.currentView !== 'compare') return;
  el.box.setPointerCapture(event.pointerId);
  setSplit(stage.locate(event).fractionX);
});

el.box.addEventListener('pointermove', (event) => {
  if (stage.currentView === 'compare' && el.box.hasPointerCapture(event.pointerId)) setSplit(stage.locate(event).fractionX);
});

function setSplit(fraction: number): void {
  stage.setSplit(fraction);
  el.compareSlider.value = String(Math.round(fraction * Number(el.compareSlider.max)));
}

// ---- running a job

function selectedMethod(): MethodInfo | undefined {
  return methods.find((m) => m.id === el.method.value);
}

async function run(): Promise<void> {
  const method = selectedMethod();
  if (!opened || !method || running) return;
  const reading = optionsForm.read();
  if ('problem' in reading) {
    setStatus(reading.problem.message, 'error');
    return;
  }
  if (countHoles(el.maskCanvas) === 0) {
    setStatus('The mask is empty: paint over what should go away, or upload a mask.', 'error');
    return;
  }
  const before = currentImage(opened.bitmap, history.applied());
  const fileName = `${opened.name.replace(/\.[^.]*$/, '')}-${method.id}.png`;
  const started = performance.now();
  setProgress(undefined);
  setStatus(startFill === startServerFill ? 'Uploading…' : 'Starting…');
  // The listener may hear from the fill before startFill returns: it reads these flags, which become the job's.
  const flags: RunFlags = { cancelRequested: false, abandoned: false };
  const fill = startFill(
    { image: el.imageCanvas, mask: el.maskCanvas, method: method.id, options: reading.values },
    {
      onState: (state) => {
        if (!flags.cancelRequested) setStatus(state === 'queued' ? 'Queued: waiting for a free slot…' : 'Running…');
      },
      onProgress: (fraction, stage) => {
        setProgress(fraction);
        if (flags.cancelRequested) return;
        const stageText = stage ? `${stage.charAt(0).toUpperCase()}${stage.slice(1)}: ` : '';
        setStatus(`${stageText}${Math.round(fraction * 100)}%`);
      },
    },
  );
  const job: RunningJob = Object.assign(flags, { fill });
  running = job;
  updateControls();
  try {
    const blob = await job.fill.result;
    if (job.abandoned) return;
    if (!blob) {
      setStatus('Cancelled.');
      return;
    }
    const after = await decodeImage(blob, 'the result');
    showResult({ before, after, url: URL.createObjectURL(blob), fileName });
    setStatus(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`, 'ok');
  } catch (error) {
    // An abandoned run (a new image was opened) has nothing more to tell.
    if (!job.abandoned) reportError(error);
  } finally {
    if (running === job) running = undefined;
    if (!job.abandoned) setProgress(0);
    updateControls();
  }
}

/** Asks the running fill to stop; its end then tells how it ended. */
function cancel(): void {
  const job = running;
  if (!job || job.cancelRequested) return;
  job.cancelRequested = true;
  setStatus('Cancelling…');
  updateControls();
  job.fill.cancel().catch(reportError);
}

/** Stops the running fill (a new image replaces its picture). */
function abandonRun(): void {
  const job = running;
  if (!job) return;
  running = undefined;
  job.abandoned = job.cancelRequested = true;
  job.fill.abandon();
  setProgress(0);
}

function showResult(next: NonNullable<typeof result>): void {
  dropResult();
  result = next;
  showBitmap(el.beforeCanvas, next.before);
  showBitmap(el.afterCanvas, next.after);
  setSplit(Number(el.compareSlider.value) / Number(el.compareSlider.max));
  setView('compare');
  updateControls();
}

function dropResult(): void {
  if (result) URL.revokeObjectURL(result.url);
  result = undefined;
  updateControls();
}

function downloadResult(): void {
  if (!result) return;
  const link = document.createElement('a');
  link.href = result.url;
  link.download = result.fileName;
  link.click();
}

/** The result becomes the image; painting goes on from it (undo brings the previous image back). */
function applyResult(): void {
  if (!result) return;
  history.push({ kind: 'apply', image: result.after });
  setView('edit');
  render();
  setStatus('Result applied: paint again to inpaint more.', 'ok');
}

// ---- methods

/**
 * The server's methods; with no server (the page opened from a static host), the methods that
 * need no weights, run in the page's own worker.
 */
async function loadMethods(): Promise<void> {
  try {
    const listed = await serverMethods();
    if (listed) {
      methods = listed.filter((m) => m.kind === 'image');
      videoMode.setMethods(listed.filter((m) => m.kind === 'video'));
    } else {
      const worker = new BrowserWorker();
      methods = await worker.methods();
      startFill = (input, listener) => startBrowserFill(worker, input, listener);
      el.serverless.hidden = false;
      videoMode.setServerless();
    }
  } catch (error) {
    reportError(error);
    return;
  }
  for (const method of methods) el.method.append(new Option(method.id, method.id, method.isDefault, method.isDefault));
  showMethod();
}

function showMethod(): void {
  const method = selectedMethod();
  if (!method) return;
  el.methodDescription.textContent = method.description;
  optionsForm.show(method);
  updateControls();
}

// ---- wiring

el.modeImage.addEventListener('click', () => setMode('image'));
el.modeVideo.addEventListener('click', () => setMode('video'));
el.imageInput.addEventListener('change', () => {
  const file = el.imageInput.files?.[0];
  if (file) void openImage(file);
  el.imageInput.value = '';
});
el.maskInput.addEventListener('change', () => {
  const file = el.maskInput.files?.[0];
  if (file) void openMask(file);
  el.maskInput.value = '';
});
el.toolBrush.addEventListener('click', () => setTool('brush'));
el.toolEraser.addEventListener('click', () => setTool('eraser'));
el.toolSelect.addEventListener('click', () => setTool('select'));
el.brushSize.addEventListener('input', () => setBrushSize(Number(el.brushSize.value)));
el.undo.addEventListener('click', undo);
el.redo.addEventListener('click', redo);
el.clearMask.addEventListener('click', clearMask);
el.method.addEventListener('change', showMethod);
el.optionsForm.addEventListener('submit', (event) => event.preventDefault());
el.run.addEventListener('click', () => void run());
el.cancel.addEventListener('click', cancel);
el.download.addEventListener('click', downloadResult);
el.apply.addEventListener('click', applyResult);
el.viewEdit.addEventListener('click', () => setView('edit'));
el.viewCompare.addEventListener('click', () => result && setView('compare'));
el.compareSlider.addEventListener('input', () =>
  stage.setSplit(Number(el.compareSlider.value) / Number(el.compareSlider.max)),
);

document.addEventListener('keydown', (event) => {
  // The shortcuts edit the image's mask, which video mode does not show.
  if (mode === 'video') return;
  const target = event.target as HTMLElement;
  if (target.matches('input:not([type=range]), select, textarea')) return;
  const key = event.key.toLowerCase();
  if ((event.ctrlKey || event.metaKey) && key === 'z') (event.shiftKey ? redo : undo)();
  else if ((event.ctrlKey || event.metaKey) && key === 'y') redo();
  else if (event.ctrlKey || event.metaKey || event.altKey) return;
  else if (key === 'b') setTool('brush');
  else if (key === 'e') setTool('eraser');
  else if (key === 's') setTool('select');
  else if (key === '[' || key === ']') {
    const size = Number(el.brushSize.value);
    const step = Math.max(1, Math.round(size * 0.15));
    setBrushSize(Math.min(Number(el.brushSize.max), Math.max(1, size + (key === ']' ? step : -step))));
  } else return;
  event.preventDefault();
});

// Drop an image anywhere on the page.
document.addEventListener('dragover', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  el.stage.classList.add('drop-target');
});
document.addEventListener('dragleave', (event) => {
  if (event.relatedTarget === null) el.stage.classList.remove('drop-target');
});
document.addEventListener('drop', (event) => {
  event.preventDefault();
  el.stage.classList.remove('drop-target');
  const file = event.dataTransfer?.files[0];
  if (!file) return;
  if (mode === 'video') videoMode.openDropped(file);
  else void openImage(file);
});

setMode(location.hash === '#video' ? 'video' : 'image');
setBrushSize(Number(el.brushSize.value));
setView('edit');
setStatus('Open an image to start.');
updateControls();
void loadMethods();
