// Parts of torchlet that load on first use (each its own file of the CDN build: a module on its
// `import`, numpy's engine on a tensor's .numpy()). A file that cannot be fetched (offline, a
// blocked CDN) fails the cell with an ImportError in plain words: never a hang or a JS error.
import { pyError } from './objects.js';

export async function loadPart<T>(what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw pyError(
      'ImportError',
      `could not load ${what}: a file of torchlet did not download (${reason}). Check the connection, then run the cell again.`,
    );
  }
}
