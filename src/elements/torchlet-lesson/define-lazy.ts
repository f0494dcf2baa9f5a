// <torchlet-lesson> is defined when a page first has one: its code (Markdown parser, sanitizer,
// KaTeX) is fetched then, not by the many pages of plain cells.
import { defineWhenUsed, once } from '../shared/define-when-used.js';

/** Loads and defines `<torchlet-lesson>` (once); resolves with its module (the notebook converters too). */
export const loadLesson = once('<torchlet-lesson>', () => import('./torchlet-lesson.js'));

/** Defines the element as soon as the page has one; until then only an observer runs. */
export function defineLessonWhenUsed(): void {
  defineWhenUsed(['torchlet-lesson'], loadLesson);
}
