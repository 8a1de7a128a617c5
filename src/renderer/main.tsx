import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { startEngine } from './engine/client';
import { createHost } from './host/create-host';

// A file dropped outside a drop target would make the browser navigate away to show it,
// taking the workspace with it. Only the workspace shell's own listeners act on drops.
window.addEventListener('dragover', (ev) => ev.preventDefault());
window.addEventListener('drop', (ev) => ev.preventDefault());

// One engine and one host for the page's lifetime, created outside React so that StrictMode's
// double mount cannot start a second worker.
const engine = startEngine();
const host = createHost();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App engine={engine} host={host} />
  </StrictMode>,
);
