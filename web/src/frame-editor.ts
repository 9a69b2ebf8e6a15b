import { decodeMaskFrames, encodeMaskFrames } from '../../src/io/mask-runs.js';
import type { Mask } from '../../src/core/image.js';
import { trackMasks, videoInfo, type VideoInfo } from './api.js';
import { BrowserWorker } from './browser-client.js';
import { context2d, readPixels } from './canvas.js';
import { byId, checkRadio } from './dom.js';
import { drawHoles, overlayFromHoles, overlayHoles } from './mask-overlay.js';
import { MaskPainter, type Tool } from './mask-painter.js';
import { Stage } from './stage.js';

export interface FrameEditorEvents {
  status(text: string, kind?: 'info' | 'error' | 'ok'): void;
  /** The drawn or tracked masks changed (a run must use them, or wait for a track). */
  masksChanged(): void;
}

/**
 * Video mode's mask on the frames: a slider through the clip's frames (the server tells how many),
 * the brush, eraser and Select tool on any frame (each frame drawn on is a key frame), and Track,
 * which has the server carry the key frames' masks through the clip and shows them on every frame
 * for a look before the run. The run then takes exactly those masks.
 */
export class FrameEditor {
  private readonly el = {
    group: byId('video-frames-group', HTMLElement),
    figure: byId('video-frame-figure', HTMLElement),
    number: byId('video-frame-number', HTMLOutputElement),
    count: byId('video-frame-count', HTMLElement),
    kind: byId('video-frame-kind', HTMLElement),
    slider: byId('video-frame-slider', HTMLInputElement),
    box: byId('video-frame-box', HTMLElement),
    frame: byId('video-frame-canvas', HTMLCanvasElement),
    mask: byId('video-frame-mask', HTMLCanvasElement),
    brush: byId('video-tool-brush', HTMLButtonElement),
    eraser: byId('video-tool-eraser', HTMLButtonElement),
    select: byId('video-tool-select', HTMLButtonElement),
    size: byId('video-brush-size', HTMLInputElement),
    sizeValue: byId('video-brush-size-value', HTMLOutputElement),
    clearFrame: byId('video-clear-frame', HTMLButtonElement),
    track: byId('video-track', HTMLButtonElement),
  };
  private readonly stage = new Stage({
    stage: byId('video-frame-stage', HTMLElement),
    box: this.el.box,
    editLayers: [this.el.frame, this.el.mask],
    cursor: byId('video-frame-cursor', HTMLElement),
  });
  private readonly selectWorker = new BrowserWorker();
  private tool: Tool = 'brush';
  private clip?: { file: File; info: VideoInfo; source: HTMLVideoElement };
  /** The frame shown, and the one the slider asks for (seeking takes a while). */
  private shown = -1;
  private wanted = 0;
  private seeking = false;
  /** The masks drawn, by frame: the key frames of a track. */
  private readonly keys = new Map<number, Uint8Array>();
  /** The last track's masks, by frame; `fresh` while no key has changed since. */
  private tracked?: { masks: Map<number, Mask>; fresh: boolean };
  private tracking?: AbortController;
  private selecting = false;

  constructor(private readonly events: FrameEditorEvents) {
    const { el } = this;
    new MaskPainter({
      box: el.box,
      overlay: el.mask,
      stage: this.stage,
      tool: () => this.tool,
      brushSize: () => Number(el.size.value),
      editing: () => this.shown >= 0 && !this.seeking && !this.tracking,
      onStroke: () => this.keepDrawnMask(),
      onPick: (x, y, remove) => void this.selectAt(x, y, remove),
    });
    el.brush.addEventListener('click', () => this.setTool('brush'));
    el.eraser.addEventListener('click', () => this.setTool('eraser'));
    el.select.addEventListener('click', () => this.setTool('select'));
    el.size.addEventListener('input', () => (el.sizeValue.value = el.size.value));
    el.slider.addEventListener('input', () => this.showFrame(Number(el.slider.value)));
    el.clearFrame.addEventListener('click', () => this.clearFrame());
    el.track.addEventListener('click', () => void this.track());
    this.stage.setView('edit');
  }

  /** Whether masks were drawn on the frames (they then make the run's mask). */
  get hasKeys(): boolean {
    return this.keys.size > 0;
  }

  get busy(): boolean {
    return this.tracking !== undefined;
  }

  /** Asks the server what the clip is, then shows its first frame. Throws the server's refusal. */
  async open(file: File, url: string): Promise<void> {
    this.close();
    const info = await videoInfo(file);
    const source = document.createElement('video');
    source.muted = true;
    source.preload = 'auto';
    source.src = url;
    await new Promise<void>((resolve, reject) => {
      source.addEventListener('loadeddata', () => resolve(), { once: true });
      source.addEventListener('error', () => reject(new Error(`${file.name}: this browser cannot show its frames to paint on`)), { once: true });
    });
    this.clip = { file, info, source };
    const { el } = this;
    el.frame.width = el.mask.width = info.width;
    el.frame.height = el.mask.height = info.height;
    el.slider.max = String(info.frameCount - 1);
    el.slider.value = '0';
    el.count.textContent = String(info.frameCount);
    el.size.max = String(Math.max(32, Math.ceil(Math.max(info.width, info.height) / 4)));
    el.group.hidden = el.figure.hidden = false;
    this.stage.setImageSize(info.width, info.height);
    this.updateControls();
    await this.showFrame(0);
  }

  /** Forgets every mask drawn or tracked (an opened mask file replaces them). */
  forgetMasks(): void {
    this.tracking?.abort();
    this.keys.clear();
    this.tracked = undefined;
    if (this.shown >= 0) this.drawMask();
    this.updateControls();
  }

  /** Forgets the clip and every mask drawn or tracked on it. */
  close(): void {
    this.forgetMasks();
    this.clip = undefined;
    this.shown = -1;
    this.el.group.hidden = this.el.figure.hidden = true;
  }

  /**
   * The masks for the run, as mask frames JSON: those of the last track. Throws when masks were
   * drawn since (or never tracked), since the run would not use what is shown.
   */
  masksFile(): File {
    if (!this.clip || !this.tracked?.fresh) throw new Error('Press Track first: the run uses the tracked masks, once they are up to date with what was drawn.');
    const { width, height } = this.clip.info;
    return new File([JSON.stringify(encodeMaskFrames(width, height, this.tracked.masks))], 'tracked-masks.json', { type: 'application/json' });
  }

  private setTool(tool: Tool): void {
    this.tool = tool;
    const { el } = this;
    checkRadio([el.brush, el.eraser, el.select], { brush: el.brush, eraser: el.eraser, select: el.select }[tool]);
    el.box.classList.toggle('picking', tool === 'select');
  }

  /** Shows frame `index` and its mask; a quick slider is followed to where it stops. */
  private async showFrame(index: number): Promise<void> {
    this.wanted = index;
    if (this.seeking || !this.clip) return;
    this.seeking = true;
    try {
      while (this.clip && this.shown !== this.wanted) {
        const target = this.wanted;
        const { source, info } = this.clip;
        // The middle of the frame's time on screen: no rounding puts it on a neighbour.
        source.currentTime = (target + 0.5) / info.fps;
        await new Promise((resolve) => source.addEventListener('seeked', resolve, { once: true }));
        context2d(this.el.frame).drawImage(source, 0, 0, info.width, info.height);
        this.shown = target;
        this.drawMask();
      }
    } finally {
      this.seeking = false;
    }
  }

  private drawMask(): void {
    const { el, shown } = this;
    const { width, height } = el.mask;
    const key = this.keys.get(shown);
    const tracked = this.tracked?.masks.get(shown)?.data;
    const ctx = context2d(el.mask);
    ctx.clearRect(0, 0, width, height);
    const holes = key ?? tracked;
    if (holes) ctx.putImageData(overlayFromHoles(holes, width, height), 0, 0);
    el.number.value = String(shown + 1);
    el.kind.textContent = key ? '· drawn (key frame)' : tracked ? `· tracked${this.tracked?.fresh ? '' : ' (before the last drawing)'}` : '· no mask';
  }

  /** What the overlay now shows of this frame becomes its key mask. */
  private keepDrawnMask(): void {
    this.keys.set(this.shown, overlayHoles(this.el.mask));
    if (this.tracked) this.tracked.fresh = false;
    this.drawMask();
    this.updateControls();
    this.events.masksChanged();
  }

  private clearFrame(): void {
    if (!this.keys.delete(this.shown)) return;
    if (this.tracked) this.tracked.fresh = false;
    this.drawMask();
    this.updateControls();
    this.events.masksChanged();
  }

  private async selectAt(x: number, y: number, remove: boolean): Promise<void> {
    if (this.selecting) return;
    this.selecting = true;
    const frame = this.shown;
    const { width, height, data } = readPixels(this.el.frame);
    const started = performance.now();
    this.events.status('Selecting…');
    try {
      const holes = await this.selectWorker.select({ width, height, rgba: data }, [{ x, y }]);
      if (this.shown !== frame) return;
      drawHoles(context2d(this.el.mask), holes, remove);
      this.keepDrawnMask();
      const ms = Math.round(performance.now() - started);
      this.events.status(`${remove ? 'Took out' : 'Added'} the object under the click on frame ${frame + 1} (${ms} ms). Track to carry it through the clip.`);
    } catch (error) {
      this.events.status(error instanceof Error ? error.message : String(error), 'error');
    } finally {
      this.selecting = false;
    }
  }

  /** Has the server track the key frames' masks through the clip, and shows them. */
  private async track(): Promise<void> {
    const clip = this.clip;
    if (!clip || this.keys.size === 0 || this.tracking) return;
    const { width, height, frameCount } = clip.info;
    const keys = new Map([...this.keys].map(([frame, data]) => [frame, { width, height, data }]));
    const tracking = new AbortController();
    this.tracking = tracking;
    this.updateControls();
    this.events.masksChanged();
    const started = performance.now();
    this.events.status(`Tracking ${keys.size === 1 ? 'the key frame' : `${keys.size} key frames`} through ${frameCount} frames…`);
    try {
      const answer = await trackMasks(clip.file, encodeMaskFrames(width, height, keys), tracking.signal);
      const masks = decodeMaskFrames(answer, 'the tracked masks', clip.info);
      if (this.clip !== clip) return;
      this.tracked = { masks, fresh: true };
      this.drawMask();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      this.events.status(`Tracked ${masks.size} frames in ${seconds} s: move the slider to check them, then Inpaint video.`, 'ok');
    } catch (error) {
      if (!tracking.signal.aborted) this.events.status(error instanceof Error ? error.message : String(error), 'error');
    } finally {
      if (this.tracking === tracking) this.tracking = undefined;
      this.updateControls();
      this.events.masksChanged();
    }
  }

  private updateControls(): void {
    this.el.track.disabled = this.keys.size === 0 || this.tracking !== undefined;
    this.el.clearFrame.disabled = this.tracking !== undefined;
  }
}
