export type View = 'edit' | 'compare';

export interface StageElements {
  readonly stage: HTMLElement;
  readonly box: HTMLElement;
  /** Shown until there is a picture, where the stage has one. */
  readonly emptyState?: HTMLElement;
  /** Shown while editing: the image and the mask overlay. */
  readonly editLayers: readonly HTMLElement[];
  /** Shown while comparing: before below, after on top, clipped at the split (a stage that only edits has none). */
  readonly compare?: { readonly before: HTMLElement; readonly after: HTMLElement; readonly divider: HTMLElement };
  readonly cursor: HTMLElement;
}

/**
 * The picture area: fits the image-sized canvases into the space there is (upscaling small images,
 * pixelated, so they can be painted precisely), maps pointer positions to image pixels, and shows
 * either the editing layers or the before/after comparison.
 */
export class Stage {
  private width = 0;
  private height = 0;
  private view: View = 'edit';

  constructor(private readonly el: StageElements) {
    new ResizeObserver(() => this.fit()).observe(el.stage);
  }

  get hasImage(): boolean {
    return this.width > 0;
  }

  get currentView(): View {
    return this.view;
  }

  setImageSize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    if (this.el.emptyState) this.el.emptyState.hidden = true;
    this.el.box.hidden = false;
    this.fit();
  }

  setView(view: View): void {
    this.view = view;
    for (const layer of this.el.editLayers) layer.hidden = view !== 'edit';
    const { compare } = this.el;
    if (compare) compare.before.hidden = compare.after.hidden = compare.divider.hidden = view !== 'compare';
    this.el.stage.dataset.view = view;
    if (view !== 'edit') this.hideCursor();
  }

  /** Where the comparison switches from before (left) to after (right), 0..1 of the width. */
  setSplit(fraction: number): void {
    const { compare } = this.el;
    if (!compare) return;
    const percent = `${(Math.min(1, Math.max(0, fraction)) * 100).toFixed(2)}%`;
    compare.after.style.clipPath = `inset(0 0 0 ${percent})`;
    compare.divider.style.left = percent;
  }

  /** The pointer's position in image pixels (fractional), and as a fraction of the width. */
  locate(event: PointerEvent): { x: number; y: number; fractionX: number } {
    const rect = this.el.box.getBoundingClientRect();
    const fractionX = (event.clientX - rect.left) / rect.width;
    return {
      x: fractionX * this.width,
      y: ((event.clientY - rect.top) / rect.height) * this.height,
      fractionX,
    };
  }

  /** Outlines the brush, `size` image pixels wide, centred on the pointer. */
  showCursor(event: PointerEvent, size: number, erase: boolean): void {
    const rect = this.el.box.getBoundingClientRect();
    const diameter = (size * rect.width) / this.width;
    const { style, classList } = this.el.cursor;
    style.width = style.height = `${diameter}px`;
    style.transform = `translate(${event.clientX - rect.left - diameter / 2}px, ${event.clientY - rect.top - diameter / 2}px)`;
    classList.toggle('erase', erase);
    this.el.cursor.hidden = false;
  }

  hideCursor(): void {
    this.el.cursor.hidden = true;
  }

  private fit(): void {
    if (!this.hasImage) return;
    const style = getComputedStyle(this.el.stage);
    const availableWidth = this.el.stage.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const availableHeight = this.el.stage.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    const scale = Math.max(0.01, Math.min(availableWidth / this.width, availableHeight / this.height, 8));
    this.el.box.style.width = `${Math.round(this.width * scale)}px`;
    this.el.box.style.height = `${Math.round(this.height * scale)}px`;
    this.el.box.classList.toggle('pixelated', scale >= 2);
  }
}
