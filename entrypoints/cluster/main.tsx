import { render } from 'preact';
import { extensionApi } from '@/src/ui/cluster/api';
import { ClusterPageApp } from '@/src/ui/cluster/PopupApp';
import '@/src/ui/cluster/lens.css';

render(<ClusterPageApp api={extensionApi} />, document.getElementById('app')!);
