// The house's floors, enforced by `npm run lint`: a room imports only the rooms below it
// (elements → kernel → python → core; plot draws plain data for the elements; protocol, the
// types that cross the Worker boundary, is the ground). Type imports count too: a type import
// upward still makes a room know a higher one.
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

/** Each room with the rooms it must never import, from the bottom up. */
export const floors = [
  { room: 'src/protocol', above: ['src/core', 'src/python', 'src/kernel', 'src/plot', 'src/elements'] },
  { room: 'src/core', above: ['src/python', 'src/kernel', 'src/plot', 'src/elements'] },
  { room: 'src/python', above: ['src/kernel', 'src/plot', 'src/elements'] },
  { room: 'src/kernel', above: ['src/plot', 'src/elements'] },
  { room: 'src/plot', above: ['src/core', 'src/python', 'src/kernel', 'src/elements'] },
];

export const layering = {
  files: ['src/**/*.ts'],
  plugins: { 'import-x': importX },
  settings: {
    // Our sources import `./x.js` for `./x.ts`: resolve as tsc does, or the rule sees nothing.
    'import-x/resolver-next': [
      createNodeResolver({ extensions: ['.ts', '.js', '.mjs'], extensionAlias: { '.js': ['.ts', '.js'] } }),
    ],
  },
  rules: {
    'import-x/no-restricted-paths': [
      'error',
      {
        zones: floors.map(({ room, above }) => ({
          target: `./${room}`,
          from: above.map((r) => `./${r}`),
          message: `${room} is below ${above.join(', ')}: imports point one way (see docs/architecture.md).`,
        })),
      },
    ],
  },
};
