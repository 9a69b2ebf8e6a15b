/** A linear undo/redo list: pushing after an undo drops the undone edits. */
export class EditHistory<Edit> {
  private edits: Edit[] = [];
  private cursor = 0;

  push(edit: Edit): void {
    this.edits.length = this.cursor;
    this.edits.push(edit);
    this.cursor++;
  }

  get canUndo(): boolean {
    return this.cursor > 0;
  }

  get canRedo(): boolean {
    return this.cursor < this.edits.length;
  }

  undo(): boolean {
    if (!this.canUndo) return false;
    this.cursor--;
    return true;
  }

  redo(): boolean {
    if (!this.canRedo) return false;
    this.cursor++;
    return true;
  }

  /** The edits in effect, oldest first. */
  applied(): readonly Edit[] {
    return this.edits.slice(0, this.cursor);
  }

  clear(): void {
    this.edits = [];
    this.cursor = 0;
  }
}
