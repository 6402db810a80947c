/**
 * The only place that builds DOM nodes. Every string (including column names and cells from the data
 * file) goes in as text, never as HTML, so no file in the webview has a reason to touch `innerHTML`.
 */

type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/**
 * Creates an element. `attrs` become attributes (`class`, `id`, `data-*`, `aria-*`…); `true` sets an empty
 * attribute, `false`/`undefined` skip it. Children that are strings become text nodes.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    // Inline styles would break the CSP (style-src has no 'unsafe-inline'); use classes or CSSOM instead.
    if (name === 'style') throw new Error('el(): inline style attributes are not allowed');
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

/** Appends children; strings become text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Removes every child of `node`, then appends the given ones. */
export function replaceChildren(node: Element, ...children: Child[]): void {
  while (node.firstChild) node.removeChild(node.firstChild);
  append(node, ...children);
}

/** A button with a text label and a click handler. */
export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

/** Sets a cell's background and text colour through the CSSOM (allowed by the CSP, unlike a style attribute). */
export function paint(node: HTMLElement, colours: { background: string; ink: string }): void {
  node.style.backgroundColor = colours.background;
  node.style.color = colours.ink;
}
