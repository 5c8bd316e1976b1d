import { createRoot } from 'react-dom/client';
import { Root } from './app/Root';
import { parseHash } from './app/useHashRoute';
import { prefetchRoute } from './hazards/ledgerPrefetch';
import './app/global.css';

// The page the app opens on may start its first request now. The window is rendered when that answer is in
// (it takes a few tens of ms, the main process runs it while this bundle finishes loading), so the page comes up
// once, with its rows, instead of empty and then again with the rows — but never later than FIRST_WAIT_MS.
const FIRST_WAIT_MS = 250;
const start = parseHash(window.location.hash);
const first = prefetchRoute(start.path, start.query);
const render = () => createRoot(document.getElementById('root')!).render(<Root />);
if (first) void Promise.race([first, new Promise((r) => setTimeout(r, FIRST_WAIT_MS))]).then(render);
else render();
