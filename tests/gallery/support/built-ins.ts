/**
 * j-component renders WeChat's built-in tags as empty custom elements (<wx-input>, <wx-button> …) and
 * keeps what they would draw (an input's value, a button's type, a live-player's id) in its virtual
 * tree. This copies what matters for a picture onto a clone of the DOM, as attributes the base
 * stylesheet can select on and as child elements that draw the value, placeholder or label.
 */
import fs from 'fs';
import path from 'path';

interface VirtualAttr {
  name: string;
  value: unknown;
}

/** The exparser node behind each DOM element (only the parts read here). */
interface ExparserNode {
  __domElement?: Element;
  _vt?: { attrs?: VirtualAttr[] };
  childNodes?: ExparserNode[];
  shadowRoot?: ExparserNode;
}

type Attrs = Map<string, unknown>;

/** Attributes a built-in's look depends on, copied onto the element as they are. */
const VISIBLE_FLAGS: Record<string, string[]> = {
  'wx-button': ['type', 'size', 'plain', 'disabled', 'loading'],
  'wx-input': ['disabled'],
  'wx-textarea': ['disabled', 'auto-height'],
  'wx-switch': ['checked', 'disabled', 'color'],
  'wx-checkbox': ['checked', 'disabled'],
  'wx-radio': ['checked', 'disabled'],
  'wx-icon': ['type'],
  'wx-scroll-view': ['scroll-x', 'scroll-y'],
  'wx-image': ['mode'],
};

const ICON_GLYPHS: Record<string, string> = {
  success: '✓',
  success_no_circle: '✓',
  info: 'i',
  warn: '!',
  waiting: '…',
  cancel: '×',
  download: '↓',
  search: '⌕',
  clear: '×',
};

const IMAGE_FIT: Record<string, string> = {
  scaleToFill: 'fill',
  aspectFit: 'contain',
  aspectFill: 'cover',
  widthFix: 'cover',
  heightFix: 'cover',
};

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** wcc hands attributes over camelCased (scroll-y → scrollY); the WXML and this file spell them dashed. */
function dashed(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function collectAttrs(root: ExparserNode): Map<Element, Attrs> {
  const found = new Map<Element, Attrs>();
  const seen = new Set<ExparserNode>();
  const visit = (node: ExparserNode | undefined) => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    if (node.__domElement && node._vt?.attrs) {
      found.set(node.__domElement, new Map(node._vt.attrs.map((a) => [dashed(a.name), a.value])));
    }
    for (const child of node.childNodes ?? []) visit(child);
    visit(node.shadowRoot);
  };
  visit(root);
  return found;
}

function isOn(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== 'false';
}

function asText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function child(doc: Document, className: string, text = ''): HTMLElement {
  const span = doc.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

/** An image the page ships (absolute from the mini-program root or relative to the page), inlined. */
function localImage(src: string, pageDir: string, miniprogramRoot: string): string | null {
  if (!src || /^[a-z]+:/i.test(src)) return null;
  const file = src.startsWith('/') ? path.join(miniprogramRoot, src) : path.join(pageDir, src);
  const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
  if (!type || !fs.existsSync(file)) return null;
  return `data:${type};base64,${fs.readFileSync(file).toString('base64')}`;
}

function drawInput(el: Element, attrs: Attrs, liveValue: unknown): void {
  const doc = el.ownerDocument;
  const value = asText(attrs.get('value') ?? liveValue);
  if (value) {
    const shown = isOn(attrs.get('password')) ? '•'.repeat(value.length) : value;
    el.appendChild(child(doc, 'wx-input-value', shown));
  } else {
    el.appendChild(child(doc, 'wx-input-placeholder', asText(attrs.get('placeholder'))));
  }
}

function drawIcon(el: Element, attrs: Attrs): void {
  const size = Number.parseFloat(asText(attrs.get('size'))) || 23;
  const color = asText(attrs.get('color'));
  const style = `width:${size}px;height:${size}px;font-size:${Math.round(size * 0.62)}px;line-height:${size}px;`;
  el.setAttribute(
    'style',
    `${style}${color ? `--wx-icon-color:${color};` : ''}${el.getAttribute('style') ?? ''}`,
  );
  el.textContent = ICON_GLYPHS[asText(attrs.get('type'))] ?? '';
}

function drawImage(el: Element, attrs: Attrs, pageDir: string, miniprogramRoot: string): void {
  const doc = el.ownerDocument;
  const data = localImage(asText(attrs.get('src')), pageDir, miniprogramRoot);
  if (!data) {
    // Remote images cannot load here (closed network): a neutral tile keeps the layout honest.
    el.appendChild(child(doc, 'wx-image-missing'));
    return;
  }
  const img = doc.createElement('img');
  img.src = data;
  img.alt = '';
  img.style.objectFit = IMAGE_FIT[asText(attrs.get('mode')) || 'scaleToFill'] ?? 'fill';
  el.appendChild(img);
}

function drawSlider(el: Element, attrs: Attrs): void {
  const doc = el.ownerDocument;
  const min = Number(attrs.get('min') ?? 0) || 0;
  const max = Number(attrs.get('max') ?? 100) || 100;
  const value = Number(attrs.get('value') ?? min) || 0;
  const percent = max > min ? Math.max(0, Math.min(100, ((value - min) / (max - min)) * 100)) : 0;
  const track = child(doc, 'wx-slider-track');
  const filled = child(doc, 'wx-slider-filled');
  const handle = child(doc, 'wx-slider-handle');
  filled.style.width = `${percent}%`;
  handle.style.left = `${percent}%`;
  const active = asText(attrs.get('active-color'));
  if (active) filled.style.background = active;
  track.append(filled, handle);
  el.appendChild(track);
  if (isOn(attrs.get('show-value'))) {
    el.appendChild(child(doc, 'wx-slider-value', String(value)));
  }
}

/** Native components have no picture here: a dark box with what it is and who it shows. */
function drawNative(el: Element, tag: string, attrs: Attrs): void {
  const doc = el.ownerDocument;
  const id = asText(attrs.get('id'));
  const label = child(doc, 'wx-native-label');
  label.appendChild(child(doc, 'wx-native-name', `${tag.replace(/^wx-/, '')}${id ? ` · ${id}` : ''}`));
  label.appendChild(child(doc, 'wx-native-size'));
  el.insertBefore(label, el.firstChild);
}

function annotate(el: Element, attrs: Attrs, liveValue: unknown, pageDir: string, miniprogramRoot: string) {
  const tag = el.tagName.toLowerCase();
  const id = asText(attrs.get('id'));
  if (id && !el.id) el.id = id;
  if (isOn(attrs.get('hidden'))) el.setAttribute('hidden', '');
  for (const name of VISIBLE_FLAGS[tag] ?? []) {
    const value = attrs.get(name);
    if (value === true || value === 'true' || value === '') el.setAttribute(name, '');
    else if (isOn(value)) el.setAttribute(name, asText(value));
  }
  switch (tag) {
    case 'wx-input':
    case 'wx-textarea':
      drawInput(el, attrs, liveValue);
      break;
    case 'wx-button':
      if (isOn(attrs.get('loading')))
        el.insertBefore(child(el.ownerDocument, 'wx-button-loading'), el.firstChild);
      break;
    case 'wx-icon':
      drawIcon(el, attrs);
      break;
    case 'wx-image':
      drawImage(el, attrs, pageDir, miniprogramRoot);
      break;
    case 'wx-live-player':
    case 'wx-live-pusher':
    case 'wx-video':
    case 'wx-camera':
      drawNative(el, tag, attrs);
      break;
    case 'wx-slider':
      drawSlider(el, attrs);
      break;
    case 'wx-progress': {
      const bar = child(el.ownerDocument, 'wx-progress-bar');
      bar.style.width = `${Math.max(0, Math.min(100, Number(attrs.get('percent')) || 0))}%`;
      el.appendChild(bar);
      break;
    }
    case 'wx-scroll-view':
      for (const name of ['scroll-into-view', 'scroll-top', 'scroll-left']) {
        const value = asText(attrs.get(name));
        if (value) el.setAttribute(`data-gallery-${name}`, value);
      }
      break;
    case 'wx-text':
      // <text> keeps line breaks (pre-line); the WXML's own indentation around it is not content.
      for (const node of [el.firstChild, el.lastChild]) {
        if (node?.nodeType === 3 && !(node.textContent ?? '').trim()) node.remove();
      }
      break;
    default:
      break;
  }
}

/**
 * A copy of the rendered page whose built-ins draw themselves, ready to serialise.
 * @param pageDir the page's folder, for images given by relative path
 */
export function drawBuiltIns(
  dom: HTMLElement,
  exparserRoot: unknown,
  pageDir: string,
  miniprogramRoot: string,
): HTMLElement {
  const attrsByElement = collectAttrs(exparserRoot as ExparserNode);
  const copy = dom.cloneNode(true) as HTMLElement;
  const originals = [dom, ...Array.from(dom.querySelectorAll('*'))];
  const copies = [copy, ...Array.from(copy.querySelectorAll('*'))];
  originals.forEach((original, i) => {
    const attrs = attrsByElement.get(original);
    const target = copies[i];
    if (!attrs || !target) return;
    const liveValue = (original as Element & { value?: unknown }).value;
    annotate(target, attrs, liveValue, pageDir, miniprogramRoot);
  });
  return copy;
}
