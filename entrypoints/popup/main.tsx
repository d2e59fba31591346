import { render } from 'preact';
import { extensionApi } from '@/src/ui/cluster/api';
import { PopupApp } from '@/src/ui/cluster/PopupApp';
import '@/src/ui/cluster/lens.css';

render(<PopupApp api={extensionApi} />, document.getElementById('app')!);
