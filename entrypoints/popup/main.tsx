import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { popupHooks } from '@/lib/views/popup-hooks';
import './style.css';

const app = document.getElementById('app');
if (app) render(<Popup hooks={popupHooks(location.search)} close={() => window.close()} />, app);
