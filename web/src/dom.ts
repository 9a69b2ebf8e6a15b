/** The element with this id, checked to be of the expected class: a missing or wrong id fails at start-up, not later. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`#${id}: expected a ${type.name} in index.html`);
  return element;
}

/** Marks one button of a radio-like group as checked. */
export function checkRadio(buttons: readonly HTMLElement[], checked: HTMLElement): void {
  for (const button of buttons) button.setAttribute('aria-checked', String(button === checked));
}
