// Inline styles through the CSSOM only. Lit's styleMap writes a style *attribute* on its first
// render, which a strict Content-Security-Policy (style-src without 'unsafe-inline') blocks and
// reports; element.style.setProperty is allowed. Used as an element directive:
//   html`<span ${cssomStyle({ color })}></span>`
import { noChange } from 'lit';
import { Directive, type ElementPart, PartType, type PartInfo, directive } from 'lit/directive.js';

class CssomStyleDirective extends Directive {
  private previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT)
      throw new Error('cssomStyle() goes on an element, not in an attribute');
  }

  render(_properties: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Readonly<Record<string, string>>]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.previous)
      if (!Object.prototype.hasOwnProperty.call(properties, name)) style.removeProperty(name);
    this.previous = new Set(Object.keys(properties));
    // An invalid value is dropped by the CSS parser here, never written as text.
    for (const name of this.previous) style.setProperty(name, properties[name]);
    return noChange;
  }
}

export const cssomStyle = directive(CssomStyleDirective);
