import { context2d } from './canvas.js';
import { drawSegment } from './mask-overlay.js';
import type { Stage } from './stage.js';

export type Tool = 'brush' | 'eraser' | 'select';

/** A finished brush or eraser stroke; `points` holds x, y pairs in image pixels. */
export interface Stroke {
  readonly erase: boolean;
  readonly size: number;
  readonly points: readonly number[];
}

export interface MaskPainterSettings {
  readonly box: HTMLElement;
  readonly overlay: HTMLCanvasElement;
  readonly stage: Stage;
  tool(): Tool;
  brushSize(): number;
  /** Whether the pointer edits the mask now (a picture is shown, in the edit view). */
  editing(): boolean;
  /** A stroke was painted (it is on the overlay already). */
  onStroke(stroke: Stroke): void;
  /** A click with the Select tool, in image pixels; `remove` when shift was held. */
  onPick(x: number, y: number, remove: boolean): void;
}

/**
 * The pointer on the mask overlay: the brush and eraser paint strokes live (drawn segment by
 * segment, as their replay draws them), the Select tool hands its clicks on.
 */
export class MaskPainter {
  private stroke?: { pointerId: number; size: number; erase: boolean; points: number[] };

  constructor(private readonly settings: MaskPainterSettings) {
    const { box, stage } = settings;
    box.addEventListener('pointerdown', (event) => this.down(event));
    box.addEventListener('pointermove', (event) => this.move(event));
    box.addEventListener('pointerup', (event) => this.end(event));
    box.addEventListener('pointercancel', (event) => this.end(event));
    box.addEventListener('pointerleave', () => stage.hideCursor());
  }

  private down(event: PointerEvent): void {
    const { settings } = this;
    if (!settings.editing() || this.stroke || event.button !== 0) return;
    const { x, y } = settings.stage.locate(event);
    const tool = settings.tool();
    if (tool === 'select') {
      settings.onPick(Math.floor(x), Math.floor(y), event.shiftKey);
      return;
    }
    settings.box.setPointerCapture(event.pointerId);
    this.stroke = { pointerId: event.pointerId, size: settings.brushSize(), erase: tool === 'eraser', points: [x, y] };
    drawSegment(context2d(settings.overlay), x, y, x, y, this.stroke.size, this.stroke.erase);
  }

  private move(event: PointerEvent): void {
    const { settings, stroke } = this;
    if (!settings.editing()) return;
    const tool = settings.tool();
    if (tool === 'select') settings.stage.hideCursor();
    else settings.stage.showCursor(event, settings.brushSize(), tool === 'eraser');
    if (!stroke || event.pointerId !== stroke.pointerId) return;
    const ctx = context2d(settings.overlay);
    const { points, size } = stroke;
    for (const move of event.getCoalescedEvents?.() ?? [event]) {
      const { x, y } = settings.stage.locate(move);
      const [lastX, lastY] = points.slice(-2);
      if (x === lastX && y === lastY) continue;
      drawSegment(ctx, lastX, lastY, x, y, size, stroke.erase);
      points.push(x, y);
    }
  }

  private end(event: PointerEvent): void {
    const { stroke } = this;
    if (!stroke || event.pointerId !== stroke.pointerId) return;
    this.stroke = undefined;
    this.settings.onStroke({ erase: stroke.erase, size: stroke.size, points: stroke.points });
  }
}
