import { createRoot } from 'react-dom/client';
import { Root } from './app/Root';
import './app/global.css';

createRoot(document.getElementById('root')!).render(<Root />);
