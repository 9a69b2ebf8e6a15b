import { ApiError, cancelJob, fetchResult, followJob, startVideoJob } from './api.js';
import { byId } from './dom.js';
import { FrameEditor } from './frame-editor.js';
import type { MethodInfo } from './method-info.js';
import { OptionsForm } from './options-form.js';

interface RunningVideoJob {
  /** Known once the server has accepted the upload. */
  id?: string;
  cancelRequested: boolean;
  /** Stops following the job's events (not the job itself). */
  readonly controller: AbortController;
}

/** Extensions taken for a mask video when the browser gives a file no type (mkv often has none). */
const videoExtensions = /\.(mp4|m4v|mov|webm|mkv|avi|ogv)$/i;

/** Whether a chosen file is a video (else it is taken for an image). */
export function isVideoFile(file: File): boolean {
  return file.type.startsWith('video/') || (file.type === '' && videoExtensions.test(file.name));
}

/**
 * The video half of the page: a clip and its mask (one image for every frame, or a mask video),
 * a video method with its option form (built from the server's schemas, as for images), a job
 * with progress and cancel, then the result playing beside the input and a download link.
 * The server checks sizes, lengths and limits; its errors are shown as it words them.
 */
export class VideoMode {
  private readonly el = {
    videoInput: byId('video-input', HTMLInputElement),
    videoName: byId('video-name', HTMLElement),
    maskInput: byId('video-mask-input', HTMLInputElement),
    maskName: byId('video-mask-name', HTMLElement),
    method: byId('video-method', HTMLSelectElement),
    methodDescription: byId('video-method-description', HTMLElement),
    run: byId('video-run', HTMLButtonElement),
    cancel: byId('video-cancel', HTMLButtonElement),
    progress: byId('video-progress', HTMLProgressElement),
    status: byId('video-status', HTMLElement),
    download: byId('video-download', HTMLAnchorElement),
    emptyState: byId('video-empty-state', HTMLElement),
    inputFigure: byId('video-input-figure', HTMLElement),
    preview: byId('video-preview', HTMLVideoElement),
    maskFigure: byId('video-mask-figure', HTMLElement),
    maskImage: byId('video-mask-image', HTMLImageElement),
    maskVideo: byId('video-mask-video', HTMLVideoElement),
    resultFigure: byId('video-result-figure', HTMLElement),
    result: byId('video-result', HTMLVideoElement),
  };
  private readonly optionsForm = new OptionsForm(byId('video-options-form', HTMLFormElement));
  private readonly frames = new FrameEditor({
    status: (text, kind) => this.setStatus(text, kind),
    masksChanged: () => this.drawnMasksChanged(),
  });
  private methods: MethodInfo[] = [];
  private video?: { file: File; url: string };
  private mask?: { file: File; url: string };
  private running?: RunningVideoJob;
  private resultUrl?: string;
  private serverless = false;

  constructor() {
    const { el } = this;
    el.videoInput.addEventListener('change', () => {
      const file = el.videoInput.files?.[0];
      if (file) this.openVideo(file);
      el.videoInput.value = '';
    });
    el.maskInput.addEventListener('change', () => {
      const file = el.maskInput.files?.[0];
      if (file) this.openMask(file);
      el.maskInput.value = '';
    });
    el.method.addEventListener('change', () => this.showMethod());
    el.run.addEventListener('click', () => void this.run());
    el.cancel.addEventListener('click', () => this.cancel());
    el.preview.addEventListener('loadedmetadata', () => this.describeVideo());
    el.preview.addEventListener('error', () => this.describeVideo());
    this.setStatus('Open a video and its mask to start.');
    this.updateControls();
  }

  /** The video methods of the registry, the default one selected. */
  setMethods(methods: MethodInfo[]): void {
    this.methods = methods;
    for (const method of methods) this.el.method.append(new Option(method.id, method.id, method.isDefault, method.isDefault));
    this.showMethod();
  }

  /** With no server (the page opened from a static host) there is no video: ffmpeg and the flow run on the server. */
  setServerless(): void {
    this.serverless = true;
    this.setStatus('Video needs the server: start it with inpaint serve and open the page it serves.', 'error');
    this.updateControls();
  }

  /** A dropped file: a video is the clip, an image the mask. */
  openDropped(file: File): void {
    if (isVideoFile(file)) this.openVideo(file);
    else this.openMask(file);
  }

  openVideo(file: File): void {
    this.abandonRun();
    this.dropResult();
    if (this.video) URL.revokeObjectURL(this.video.url);
    this.video = { file, url: URL.createObjectURL(file) };
    this.el.preview.src = this.video.url;
    this.el.videoName.textContent = file.name;
    this.el.inputFigure.hidden = false;
    this.el.emptyState.hidden = true;
    this.setStatus(this.mask ? 'Press Inpaint video.' : 'Now paint or select the mask on a frame and track it, or open a mask file.');
    this.updateControls();
    if (!this.serverless) void this.openFrames(file, this.video.url);
  }

  private async openFrames(file: File, url: string): Promise<void> {
    try {
      await this.frames.open(file, url);
    } catch (error) {
      if (this.video?.file === file) this.reportError(error);
    }
  }

  /** Masks drawn on the frames replace an opened mask file: the run uses what is shown. */
  private drawnMasksChanged(): void {
    if (this.frames.hasKeys) this.forgetMaskFile();
    this.dropResult();
    this.updateControls();
  }

  private forgetMaskFile(): void {
    if (this.mask) URL.revokeObjectURL(this.mask.url);
    this.mask = undefined;
    this.el.maskImage.removeAttribute('src');
    this.el.maskVideo.removeAttribute('src');
    this.el.maskFigure.hidden = true;
    this.el.maskName.textContent = 'Drawn on the frames.';
  }

  openMask(file: File): void {
    // A result must belong to the inputs shown: a run with the previous mask is given up.
    this.abandonRun();
    this.dropResult();
    // An opened mask file replaces the masks drawn on the frames.
    this.frames.forgetMasks();
    if (this.mask) URL.revokeObjectURL(this.mask.url);
    this.mask = { file, url: URL.createObjectURL(file) };
    const video = isVideoFile(file);
    this.el.maskImage.hidden = video;
    this.el.maskVideo.hidden = !video;
    if (video) {
      this.el.maskImage.removeAttribute('src');
      this.el.maskVideo.src = this.mask.url;
    } else {
      this.el.maskVideo.removeAttribute('src');
      this.el.maskImage.src = this.mask.url;
    }
    this.el.maskName.textContent = `${file.name} · ${video ? 'a mask per frame' : 'the same hole in every frame'}`;
    this.el.maskFigure.hidden = false;
    this.setStatus(this.video ? 'Press Inpaint video.' : 'Now open the video.');
    this.updateControls();
  }

  private describeVideo(): void {
    if (!this.video) return;
    const { preview } = this.el;
    const { name } = this.video.file;
    // The server reads what ffmpeg reads, which may be more than this browser plays.
    this.el.videoName.textContent = preview.videoWidth
      ? `${name} · ${preview.videoWidth}×${preview.videoHeight} · ${preview.duration.toFixed(1)} s`
      : `${name} · no preview in this browser`;
  }

  private showMethod(): void {
    const method = this.methods.find((m) => m.id === this.el.method.value);
    if (!method) return;
    this.el.methodDescription.textContent = method.description;
    this.optionsForm.show(method);
    this.updateControls();
  }

  private async run(): Promise<void> {
    const method = this.methods.find((m) => m.id === this.el.method.value);
    if (!this.video || !method || this.running) return;
    const reading = this.optionsForm.read();
    if ('problem' in reading) {
      this.setStatus(reading.problem.message, 'error');
      return;
    }
    let mask: File;
    try {
      mask = this.frames.hasKeys ? this.frames.masksFile() : this.mask!.file;
    } catch (error) {
      this.reportError(error);
      return;
    }
    const job: RunningVideoJob = { cancelRequested: false, controller: new AbortController() };
    const { signal } = job.controller;
    this.running = job;
    this.dropResult();
    this.updateControls();
    const fileName = `${this.video.file.name.replace(/\.[^.]*$/, '')}-${method.id}.mp4`;
    const started = performance.now();
    this.setProgress(undefined);
    this.setStatus('Uploading…');
    try {
      // The upload is never aborted: a job the server has made must be known, to be cancelled.
      job.id = await startVideoJob({ video: this.video.file, mask, method: method.id, options: reading.values });
      if (job.cancelRequested) void this.requestCancel(job.id);
      const end = await followJob(
        job.id,
        {
          onState: ({ state }) => {
            if (!job.cancelRequested) this.setStatus(state === 'queued' ? 'Queued: waiting for a free slot…' : 'Running…');
          },
          onProgress: (fraction, stage) => {
            this.setProgress(fraction);
            if (job.cancelRequested) return;
            const stageText = stage ? `${stage.charAt(0).toUpperCase()}${stage.slice(1)}: ` : '';
            this.setStatus(`${stageText}${Math.round(fraction * 100)}%`);
          },
        },
        signal,
      );
      if (end.state === 'cancelled') {
        this.setStatus('Cancelled.');
        return;
      }
      if (end.state === 'failed') throw end.error;
      this.showResult(await fetchResult(job.id, signal), fileName);
      this.setStatus(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`, 'ok');
    } catch (error) {
      // An abandoned run (another video was opened) has nothing more to tell.
      if (!signal.aborted) this.reportError(error);
    } finally {
      if (this.running === job) this.running = undefined;
      if (!signal.aborted) this.setProgress(0);
      this.updateControls();
    }
  }

  /** Asks the server to stop the running job; its event stream then tells how it ended. */
  private cancel(): void {
    const job = this.running;
    if (!job || job.cancelRequested) return;
    job.cancelRequested = true;
    this.setStatus('Cancelling…');
    this.updateControls();
    if (job.id) void this.requestCancel(job.id); // else run() asks as soon as the server names the job
  }

  private async requestCancel(id: string): Promise<void> {
    try {
      await cancelJob(id);
    } catch (error) {
      this.reportError(error);
    }
  }

  /** Stops following the running job (another video replaces its clip) and has the server stop it. */
  private abandonRun(): void {
    const job = this.running;
    if (!job) return;
    this.running = undefined;
    job.controller.abort();
    job.cancelRequested = true;
    if (job.id) void cancelJob(job.id).catch(() => undefined);
    this.setProgress(0);
  }

  private showResult(blob: Blob, fileName: string): void {
    // A blob URL, not the result's address: the player can seek in it without range requests.
    this.resultUrl = URL.createObjectURL(blob);
    this.el.result.src = this.resultUrl;
    this.el.resultFigure.hidden = false;
    this.el.download.href = this.resultUrl;
    this.el.download.download = fileName;
    this.el.download.setAttribute('aria-disabled', 'false');
    this.el.download.title = fileName;
  }

  private dropResult(): void {
    if (!this.resultUrl) return;
    URL.revokeObjectURL(this.resultUrl);
    this.resultUrl = undefined;
    this.el.result.removeAttribute('src');
    this.el.result.load();
    this.el.resultFigure.hidden = true;
    this.el.download.removeAttribute('href');
    this.el.download.setAttribute('aria-disabled', 'true');
  }

  private updateControls(): void {
    const { el } = this;
    const hasMask = this.mask !== undefined || this.frames.hasKeys;
    el.run.disabled = this.serverless || !this.video || !hasMask || this.frames.busy || this.running !== undefined || this.methods.length === 0;
    el.cancel.disabled = this.running === undefined || this.running.cancelRequested;
  }

  private setStatus(text: string, kind: 'info' | 'error' | 'ok' = 'info'): void {
    this.el.status.textContent = text;
    this.el.status.dataset.kind = kind;
  }

  private reportError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ApiError && error.field) this.optionsForm.markProblem(error.field, message);
    this.setStatus(message, 'error');
  }

  /** `undefined` shows an indeterminate bar (uploading, queued). */
  private setProgress(fraction: number | undefined): void {
    if (fraction === undefined) this.el.progress.removeAttribute('value');
    else this.el.progress.value = fraction;
  }
}
