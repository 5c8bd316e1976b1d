import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<div>安委台账</div>);
