// The host page: records what the sandboxed lesson reports, as an LMS page would.
const frame = document.getElementById('lesson');
const log = document.getElementById('host-log');
const lines = [];
addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || !event.data?.torchlet) return;
  const { torchlet: type, id, detail } = event.data;
  const summary =
    type === 'tp-check'
      ? detail.passed
        ? 'passed'
        : `not yet: ${detail.message}`
      : type === 'tp-run-end'
        ? `${detail.ok ? 'ok' : 'error'} on ${detail.device} (${detail.backend}), ${Math.round(detail.duration)} ms`
        : type === 'gp-change'
          ? `x = ${detail.x}, slopes ${detail.slopes.join(', ')}`
          : JSON.stringify(detail).slice(0, 120);
  lines.unshift(`${new Date().toLocaleTimeString()}  ${type} from #${id}: ${summary}`);
  log.textContent = lines.slice(0, 10).join('\n');
});
