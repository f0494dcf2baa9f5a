// The reference: the smallest Pyodide cell (npm package `pyodide`, served locally), printing to the page.
import { loadPyodide } from '/node_modules/pyodide/pyodide.mjs';

const out = document.getElementById('output');
const pyodide = await loadPyodide({ indexURL: '/node_modules/pyodide/' });
pyodide.setStdout({ batched: (line) => (out.textContent += `${line}\n`) });
pyodide.runPython(document.getElementById('code').textContent);
window.firstOutput = { ms: performance.now(), text: out.textContent };
