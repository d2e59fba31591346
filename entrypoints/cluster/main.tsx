import { render } from 'preact';
import { t, uiLanguage } from '@/src/i18n/t';
import { extensionApi } from '@/src/ui/cluster/api';
import { ClusterPageApp } from '@/src/ui/cluster/PopupApp';
import '@/src/ui/cluster/lens.css';

document.documentElement.lang = uiLanguage();
document.title = t('clusterPage_title');
render(<ClusterPageApp api={extensionApi} />, document.getElementById('app')!);
