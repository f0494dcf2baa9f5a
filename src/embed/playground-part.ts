// The part of torchlet.js a page of playgrounds needs: the CDN setup, then <tensor-playground>.
// torchlet.js imports it first, and embed.html imports only it for a fragment of code cells (the
// common embed), so both share one chunk and such an embed never fetches the other elements.
import '../cdn-setup.js';
import { embedPageBeside, setEmbedPageUrl } from './page-url.js';

export { TensorPlayground } from '../elements/tensor-playground/tensor-playground.js';

// Share links point at the embed.html beside this file (the project site's when a package CDN serves it).
setEmbedPageUrl(embedPageBeside(import.meta.url));
