import { expect, fixture, waitUntil } from '@open-wc/testing';
import './torchlet-studio.js';
import type { TorchletStudio } from './torchlet-studio.js';

describe('<torchlet-studio>', function () {
  this.timeout(120000);
  beforeEach(() => localStorage.removeItem('torchlet:studio:draft'));
  afterEach(() => localStorage.removeItem('torchlet:studio:draft'));

  it('labels its editor, offers every export as a button, and passes axe with the preview and an export shown', async () => {
    const studio = await fixture<TorchletStudio>(
      '<torchlet-studio sample="/demo/lessons/seed-lesson.md"></torchlet-studio>',
    );
    await studio.ready;
    await waitUntil(() => studio.preview?.cells?.length === 7, 'the preview', { timeout: 60000 });
    const editor = studio.shadowRoot!.querySelector('.cm-content') as HTMLElement;
    expect(editor.getAttribute('aria-label')).to.equal('Lesson in Markdown');
    expect(editor.getAttribute('contenteditable')).to.equal('true');
    const buttons = [...studio.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim());
    expect(buttons).to.include.members([
      'Open .md or .ipynb…',
      'Sample lesson',
      'Embed link and iframe',
      'HTML snippet',
      'Page (.html)',
      'Notebook (.ipynb)',
      'Markdown (.md)',
    ]);
    (studio.shadowRoot!.querySelector('.exports button') as HTMLButtonElement).click();
    await waitUntil(() => studio.shadowRoot!.querySelector('.exported textarea'), 'the iframe snippet');
    await expect(studio).to.be.accessible();
  });

  it('the Sample button brings the seed lesson back, and undo the text before it', async () => {
    const studio = await fixture<TorchletStudio>(
      '<torchlet-studio sample="/demo/lessons/seed-lesson.md"></torchlet-studio>',
    );
    await studio.ready;
    const seed = studio.markdown;
    studio.markdown = '# Mine\n';
    await studio.openSample();
    expect(studio.markdown).to.equal(seed);
    expect(studio.shadowRoot!.querySelector('[role="status"]')!.textContent).to.match(
      /The sample lesson is open/,
    );
  });
});
