// torchlet's modules import where there is no DOM, so the theme imports it directly: the SSR build
// renders the tags as HTML and the browser upgrades them.
import DefaultTheme from 'vitepress/theme';
import 'torchlet';

export default DefaultTheme;
